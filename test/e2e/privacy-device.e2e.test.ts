/**
 * Privacy on the device, in a real browser (issue 7): a crash is reported only with consent —
 * the question shows exactly what would be sent, declining sends nothing, approving sends one
 * report, the profile's standing choice sends without asking — and instance administrators read
 * the reports; "my sessions" names the operating system and its version; and signing out, or a
 * session ended from another device, leaves nothing in Web Storage, IndexedDB or Cache Storage.
 * axe-core checks every page and dialog visited.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, expectAccessible, expectHeading, launchBrowser, openPage, PASSWORD, signIn, startServer, unexpectedProblems, type TestServer } from "./support.js";

let server: TestServer;
let browser: Browser;

const ADMIN = { name: "Ingrid Instans", email: "ingrid@example.org" };
const PUPIL = { name: "Pia Pupil", email: "pia@example.org" };
/** The second journey's own account: it ends its sessions, which must not end the first journey's. */
const LEAVER = { name: "Liv Leaver", email: "liv@example.org" };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // The first account administers the instance.
  for (const person of [ADMIN, PUPIL, LEAVER]) expect((await apiCall(server, "POST", "/auth/register", { ...person, password: PASSWORD })).status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface SentReport {
  consent: string;
  source: string;
  message: string;
  route: string;
}

/** Every crash report the page sends, as sent. */
function watchReports(page: Page): SentReport[] {
  const sent: SentReport[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/v1/crash-reports") sent.push(request.postDataJSON() as SentReport);
  });
  return sent;
}

/** An error nobody catches, thrown by a script of the page (what a bug in the app does). */
async function crash(page: Page, message: string): Promise<void> {
  await page.evaluate((text) => {
    setTimeout(() => {
      throw new Error(text);
    }, 0);
  }, message);
}

/** Fills every client-side store the app could use. */
async function fillBrowserStores(page: Page): Promise<void> {
  await page.evaluate(async () => {
    localStorage.setItem("openloop.test", "something of mine");
    sessionStorage.setItem("openloop.test", "something of mine");
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open("openloop-offline", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("loops");
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const cache = await caches.open("openloop-pwa");
    await cache.put("/offline.json", new Response(JSON.stringify({ name: "Pia" })));
  });
}

async function browserStores(page: Page) {
  return page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).length,
    cacheStorage: (await caches.keys()).length,
  }));
}
const EMPTY = { localStorage: 0, sessionStorage: 0, indexedDB: 0, cacheStorage: 0 };

