/**
 * Retention (issue 7) in real browsers: a teacher sets how long the class keeps its data and why
 * (starting from an example text), sees the "soon removed" list and the organisation's privacy
 * settings; a student on a phone reads the period and the purpose on the class's page.
 * axe-core checks every page visited (WCAG 2.1 A/AA).
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


describe("retention in the browser", () => {
  it("a teacher sets the period and purpose; a student sees them on the class's page", async () => {
    const teacher = await registerByApi(server, "Tilda Teacher", "tilda@example.org", "en");
    const student = await registerByApi(server, "Sam Student", "sam@example.org", "sv");
    const org = (await apiCall(server, "POST", "/organisations", { name: "Solskolan", type: "school" }, teacher)).json as { organisation: { id: string } };
    const group = (await apiCall(server, "POST", `/organisations/${org.organisation.id}/groups`, { name: "7B", type: "hierarchical", hasStudentMembers: true }, teacher))
      .json as { group: { id: string } };
    const codes = (await apiCall(server, "GET", `/groups/${group.group.id}/codes`, undefined, teacher)).json as { codes: { purpose: string; code: string }[] };
    expect((await apiCall(server, "POST", "/join", { code: codes.codes.find((c) => c.purpose === "sender")!.code }, student)).status).toBe(200);

    // ---- The teacher: the class's settings.
    const t = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    await signIn(t.page, server.url, "tilda@example.org");
    await t.page.goto(`${server.url}/groups/${group.group.id}/settings`);
    await t.page.getByRole("heading", { level: 2, name: "How long data is kept" }).waitFor();
    await t.page.getByLabel("Keep data for").selectOption("6");
    await t.page.getByText("Example texts to start from").click();
    // Each example's button is described by its text; the first is the school year's.
    await t.page.getByRole("button", { name: "Use this text" }).first().click();
    const purpose = await t.page.getByLabel("Why the data is kept").inputValue();
    expect(purpose).toMatch(/^Loops and comments are kept/);
    await expectAccessible(t.page, "group settings with retention");
    await t.page.getByRole("button", { name: "Save", exact: true }).click();
    await t.page.getByText("Saved. Members see the change on the group's page.").waitFor();

    // A custom period out of bounds is refused next to the field, in words.
    await t.page.getByLabel("Keep data for").selectOption("custom");
    await t.page.getByLabel("Number of days").fill("5");
    await t.page.getByRole("button", { name: "Save", exact: true }).click();
    await t.page.getByText("Enter a whole number of days from 14 to 3650.").first().waitFor();
    await expectAccessible(t.page, "group settings with a retention error");

    // The overview tells the period; the leaders' link opens the list of what goes soon.
    await t.page.goto(`${server.url}/groups/${group.group.id}`);
    await t.page.getByText("are kept for 6 months, then removed for good").waitFor();
    await t.page.getByRole("link", { name: "See what is removed in the next 14 days" }).click();
    await expectHeading(t.page, "7B");
    await t.page.getByText(/^Nothing is removed before/).waitFor();
    // The page is also a section of the group for its leaders.
    await t.page.getByRole("navigation", { name: "Sections of 7B" }).getByRole("link", { name: "Soon removed" }).waitFor();
    await expectAccessible(t.page, "soon removed");

    // The organisation's privacy settings.
    await t.page.goto(`${server.url}/organisations/${org.organisation.id}/settings`);
    await t.page.getByRole("heading", { level: 2, name: "Privacy" }).waitFor();
    await t.page.getByRole("radio", { name: "The leader's name" }).check();
    await expectAccessible(t.page, "organisation settings with privacy");
    await t.page.getByRole("button", { name: "Save", exact: true }).click();
    await t.page.getByText("Saved. New groups start with this period and purpose.").waitFor();
    const saved = (await apiCall(server, "GET", `/organisations/${org.organisation.id}`, undefined, teacher)).json as { organisation: { exportCommentAuthors: string } };
    expect(saved.organisation.exportCommentAuthors).toBe("name");
    expect(unexpectedProblems(t.problems)).toEqual([]);
    await t.context.close();

    // ---- The student, on a phone, in Swedish.
    const s = await openPage(browser, { locale: "sv-SE", width: 360, height: 740 });
    await signIn(s.page, server.url, "sam@example.org", true);
    await s.page.goto(`${server.url}/groups/${group.group.id}`);
    await s.page.getByRole("heading", { level: 2, name: "Dina data i den här gruppen" }).waitFor();
    await s.page.getByText("sparas i 6 månader och tas sedan bort för gott").waitFor();
    await s.page.getByText(`Varför: ${purpose}`).waitFor();
    await expect(s.page.getByRole("link", { name: "Se vad som tas bort de närmaste 14 dagarna" }).count()).resolves.toBe(0);
    await expect(s.page.getByRole("link", { name: "Tas snart bort" }).count()).resolves.toBe(0);
    const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(s.page, "group page for a student at 360 px");
    expect(unexpectedProblems(s.problems)).toEqual([]);
    await s.context.close();
  });
});
