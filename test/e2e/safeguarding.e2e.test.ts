/**
 * Safeguarding in the browser (issue 7): the school's administrator names the counsellor as
 * safeguarding contact; a teacher reads a student's anonymous loop about harm at home and flags it
 * "requires reporting"; the counsellor — in none of the school's groups — is told, opens the loop
 * with its conversation (still without the sender) and records that it was forwarded to the social
 * services. axe-core checks every page visited (WCAG 2.1 A/AA); the counsellor works at 360 px.
 *
 * The school, class and loop are made through the API; every safeguarding step goes through the UI.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, expectAccessible, expectHeading, launchBrowser, openPage, signIn, startServer, unexpectedProblems, type TestServer, registerByApi } from "./support.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});


const LOOP_TEXT = "My stepdad hits me when he is angry. Please don't tell him.";

describe("safeguarding in the browser", () => {
  it("a teacher flags a loop, a safeguarding contact opens it without its anonymous sender and records 'forwarded to the social services'", async () => {
    // ---- The school (the teacher administers it), the class, the counsellor and an anonymous loop.
    const teacher = await registerByApi(server, "Tilda Teacher", "tilda@example.org");
    const orgId = ((await apiCall(server, "POST", "/organisations", { name: "Solskolan", type: "school" }, teacher)).json as { organisation: { id: string } }).organisation.id;
    const groupId = (
      (await apiCall(server, "POST", `/organisations/${orgId}/groups`, { name: "7B", type: "hierarchical", hasStudentMembers: true }, teacher)).json as { group: { id: string } }
    ).group.id;
    const codes = (await apiCall(server, "GET", `/groups/${groupId}/codes`, undefined, teacher)).json as { codes: { purpose: string; code: string }[] };
    const student = await registerByApi(server, "Sigge Student", "sigge@example.org");
    expect((await apiCall(server, "POST", "/join", { code: codes.codes.find((c) => c.purpose === "sender")!.code }, student)).status).toBe(200);
    const sent = await apiCall(server, "POST", `/groups/${groupId}/loops`, { emoji: 1, text: LOOP_TEXT, anonymous: true }, student);
    expect(sent.status).toBe(201);
    const loopId = (sent.json as { loop: { id: string } }).loop.id;
    await registerByApi(server, "Kerstin Kurator", "kerstin@example.org");
    expect((await apiCall(server, "POST", `/organisations/${orgId}/group-creators`, { email: "kerstin@example.org" }, teacher)).status).toBe(200);

    // ---- The administrator names the counsellor as safeguarding contact.
    const t = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    const tp = t.page;
    await signIn(tp, server.url, "tilda@example.org");
    await tp.goto(`${server.url}/organisations/${orgId}`);
    await expectHeading(tp, "Solskolan");
    await tp.getByRole("navigation", { name: /Sections of Solskolan/ }).getByRole("link", { name: "Safeguarding" }).click();
    await tp.getByRole("heading", { name: "Safeguarding contacts" }).waitFor();
    await tp.getByText("No safeguarding contacts yet.").waitFor();
    await tp.getByLabel("Member").selectOption({ label: "Kerstin Kurator" });
    await tp.getByRole("button", { name: "Add", exact: true }).click();
    await tp.getByText("Kerstin Kurator is now a safeguarding contact.").waitFor();
    await tp.getByRole("button", { name: "Remove Kerstin Kurator as safeguarding contact" }).waitFor();
    await expectAccessible(tp, "safeguarding, contacts (administrator)");

    // ---- The teacher reads the loop and flags it.
    await tp.goto(`${server.url}/loops/${loopId}`);
    await tp.getByText(LOOP_TEXT).waitFor();
    await tp.getByRole("heading", { name: "Requires reporting" }).waitFor();
    await tp.getByRole("button", { name: "Flag as requiring reporting" }).click();
    const dialog = tp.getByRole("dialog", { name: "Flag as requiring reporting" });
    await dialog.waitFor();
    // The note is required: the form says so before anything is sent.
    await dialog.getByRole("button", { name: "Flag the loop" }).click();
    await dialog.getByRole("alert").first().waitFor();
    await dialog.getByRole("radio", { name: /^Abuse/ }).check();
    await dialog.getByLabel("Note to the safeguarding contacts").fill("Writes about being hit at home. Must be reported today.");
    await expectAccessible(tp, "flag dialog");
    await dialog.getByRole("button", { name: "Flag the loop" }).click();
    await tp.getByText("The loop is flagged. The safeguarding contacts have been told.").waitFor();
    await tp.getByText(/Flagged by you \(.*\): Abuse\. Status: Open\./).waitFor();
    await expectAccessible(tp, "loop page, flagged");
    expect(unexpectedProblems(t.problems)).toEqual([]);

    // ---- The counsellor, on a phone, is told in the feed and opens the flag from there.
    const k = await openPage(browser, { locale: "en-GB", width: 360, height: 780 });
    const kp = k.page;
    await signIn(kp, server.url, "kerstin@example.org");
    await kp.goto(`${server.url}/feed`);
    const item = kp.getByRole("link", { name: /Tilda Teacher flagged a loop in 7B that may need reporting/ });
    await item.waitFor();
    await expectAccessible(kp, "feed with the safeguarding notification (360 px)");
    await item.click();
    await kp.getByRole("heading", { name: "Flagged loops" }).waitFor();
    await expectAccessible(kp, "safeguarding, flagged loops (360 px)");
    await kp.getByRole("link", { name: "Abuse in 7B" }).click();
    await kp.getByRole("heading", { name: "Flagged loop", level: 2 }).waitFor();
    await kp.getByText(LOOP_TEXT).waitFor();
    await kp.getByText("Sent anonymously — the sender is not shown, not even to safeguarding contacts.").waitFor();
    expect(await kp.getByText("Sigge Student").count()).toBe(0);
    await expectAccessible(kp, "flagged loop (360 px)");

    // ---- …and records what was done.
    await kp.getByRole("radio", { name: "Forwarded to the social services" }).check();
    await kp.getByLabel("Note", { exact: true }).fill("Reported to the social services by phone, case 2026-113.");
    await kp.getByRole("button", { name: "Record step" }).click();
    await kp.getByText("The step is recorded.").waitFor();
    await kp.getByText("Forwarded to the social services — Kerstin Kurator").waitFor();
    await expectAccessible(kp, "flagged loop, step recorded (360 px)");
    expect(unexpectedProblems(k.problems)).toEqual([]);

    // ---- The teacher sees the new status on the loop; no one else sees the flag.
    await tp.reload();
    await tp.getByText(/Status: Forwarded to the social services\./).waitFor();
    await t.context.close();
    await k.context.close();
  });
});