describe.concurrent("privacy on the device", () => {
  it("asks before sending a crash report, sends nothing when declined and one report when approved", async ({ expect }) => {
    const { context, page, problems } = await openPage(browser, { width: 360, height: 800 });
    const sent = watchReports(page);
    await signIn(page, server.url, PUPIL.email);
    await page.getByRole("navigation").getByRole("link", { name: "Profile" }).click();
    await expectHeading(page, "Your profile");
    const setting = page.getByLabel("Send crash reports without asking me");
    expect(await setting.isChecked()).toBe(false);
    await expectAccessible(page, "profile with the crash-report setting (en, 360 px)");

    // A crash: the question shows exactly what would be sent, with the e-mail address scrubbed.
    await crash(page, `Could not draw the loop of ${PUPIL.email}`);
    const dialog = page.getByRole("dialog", { name: "Something went wrong" });
    await dialog.waitFor();
    await dialog.getByText("Error: Could not draw the loop of [email]", { exact: true }).waitFor();
    await dialog.getByText("/profile", { exact: true }).waitFor();
    await dialog.getByText(/Linux/).waitFor();
    await expectAccessible(page, "crash report question (en, 360 px)");
    await dialog.getByRole("button", { name: "Don't send" }).click();
    await dialog.waitFor({ state: "hidden" });
    // Time enough for a request that should not be made.
    await page.waitForTimeout(500);
    expect(sent).toEqual([]);

    // Another crash, approved: exactly one report, under the one-time consent.
    await crash(page, "The chart broke");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Send this report" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]).toMatchObject({ consent: "once", message: "Error: The chart broke", route: "/profile" });

    // The standing choice: sent without a question.
    // A click, not check(): check() may click again while the saved value is on its way back.
    await setting.click();
    await page.getByText("Crash reports will be sent without asking you.").waitFor();
    expect(await setting.isChecked()).toBe(true);
    await crash(page, "The list broke");
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[1]).toMatchObject({ consent: "setting", message: "Error: The list broke" });
    expect(await dialog.count()).toBe(0);

    // My sessions: the operating system (and its version where the browser tells it), the browser, the kind of device.
    await page.goto(`${server.url}/sessions`);
    await expectHeading(page, "My sessions");
    const current = page.getByRole("listitem").filter({ hasText: "This device" });
    const detail = (term: string) => current.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]").innerText();
    expect(await detail("Operating system")).toMatch(/^Linux/);
    expect(await detail("Browser")).toMatch(/^[A-Za-z ]+ \d+$/);
    await current.getByText("Computer").waitFor();
    await expectAccessible(page, "sessions with device information (en, 360 px)");

    expect(unexpectedProblems(problems).filter((p) => !/^exception: (Could not draw|The chart broke|The list broke)/.test(p))).toEqual([]);
    await context.close();

    // A page that cannot load its code: the route's error page, and the same question over it.
    const admin = await openPage(browser, { width: 1280 });
    const adminSent = watchReports(admin.page);
    await signIn(admin.page, server.url, ADMIN.email);
    await admin.page.route("**/assets/CrashReportsPage-*.js", (route) => route.abort());
    await admin.page.goto(`${server.url}/admin/crash-reports`);
    await expectHeading(admin.page, "Something went wrong");
    const question = admin.page.getByRole("dialog", { name: "Something went wrong" });
    await question.getByText("/admin/crash-reports", { exact: true }).waitFor();
    await expectAccessible(admin.page, "error page with the crash report question (en, 1280 px)");
    await question.getByRole("button", { name: "Send this report" }).click();
    await expect.poll(() => adminSent.length).toBe(1);
    expect(adminSent[0]).toMatchObject({ consent: "once", source: "boundary", route: "/admin/crash-reports" });
    await admin.page.unroute("**/assets/CrashReportsPage-*.js");

    // The instance administrator reads the three reports; nothing names Pia.
    await admin.page.goto(`${server.url}/admin/crash-reports`);
    await expectHeading(admin.page, "Crash reports");
    const rows = admin.page.getByRole("row");
    await expect.poll(() => rows.count()).toBe(4);
    await expectAccessible(admin.page, "crash reports (en, 1280 px)");
    await admin.page.getByRole("link", { name: "Error: The chart broke" }).click();
    await expectHeading(admin.page, "Crash report");
    await admin.page.getByText("The person approved this report").waitFor();
    expect(await admin.page.getByText(/Pia|pia@/).count()).toBe(0);
    await expectAccessible(admin.page, "crash report (en, 1280 px)");
    // The page that could not load said so on the console; nothing else may.
    expect(unexpectedProblems(admin.problems).filter((p) => !p.includes("Failed to fetch dynamically imported module"))).toEqual([]);
    await admin.context.close();
  });

  it("leaves nothing in the browser on sign-out, nor when the session was ended from another device", async ({ expect }) => {
    const { context, page, problems } = await openPage(browser, { width: 1280 });
    await signIn(page, server.url, LEAVER.email);
    await fillBrowserStores(page);
    expect(await browserStores(page)).toEqual({ localStorage: 1, sessionStorage: 1, indexedDB: 1, cacheStorage: 1 });
    await page.getByRole("navigation").getByRole("button", { name: "Sign out" }).click();
    await expectHeading(page, "Sign in");
    expect(await browserStores(page)).toEqual(EMPTY);
    await expectAccessible(page, "signed out (en, 1280 px)");

    // Signed in again; the session is ended from a phone while the page is open: the next call finds it gone.
    await signIn(page, server.url, LEAVER.email);
    await fillBrowserStores(page);
    const phone = await apiCall(server, "POST", "/auth/sign-in", { email: LEAVER.email, password: PASSWORD });
    const phoneCookie = phone.setCookie!.split(";")[0]!;
    expect((await apiCall(server, "POST", "/me/sessions/revoke-others", undefined, phoneCookie)).status).toBe(204);
    await page.getByRole("navigation").getByRole("link", { name: "Profile" }).click();
    await expectHeading(page, "Sign in");
    await page.getByText("Your session has ended. Sign in again to continue.").waitFor();
    await expect.poll(() => browserStores(page)).toEqual(EMPTY);

    // Ended while no tab was open: the next visit finds the leftovers and removes them.
    await signIn(page, server.url, LEAVER.email);
    await fillBrowserStores(page);
    await page.goto("about:blank");
    expect((await apiCall(server, "POST", "/me/sessions/revoke-others", undefined, phoneCookie)).status).toBe(204);
    await page.goto(`${server.url}/`);
    await expectHeading(page, "Sign in");
    await expect.poll(() => browserStores(page)).toEqual(EMPTY);

    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });
});
