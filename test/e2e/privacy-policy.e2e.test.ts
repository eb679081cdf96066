/**
 * Privacy policy versions in a real browser (issue 7): the instance administrator writes,
 * previews and publishes a significant change; a person who was already signed in meets the
 * notice on their next page and cannot get past it without acknowledging; a minor change shows a
 * banner that stays closed; the footer leads to the policy and its archive; a newcomer must tick
 * the policy box to sign up. axe on every page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { apiCall, expectAccessible, expectHeading, launchBrowser, openPage, PASSWORD, signIn, signUp, startServer, unexpectedProblems, type TestServer } from "./support.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("privacy policy in the browser", () => {
  it("an administrator publishes a significant change; a signed-in person must acknowledge it on their next page; the footer opens the archive", async ({ expect }) => {
    // The administrator is the instance's first account; the student signed up before any policy.
    const admin = await openPage(browser, { locale: "en-GB", width: 1280, height: 900 });
    await admin.page.goto(`${server.url}/sign-up`);
    await signUp(admin.page, "Ingrid Instance", "ingrid@example.org");
    await expectHeading(admin.page, "Hello, Ingrid Instance");
    const registered = await apiCall(server, "POST", "/auth/register", { name: "Sara Student", email: "sara@example.org", password: PASSWORD, language: "en" });
    expect(registered.status).toBe(201);
    const student = await openPage(browser, { locale: "en-GB", width: 360, height: 800 });
    await signIn(student.page, server.url, "sara@example.org");

    // From the footer to the archive (empty), then to the page where a version is written.
    await admin.page.getByRole("contentinfo").getByRole("link", { name: "Earlier versions" }).click();
    await expectHeading(admin.page, "Earlier versions of the privacy policy");
    await expectAccessible(admin.page, "archive, empty (admin)");
    await admin.page.getByRole("link", { name: "Publish a new version" }).click();
    await expectHeading(admin.page, "Publish a new privacy policy");
    await admin.page.getByLabel("Significant change").check();
    await admin.page.getByLabel("What changed (English)").fill("Crash reports are sent only with your consent.");
    await admin.page.getByLabel("What changed (Swedish)").fill("Kraschrapporter skickas bara med ditt samtycke.");
    await admin.page.getByLabel("Privacy policy (English, Markdown)").fill("# Privacy policy\n\nYour school is the **data controller**.\n\n<script>alert(1)</script>");
    await admin.page.getByLabel("Privacy policy (Swedish, Markdown)").fill("# Integritetspolicy\n\nDin skola är **personuppgiftsansvarig**.");
    await admin.page.getByRole("button", { name: "Preview" }).click();
    await admin.page.getByRole("heading", { name: "Preview", level: 2 }).waitFor();
    // The script typed into the text is shown as text, never run.
    await admin.page.getByRole("region", { name: "Preview" }).getByText("<script>alert(1)</script>").waitFor();
    await expectAccessible(admin.page, "publish with preview");
    await admin.page.getByRole("button", { name: "Publish", exact: true }).click();
    await expectHeading(admin.page, "Privacy policy, version 1");
    await expectAccessible(admin.page, "published version");

    // The student's next page is the notice; the app's pages wait behind it.
    await student.page.goto(`${server.url}/profile`);
    await expectHeading(student.page, "The privacy policy has changed");
    await student.page.getByText("Crash reports are sent only with your consent.").waitFor();
    await expectAccessible(student.page, "notice (360 px)");
    // Not agreeing locks no one out of their rights: the export and the deletion open from the notice.
    await student.page.getByRole("link", { name: "Download my data", exact: true }).click();
    await expectHeading(student.page, "Download my data");
    await expectAccessible(student.page, "data export before acknowledging (360 px)");
    await student.page.goBack();
    await expectHeading(student.page, "The privacy policy has changed");
    await student.page.getByRole("link", { name: "Delete my account", exact: true }).click();
    await expectHeading(student.page, "Delete my account");
    await student.page.goBack();
    await expectHeading(student.page, "The privacy policy has changed");
    await student.page.goto(`${server.url}/`);
    await expectHeading(student.page, "The privacy policy has changed");
    // The full text is readable from the notice, and the notice waits on the way back.
    await student.page.getByRole("link", { name: "Read the full new privacy policy" }).click();
    await expectHeading(student.page, "Privacy policy, version 1");
    await student.page.getByRole("heading", { name: "Privacy policy", level: 2, exact: true }).waitFor();
    await expectAccessible(student.page, "version page (360 px)");
    await student.page.goBack();
    await expectHeading(student.page, "The privacy policy has changed");
    await student.page.getByRole("button", { name: "I have read the change — continue" }).click();
    await expectHeading(student.page, "Hello, Sara Student");
    await student.page.reload();
    await expectHeading(student.page, "Hello, Sara Student");

    // A minor change: a banner the student closes, and it stays closed.
    const cookie = (await admin.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const minor = { significance: "minor", summary: { en: "A clearer contact section.", sv: "Tydligare kontaktavsnitt." }, body: { en: "# Privacy policy\n\nAsk your school.", sv: "# Integritetspolicy\n\nFråga din skola." } };
    expect((await apiCall(server, "POST", "/privacy-policy/versions", minor, cookie)).status).toBe(201);
    await student.page.reload();
    const banner = student.page.getByRole("region", { name: "The privacy policy has a small update" });
    await banner.getByText("A clearer contact section.").waitFor();
    await expectAccessible(student.page, "home with the banner (360 px)");
    await banner.getByRole("button", { name: "Close" }).click();
    await banner.waitFor({ state: "detached" });
    await student.page.reload();
    await expectHeading(student.page, "Hello, Sara Student");
    expect(await banner.count()).toBe(0);

    // The footer of every page: the policy in force and the archive.
    await student.page.getByRole("contentinfo").getByRole("link", { name: "Privacy policy" }).click();
    await expectHeading(student.page, "Privacy policy");
    await student.page.getByText("Ask your school.").waitFor();
    await student.page.getByRole("contentinfo").getByRole("link", { name: "Earlier versions" }).click();
    await expectHeading(student.page, "Earlier versions of the privacy policy");
    await student.page.getByRole("link", { name: "Privacy policy, version 1" }).waitFor();
    await student.page.getByRole("link", { name: "Privacy policy, version 2" }).waitFor();
    await expectAccessible(student.page, "archive (360 px)");

    // A newcomer must tick the box (linked to the policy) to sign up.
    const newcomer = await openPage(browser, { locale: "en-GB", width: 360, height: 800 });
    await newcomer.page.goto(`${server.url}/sign-up`);
    await expectHeading(newcomer.page, "Create your account");
    await signUp(newcomer.page, "Nils Newcomer", "nils@example.org");
    await newcomer.page.getByText("Tick the box to accept the privacy policy.").first().waitFor();
    expect(await newcomer.page.getByLabel("I have read and accept the privacy policy").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(newcomer.page, "sign-up without accepting (360 px)");
    await newcomer.page.getByLabel("I have read and accept the privacy policy").check();
    await newcomer.page.getByRole("button", { name: "Create account" }).click();
    await expectHeading(newcomer.page, "Hello, Nils Newcomer");

    for (const p of [admin, student, newcomer]) {
      expect(unexpectedProblems(p.problems)).toEqual([]);
      await p.context.close();
    }
  }, 120_000);
});
