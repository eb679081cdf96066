/**
 * "Sign in with Google" in a real browser (issue 8), against a real OpenID provider on loopback
 * (test/helpers/oidc-provider.ts, its development sign-in form). A new person clicks the button,
 * signs in at the provider, confirms on the continue page and lands in the app with their name
 * and their picture served from our origin; the profile shows the link; after signing out the
 * same button goes straight in. Someone with a password account links by its password. Cancelling
 * at the provider lands on a page that says so. An account without a password is deleted after
 * confirming at the provider again. axe checks every page of ours visited.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestProvider, type TestProvider } from "../helpers/oidc-provider.js";
import {
  PASSWORD,
  expectAccessible,
  expectHeading,
  freePort,
  launchBrowser,
  openPage,
  registerByApi,
  startServer,
  unexpectedProblems,
  type TestServer,
} from "./support.js";

let server: TestServer;
let provider: TestProvider;
let browser: Browser;

const NORA = { sub: "nora-google-1", name: "Nora Nilsson", email: "nora@school.example", email_verified: true };
const OLLE = { sub: "olle-google-2", name: "Olle Oskarsson", email: "olle@school.example", email_verified: true };
const PIA = { sub: "pia-google-3", name: "Pia Persson", email: "pia@school.example", email_verified: true };
const DAG = { sub: "dag-google-4", name: "Dag Dahl", email: "dag@school.example", email_verified: true };

beforeAll(async () => {
  // The provider must know the app's callback before the app starts with the provider's address.
  const port = await freePort();
  provider = await startTestProvider([`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`], [NORA, OLLE, PIA, DAG]);
  [server, browser] = await Promise.all([startServer(provider.env, { port }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

/** The provider's development sign-in form: any password is accepted for a known person. */
async function signInAtProvider(page: Page, sub: string): Promise<void> {
  await page.waitForURL((url) => url.origin === provider.issuer && url.pathname.startsWith("/interaction/"));
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

/** The provider's page is not ours: only our own pages' console problems count. */
function ourProblems(problems: string[]): string[] {
  return unexpectedProblems(problems).filter((problem) => !problem.includes("fonts.googleapis.com"));
}

describe("signing in with a provider in the browser", () => {
  it("a new person signs up with Google, lands in the app with name and picture, sees the link in the profile, and signs in again in one click", async () => {
    const { context, page, problems } = await openPage(browser, { locale: "en-GB" });
    await page.goto(`${server.url}/sign-in`);
    await expectHeading(page, "Sign in");
    await page.getByRole("button", { name: "Sign in with Google" }).waitFor();
    await expectAccessible(page, "sign-in with the provider's button");
    await page.getByRole("button", { name: "Sign in with Google" }).click();

    await signInAtProvider(page, NORA.sub);
    await expectHeading(page, "Create your Openloop account");
    expect(new URL(page.url()).pathname).toBe("/sign-in/continue");
    await page.getByText(NORA.name, { exact: true }).waitFor();
    await page.getByText(NORA.email, { exact: true }).waitFor();
    await page.getByText("Your profile picture at Google is copied to Openloop once, now.").waitFor();
    await expectAccessible(page, "continue: create the account");
    await page.getByRole("button", { name: "Create account" }).click();

    await expectHeading(page, `Hello, ${NORA.name}`);
    expect(new URL(page.url()).pathname).toBe("/");
    await expectAccessible(page, "home after signing up with the provider");
    // The picture was copied once, at sign-up; the browser never asks the provider for it.
    expect(provider.pictureRequests).toEqual([NORA.sub]);

    await page.getByRole("navigation").getByRole("link", { name: "Profile" }).click();
    await expectHeading(page, "Profile");
    const picture = page.getByRole("img", { name: "Your profile picture" });
    await picture.waitFor();
    expect(await picture.getAttribute("src")).toMatch(/^\/api\/v1\/users\//);
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const methods = page.getByRole("region", { name: "Sign-in methods" });
    await methods.getByText("Google", { exact: true }).waitFor();
    await methods.getByText(NORA.email, { exact: true }).waitFor();
    await methods.getByText("This is your only way in.", { exact: false }).waitFor();
    await expect(methods.getByRole("button", { name: /Unlink/ }).count()).resolves.toBe(0);
    await expectAccessible(page, "profile with the provider linked");

    await page.getByRole("navigation").getByRole("button", { name: "Sign out" }).click();
    await expectHeading(page, "Sign in");
    // The provider remembers the person: the button goes straight back in.
    await page.getByRole("button", { name: "Sign in with Google" }).click();
    await expectHeading(page, `Hello, ${NORA.name}`);
    expect(provider.pictureRequests).toEqual([NORA.sub]);
    expect(ourProblems(problems)).toEqual([]);
    await context.close();
  });

  it("someone with a password account links Google by entering its password (a wrong one is refused at the field), unlinks it and links it again from the profile", async () => {
    await registerByApi(server, "Olle Oskarsson", OLLE.email);
    const { context, page, problems } = await openPage(browser, { locale: "en-GB" });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with Google" }).click();
    await signInAtProvider(page, OLLE.sub);

    await expectHeading(page, `An account with ${OLLE.email} already exists`);
    await page.getByLabel("Password of your Openloop account", { exact: true }).fill("not the password at all");
    await page.getByRole("button", { name: "Link Google" }).click();
    await page.locator("#provider-link-password-error").getByText("This password is wrong.").waitFor();
    await expectAccessible(page, "continue: confirm the link, wrong password");
    await page.getByLabel("Password of your Openloop account", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Link Google" }).click();
    await expectHeading(page, `Hello, ${OLLE.name}`);

    await page.goto(`${server.url}/profile`);
    const methods = page.getByRole("region", { name: "Sign-in methods" });
    await methods.getByText(OLLE.email, { exact: true }).waitFor();
    // A password remains, so the link may go.
    await methods.getByRole("button", { name: "Unlink Google" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Unlink Google?" });
    await expectAccessible(page, "profile: unlink dialog");
    await dialog.getByRole("button", { name: "Unlink", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Google is unlinked." }).waitFor();
    await expectAccessible(page, "profile after unlinking");
    // Linked again from the profile: the provider remembers the person and sends them back here.
    await methods.getByRole("button", { name: "Link Google" }).click();
    await expectHeading(page, "Profile");
    expect(new URL(page.url()).pathname).toBe("/profile");
    await methods.getByRole("button", { name: "Unlink Google" }).waitFor();
    expect(ourProblems(problems)).toEqual([]);
    await context.close();
  });

  it("cancelling at the provider lands on a page that says so, with a way back to sign in", async () => {
    const { context, page, problems } = await openPage(browser, { locale: "en-GB" });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with Google" }).click();
    await page.waitForURL((url) => url.origin === provider.issuer && url.pathname.startsWith("/interaction/"));
    // The development form has no cancel button; this is the address a "Cancel" would open.
    const uid = /^\/interaction\/([^/]+)/.exec(new URL(page.url()).pathname)![1]!;
    await page.goto(`${provider.issuer}/interaction/${uid}/abort`);

    await expectHeading(page, "Signing in didn't work");
    const url = new URL(page.url());
    expect(url.pathname).toBe("/sign-in/problem");
    expect(url.searchParams.get("reason")).toBe("denied");
    await page.getByText("You cancelled at Google, so you are not signed in.").waitFor();
    await expectAccessible(page, "problem: cancelled at the provider");
    await page.getByRole("link", { name: "Try again" }).click();
    await expectHeading(page, "Sign in");
    expect(ourProblems(problems)).toEqual([]);
    await context.close();
  });

  it("the continue page fits a 360 px phone in Swedish, and cancelling it goes back to sign in", async () => {
    const { context, page, problems } = await openPage(browser, { locale: "sv-SE", width: 360, height: 800 });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("button", { name: "Logga in med Google" }).click();
    await signInAtProvider(page, PIA.sub);
    await expectHeading(page, "Skapa ditt Openloop-konto");
    await page.getByText(PIA.email, { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const create = await page.getByRole("button", { name: "Skapa konto" }).boundingBox();
    expect(create!.height).toBeGreaterThanOrEqual(44);
    await expectAccessible(page, "continue: create the account (sv, 360 px)");

    await page.getByRole("button", { name: "Avbryt" }).click();
    await expectHeading(page, "Logga in");
    // Nothing waits any more: the continue page says the sign-in has expired.
    await page.goto(`${server.url}/sign-in/continue`);
    await expectHeading(page, "Inloggningen har gått ut");
    await expectAccessible(page, "continue: expired (sv, 360 px)");
    expect(ourProblems(problems)).toEqual([]);
    await context.close();
  });

  it("an account made with Google, without a password, is deleted after confirming at Google again and typing the word", async () => {
    const { context, page, problems } = await openPage(browser, { locale: "en-GB" });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with Google" }).click();
    await signInAtProvider(page, DAG.sub);
    await page.getByRole("button", { name: "Create account" }).click();
    await expectHeading(page, `Hello, ${DAG.name}`);

    await page.goto(`${server.url}/profile/delete`);
    await expectHeading(page, "Delete my account");
    await page.getByText("Your account has no password.", { exact: false }).waitFor();
    await expect(page.getByLabel("Your password", { exact: true }).count()).resolves.toBe(0);
    await expectAccessible(page, "delete my account: confirm with the provider first");
    await page.getByRole("button", { name: "Confirm with Google" }).click();

    // The provider asks again (prompt=login), then sends the person back to this page.
    await signInAtProvider(page, DAG.sub);
    await expectHeading(page, "Delete my account");
    expect(new URL(page.url()).pathname).toBe("/profile/delete");
    await page.getByText("You confirmed with Google.", { exact: false }).waitFor();
    await expectAccessible(page, "delete my account: confirmed with the provider");
    await page.getByLabel("Type “delete” to confirm").fill("delete");
    await page.getByRole("button", { name: "Delete my account for good" }).click();
    await expectHeading(page, "Your account is deleted");

    // Gone with the account: the same Google account starts over as a new person.
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with Google" }).click();
    await expectHeading(page, "Create your Openloop account");
    expect(ourProblems(problems)).toEqual([]);
    await context.close();
  });
});
