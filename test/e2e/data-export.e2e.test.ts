/**
 * "Download my data" in a real browser (issue 7): a student asks for a copy of their data from
 * the profile, the background job makes it, they download the ZIP and open its HTML summary —
 * where a <script> in their loop is shown as text, never run. axe checks every page visited.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, expectAccessible, expectHeading, launchBrowser, openPage, signIn, startServer, unexpectedProblems, type TestServer, registerByApi } from "./support.js";

let server: TestServer;
let browser: Browser;
let unpacked: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  unpacked = await mkdtemp(path.join(os.tmpdir(), "openloop-export-"));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (unpacked) await rm(unpacked, { recursive: true, force: true });
});


describe("data export in the browser", () => {
  it("a student requests their data, downloads the ZIP and opens its HTML summary", async () => {
    const teacher = await registerByApi(server, "Tilda Teacher", "tilda@example.org");
    const org = (await apiCall(server, "POST", "/organisations", { name: "Solskolan", type: "school" }, teacher)).json as { organisation: { id: string } };
    const group = (await apiCall(server, "POST", `/organisations/${org.organisation.id}/groups`, { name: "7B", type: "hierarchical", hasStudentMembers: true }, teacher)).json as { group: { id: string } };
    const codes = (await apiCall(server, "GET", `/groups/${group.group.id}/codes`, undefined, teacher)).json as { codes: { purpose: string; code: string }[] };
    const student = await registerByApi(server, "Sam Student", "sam@example.org");
    expect((await apiCall(server, "POST", "/join", { code: codes.codes.find((c) => c.purpose === "sender")!.code }, student)).status).toBe(200);
    const text = "I learnt about bridges <script>document.title='pwned'</script>";
    const sent = await apiCall(server, "POST", `/groups/${group.group.id}/loops`, { emoji: 4, text }, student);
    expect(sent.status).toBe(201);

    const { context, page, problems } = await openPage(browser, { locale: "en-GB", width: 360, height: 800 });
    await signIn(page, server.url, "sam@example.org");
    await page.goto(`${server.url}/profile`);
    await page.getByRole("link", { name: "Download my data" }).click();
    await expectHeading(page, "Download my data");
    await page.getByText("No copies yet.").waitFor();
    await expectAccessible(page, "data export, empty (en, 360 px)");

    await page.getByRole("button", { name: "Make a copy of my data" }).click();
    await page.getByRole("status").filter({ hasText: "We are making your copy" }).waitFor();
    // The list polls while the copy is being made; the job is quick.
    const link = page.getByRole("link", { name: /^Download \(/ });
    await link.waitFor({ timeout: 30_000 });
    await page.getByText(/You can ask for a new copy once a day/).waitFor();
    await expectAccessible(page, "data export, ready (en, 360 px)");

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const zipPath = path.join(unpacked, "export.zip");
    await download.saveAs(zipPath);
    const zip = await JSZip.loadAsync(await readFile(zipPath));
    for (const [name, file] of Object.entries(zip.files)) {
      if (file.dir) continue;
      const target = path.join(unpacked, "unzipped", name);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, await file.async("nodebuffer"));
    }
    const loops = JSON.parse(await zip.file("data/loops.json")!.async("string")) as { text: string }[];
    expect(loops.map((l) => l.text)).toEqual([text]);

    // The summary opens in the browser on its own: readable, the script inert.
    await page.goto(pathToFileURL(path.join(unpacked, "unzipped", "index.html")).href);
    await expectHeading(page, "My data in Openloop");
    await page.getByText(text).waitFor();
    expect(await page.title()).toBe("My data in Openloop");
    await expectAccessible(page, "export summary (index.html, 360 px)");
    expect(unexpectedProblems(problems).filter((p) => !p.includes("file://"))).toEqual([]);
    await context.close();
  });
});
