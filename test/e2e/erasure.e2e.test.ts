/**
 * "Delete my account" in a real browser (issue 7): a student opens it from the profile, reads what
 * goes and what stays, is refused with a wrong password, then deletes the account with the right
 * one and the typed word; they land signed out on a page that says it is done, the browser keeps
 * nothing, and signing in fails. An administrator erases a member's data from the organisation's
 * members page, in a dialog that says what goes. axe checks every page visited, on a 360 px phone.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, apiCall, expectAccessible, expectHeading, launchBrowser, openPage, signIn, startServer, unexpectedProblems, type TestServer, registerByApi } from "./support.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});


describe("deleting my account in the browser", () => {
  it("a student deletes their account after their password and a typed word, lands signed out, and cannot sign in", async () => {
    const teacher = await registerByApi(server, "Tilda Teacher", "tilda@example.org");
    const org = (await apiCall(server, "POST", "/organisations", { name: "Solskolan", type: "school" }, teacher)).json as { organisation: { id: string } };
    const group = (await apiCall(server, "POST", `/organisations/${org.organisation.id}/groups`, { name: "7B", type: "hierarchical", hasStudentMembers: true }, teacher)).json as {
      group: { id: string };
    };
    const codes = (await apiCall(server, "GET", `/groups/${group.group.id}/codes`, undefined, teacher)).json as { codes: { purpose: string; code: string }[] };
    const student = await registerByApi(server, "Sam Student", "sam@example.org");
    expect((await apiCall(server, "POST", "/join", { code: codes.codes.find((c) => c.purpose === "sender")!.code }, student)).status).toBe(200);
    expect((await apiCall(server, "POST", `/groups/${group.group.id}/loops`, { emoji: 4, text: "Bridges today." }, student)).status).toBe(201);

    const { context, page, problems } = await openPage(browser, { locale: "en-GB", width: 360, height: 800 });
    await signIn(page, server.url, "sam@example.org");
    await page.goto(`${server.url}/profile`);
    await page.getByRole("link", { name: "Delete my account…" }).click();
    await expectHeading(page, "Delete my account");
    await page.getByText("Your 1 loop, with its files").waitFor();
    await expect(page.getByRole("link", { name: "Download my data" }).getAttribute("href")).resolves.toBe("/profile/data");
    await expectAccessible(page, "delete my account (en, 360 px)");

    // The word must be typed; a wrong password is refused next to the field.
    await page.getByLabel("Your password", { exact: true }).fill("not my password at all");
    await page.getByRole("button", { name: "Delete my account for good" }).click();
    await page.getByText("Type delete to confirm.").first().waitFor();
    await page.getByLabel("Type “delete” to confirm").fill("delete");
    await page.getByRole("button", { name: "Delete my account for good" }).click();
    await page.getByText("This password is wrong.").first().waitFor();
    await expectAccessible(page, "delete my account, wrong password (en, 360 px)");

    await page.getByLabel("Your password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Delete my account for good" }).click();
    await expectHeading(page, "Your account is deleted");
    expect(new URL(page.url()).pathname).toBe("/account-deleted");
    await expectAccessible(page, "account deleted (en, 360 px)");
    // Signed out, nothing kept in the browser.
    expect(await page.evaluate(() => window.localStorage.length + window.sessionStorage.length)).toBe(0);
    expect((await context.cookies()).filter((c) => c.name.endsWith("openloop_session"))).toEqual([]);

    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("E-mail address").fill("sam@example.org");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The e-mail address or password is wrong.").first().waitFor();
    await expectAccessible(page, "sign-in refused after deletion (en, 360 px)");
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });

  it("an administrator erases a member's data from the members page, after a dialog that says what goes", async () => {
    const admin = await registerByApi(server, "Ada Admin", "ada@example.org");
    const org = (await apiCall(server, "POST", "/organisations", { name: "Ekskolan", type: "school" }, admin)).json as { organisation: { id: string } };
    const group = (await apiCall(server, "POST", `/organisations/${org.organisation.id}/groups`, { name: "9C", type: "hierarchical", hasStudentMembers: true }, admin)).json as {
      group: { id: string };
    };
    const codes = (await apiCall(server, "GET", `/groups/${group.group.id}/codes`, undefined, admin)).json as { codes: { purpose: string; code: string }[] };
    const member = await registerByApi(server, "Mia Member", "mia@example.org");
    expect((await apiCall(server, "POST", "/join", { code: codes.codes.find((c) => c.purpose === "sender")!.code }, member)).status).toBe(200);

    const { context, page, problems } = await openPage(browser, { locale: "en-GB", width: 360, height: 800 });
    await signIn(page, server.url, "ada@example.org");
    await page.goto(`${server.url}/organisations/${org.organisation.id}/members`);
    await page.getByRole("heading", { name: "Mia Member", exact: true }).waitFor();
    await page.getByRole("button", { name: "Erase Mia Member's data…" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Erase Mia Member's data?" });
    await dialog.getByText("This cannot be undone.").waitFor();
    await expectAccessible(page, "erase a member's data, dialog (en, 360 px)");
    await dialog.getByRole("button", { name: "Erase", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Mia Member's account is erased." }).waitFor();
    await page.getByRole("heading", { name: "Mia Member", exact: true }).waitFor({ state: "detached" });
    await expectAccessible(page, "members after an erasure (en, 360 px)");
    // She belonged nowhere else: her account is gone.
    expect((await apiCall(server, "GET", "/me", undefined, member)).status).toBe(401);
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });
});
