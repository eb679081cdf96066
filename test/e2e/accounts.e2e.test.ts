/**
 * Accounts and sessions, as a person does it in a real browser: sign up, sign out, sign in,
 * edit the profile (name, picture, e-mail), switch to Swedish, manage sessions, sign out and
 * find nothing left behind; and reset a forgotten password through the e-mailed link.
 * axe-core checks every page visited (WCAG 2.1 A/AA), at 360 px and 1280 px, in both languages.
 *
 * Set OPENLOOP_SCREENSHOT=1 to also refresh docs/screenshot.png (the signed-in profile page).
 */
import path from "node:path";
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  ROOT,
  apiCall,
  expectAccessible,
  expectHeading,
  launchBrowser,
  openPage,
  startServer,
  unexpectedProblems,
  waitForMailedLink,
  type TestServer,
} from "./support.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A 128×128 JPEG: a calm teal square with a lighter circle, drawn by sharp from SVG. */
function profilePicture(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#2a8c8f"/><stop offset="1" stop-color="#0f4f5a"/></linearGradient></defs>
    <rect width="128" height="128" fill="url(#g)"/>
    <circle cx="64" cy="50" r="24" fill="#d9f0ee"/>
    <ellipse cx="64" cy="124" rx="44" ry="36" fill="#d9f0ee"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

// The two journeys use different accounts and run side by side to keep the file fast.
describe.concurrent("accounts in the browser", () => {
  it("signs up, signs in, edits the profile, manages sessions and leaves nothing behind on sign-out", async ({ expect }) => {
    const { context, page, problems } = await openPage(browser, { locale: "en-GB", width: 360, height: 800 });
    // Each run has a fresh server and database, so plain addresses are unique.
    const email = "ada@example.org";
    const password = "correct horse battery staple";

    // A visitor asking for the home page is sent to sign in.
    await page.goto(`${server.url}/`);
    await expectHeading(page, "Sign in");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await expectAccessible(page, "sign-in (en, 360 px)");

    // Sign up, first with nothing filled in: errors next to fields and in a summary.
    await page.getByRole("navigation").getByRole("link", { name: "Sign up" }).click();
    await expectHeading(page, "Create your account");
    await expectAccessible(page, "sign-up (en, 360 px)");
    await page.getByRole("button", { name: "Create account" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    await summary.getByText("Enter your name.").waitFor();
    expect(await page.getByLabel("Your name").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "sign-up with errors (en, 360 px)");

    await page.getByRole("button", { name: "Svenska" }).click();
    await expectHeading(page, "Skapa ditt konto");
    await expectAccessible(page, "sign-up with errors (sv, 360 px)");
    await page.getByRole("button", { name: "English" }).click();
    await expectHeading(page, "Create your account");

    await page.getByLabel("Your name").fill("Ada Lind");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expectHeading(page, "Hello, Ada Lind");
    expect(new URL(page.url()).pathname).toBe("/");
    await expectAccessible(page, "home (en, 360 px)");

    // Sign out, then back in.
    await page.getByRole("navigation").getByRole("button", { name: "Sign out" }).click();
    await expectHeading(page, "Sign in");
    await page.getByText("You're signed out.").waitFor();
    await expectAccessible(page, "sign-in after sign-out (en, 360 px)");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectHeading(page, "Hello, Ada Lind");

    // Profile: name, picture, e-mail.
    await page.getByRole("navigation").getByRole("link", { name: "Profile" }).click();
    await expectHeading(page, "Your profile");

    await page.getByLabel("Name", { exact: true }).fill("Ada Lindqvist");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Your changes are saved.").waitFor();
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Ada Lindqvist");

    await page.setInputFiles("#picture-file", { name: "me.jpg", mimeType: "image/jpeg", buffer: await profilePicture() });
    await page.getByText("Your picture is updated.").waitFor();
    const picture = page.getByRole("img", { name: "Your profile picture" });
    await picture.waitFor();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await page.getByText("Replace picture").waitFor();
    await expectAccessible(page, "profile with picture (en, 360 px)");

    const newEmail = "ada.lindqvist@example.org";
    await page.locator("#email-new").fill(newEmail);
    await page.locator("#email-password").fill(password);
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await page.getByText(`We sent a confirmation link to ${newEmail}.`).waitFor();
    const confirmLink = await waitForMailedLink(server.dataDir, newEmail, "/confirm-email?token=");
    await page.goto(confirmLink);
    await expectHeading(page, "Confirm your e-mail address");
    await page.getByText(`Your e-mail address ${newEmail} is confirmed.`).waitFor();
    await expectAccessible(page, "confirm-email (en, 360 px)");

    // The wide layout, in English and then in Swedish.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/profile`);
    await expectHeading(page, "Your profile");
    await page.getByText(`You sign in with ${newEmail}.`).waitFor();
    await picture.waitFor();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(page, "profile (en, 1280 px)");
    if (process.env.OPENLOOP_SCREENSHOT) {
      await page.mouse.move(0, 799);
      await page.screenshot({ path: path.join(ROOT, "docs/screenshot.png") });
    }

    await page.getByRole("button", { name: "Svenska" }).click();
    await expectHeading(page, "Din profil");
    await page.getByRole("navigation").getByRole("link", { name: "Sessioner" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sv");
    await expectAccessible(page, "profile (sv, 1280 px)");
    // The choice is saved to the account (the browser still prefers English).
    await expect.poll(async () => (await page.request.get(`${server.url}/api/v1/me`)).json()).toMatchObject({ user: { language: "sv" } });
    await page.reload();
    await expectHeading(page, "Din profil");

    // Sessions: this device is listed; a second session is signed out from here.
    await page.getByRole("navigation").getByRole("link", { name: "Sessioner" }).click();
    await expectHeading(page, "Mina sessioner");
    const sessions = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
    await expect.poll(() => sessions.count()).toBe(1);
    await sessions.first().getByText("Den här enheten").waitFor();
    await expectAccessible(page, "sessions (sv, 1280 px)");

    const other = await apiCall(server, "POST", "/auth/sign-in", { email: newEmail, password });
    expect(other.status).toBe(200);
    const otherCookie = other.setCookie?.split(";")[0] ?? "";
    await page.reload();
    await expectHeading(page, "Mina sessioner");
    await expect.poll(() => sessions.count()).toBe(2);
    await page.getByRole("button", { name: "Logga ut alla andra sessioner" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Logga ut alla andra sessioner?" });
    await dialog.waitFor();
    await expectAccessible(page, "sessions confirmation dialog (sv, 1280 px)");
    await dialog.getByRole("button", { name: "Logga ut andra" }).click();
    await page.getByText("Alla andra sessioner är utloggade.").waitFor();
    await expect.poll(() => sessions.count()).toBe(1);
    expect((await apiCall(server, "GET", "/me", undefined, otherCookie)).status).toBe(401);

    // An unknown address.
    await page.goto(`${server.url}/no-such-page`);
    await expectHeading(page, "Sidan finns inte");
    await expectAccessible(page, "not found (sv, 1280 px)");

    // Something a future feature might have kept in the browser: all of it must go on sign-out.
    await page.evaluate(async () => {
      localStorage.setItem("draft", "a loop I was writing");
      sessionStorage.setItem("scroll", "120");
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open("offline-loops", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("loops");
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      });
    });
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(1);

    await page.getByRole("navigation").getByRole("button", { name: "Logga ut" }).click();
    // Back to the browser's language: nothing of the user's choice is kept.
    await expectHeading(page, "Sign in");
    await page.getByText("You're signed out.").waitFor();
    const leftovers = await page.evaluate(async () => ({
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      indexedDB: (await indexedDB.databases()).length,
      me: (await fetch("/api/v1/me")).status,
    }));
    expect(leftovers).toEqual({ localStorage: 0, sessionStorage: 0, indexedDB: 0, me: 401 });

    // The back button does not bring the signed-in pages back.
    await page.goBack();
    await expectHeading(page, "Sign in");
    await expect.poll(() => page.getByText("Ada Lind").count()).toBe(0);

    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });

  it("resets a forgotten password with the e-mailed link", async ({ expect }) => {
    const email = "bo@example.org";
    const oldPassword = "first password of Bo";
    const newPassword = "second password of Bo";
    const registered = await apiCall(server, "POST", "/auth/register", { name: "Bo Berg", email, password: oldPassword });
    expect(registered.status).toBe(201);

    const { context, page, problems } = await openPage(browser, { locale: "en-GB", width: 1280, height: 800 });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expectHeading(page, "Reset your password");
    await expectAccessible(page, "forgot-password (en, 1280 px)");
    await page.getByRole("button", { name: "Svenska" }).click();
    await expectHeading(page, "Återställ ditt lösenord");
    await expectAccessible(page, "forgot-password (sv, 1280 px)");
    await page.getByRole("button", { name: "English" }).click();
    await expectHeading(page, "Reset your password");

    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText(`If an account uses ${email}, we've sent a link to it.`).waitFor();
    await expectAccessible(page, "forgot-password sent (en, 1280 px)");

    const resetLink = await waitForMailedLink(server.dataDir, email, "/reset-password?token=");
    await page.goto(resetLink);
    await expectHeading(page, "Choose a new password");
    await expectAccessible(page, "reset-password (en, 1280 px)");

    // A very common password is refused, next to the field.
    await page.getByLabel("New password", { exact: true }).fill("password");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect.poll(() => page.locator("#reset-password-error").textContent()).toContain("too common");
    await expectAccessible(page, "reset-password with error (en, 1280 px)");

    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Save new password" }).click();
    await expectHeading(page, "Sign in");
    await page.getByText("Your password is changed. Sign in with your new password.").waitFor();

    expect((await apiCall(server, "POST", "/auth/sign-in", { email, password: oldPassword })).status).toBe(401);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectHeading(page, "Hello, Bo Berg");

    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });
});
