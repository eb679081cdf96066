/**
 * Sign-in with a provider (issue 8) against a real OpenID Connect provider on loopback
 * (test/helpers/oidc-provider.ts): new accounts, pictures, linking rules, tampering, domain
 * restriction, unlinking, re-authentication before erasure.
 */
import JSZip from "jszip";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, DEFAULT_PASSWORD, type TestApp, type TestClient } from "../../../../test/helpers/test-app.js";
import { auditRows } from "../../../../test/helpers/audit.js";
import { signInAtProvider, startTestProvider, type TestProvider } from "../../../../test/helpers/oidc-provider.js";
import { createOrganisation, register } from "../../../../test/helpers/world.js";

let t: TestApp;
let provider: TestProvider;
let seq = 0;
const next = (prefix: string) => `${prefix}${++seq}`;

beforeAll(async () => {
  provider = await startTestProvider(["http://openloop.test/api/v1/auth/oidc/callback"]);
  t = await createTestApp({ env: provider.env });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

/** A person at the provider; by default with a verified address of their own. */
function personAtProvider(over: Partial<{ sub: string; name: string; email: string; email_verified: boolean; hd: string; picture: boolean }> = {}) {
  const sub = over.sub ?? next("sub-");
  const person = { sub, name: "Greta Google", email: `${sub}@gmail.example`, email_verified: true, ...over };
  provider.people.set(sub, person);
  return person;
}

/** Starts at the app, signs in at the provider, and brings the provider's answer back to the app. */
async function throughProvider(client: TestClient, sub: string, opts: { intent?: "sign_in" | "link" | "reauth"; returnTo?: string; abort?: boolean; rewrite?: (u: URL) => void } = {}) {
  const start = await client.post("/api/v1/auth/oidc/start", { intent: opts.intent ?? "sign_in", ...(opts.returnTo ? { returnTo: opts.returnTo } : {}) });
  expect(start.statusCode, start.body).toBe(200);
  const back = await signInAtProvider(start.json().url, sub, { abort: opts.abort });
  expect(back.origin).toBe("http://openloop.test");
  opts.rewrite?.(back);
  const res = await client.get(back.pathname + back.search);
  expect(res.statusCode, res.body).toBe(303);
  return { res, location: res.headers.location as string };
}

/** A new account made through the provider: the person confirms on the continue page. */
async function signUpThroughProvider(over: Parameters<typeof personAtProvider>[0] = {}) {
  const person = personAtProvider(over);
  const client = t.client();
  const { location } = await throughProvider(client, person.sub);
  expect(location).toBe("/sign-in/continue");
  const created = await client.post("/api/v1/auth/oidc/sign-up", {});
  expect(created.statusCode, created.body).toBe(201);
  return { client, person, user: created.json().user as { id: string; name: string; email: string; pictureUrl: string | null } };
}

const identitiesOfUser = (userId: string) => t.app.ctx.db.selectFrom("user_identities").selectAll().where("user_id", "=", userId).execute();
const problemOf = (location: string) => new URL(location, "http://x").searchParams.get("reason");

describe("sign-in with a provider", () => {
  it("should require authentication for my links, unlinking, and linking or re-authenticating", async () => {
    const visitor = t.client();
    for (const res of [
      await visitor.get("/api/v1/me/identities"),
      await visitor.delete("/api/v1/me/identities/6f1c2b9e-4d3a-4c55-9e21-0a7b8c9d1e2f"),
      await visitor.post("/api/v1/auth/oidc/start", { intent: "link" }),
      await visitor.post("/api/v1/auth/oidc/start", { intent: "reauth" }),
    ]) {
      expect(res.statusCode, res.body).toBe(401);
    }
  });

  it("shows the provider's button only when one is configured", async () => {
    expect((await t.client().get("/api/v1/auth/methods")).json()).toEqual({ password: true, oidc: { enabled: true, name: "Google" } });
    const bare = await createTestApp();
    try {
      expect((await bare.client().get("/api/v1/auth/methods")).json()).toEqual({ password: true, oidc: { enabled: false, name: "Google" } });
      const start = await bare.client().post("/api/v1/auth/oidc/start", { intent: "sign_in" });
      expect(start.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it("creates a new account from the provider's name, e-mail and picture, stored here without its metadata", async () => {
    const person = personAtProvider({ name: "Greta Lind" });
    const client = t.client();
    const before = provider.pictureRequests.length;
    const { location } = await throughProvider(client, person.sub);
    expect(location).toBe("/sign-in/continue");
    // Nothing is created before the person says so.
    expect(await t.app.ctx.db.selectFrom("users").select("id").where("email_normalized", "=", person.email).execute()).toEqual([]);
    expect((await client.get("/api/v1/auth/oidc/pending")).json()).toEqual({ stage: "sign_up", provider: "Google", name: "Greta Lind", email: person.email, hasPicture: true });

    const created = await client.post("/api/v1/auth/oidc/sign-up", { language: "sv" });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json().user;
    expect(user).toMatchObject({ name: "Greta Lind", email: person.email, language: "sv" });
    expect(user.pictureUrl).toMatch(new RegExp(`^/api/v1/users/${user.id}/picture\\?v=`));
    expect((await client.get("/api/v1/me")).json().user.id).toBe(user.id);

    // The picture was fetched once, re-encoded, and is served from this origin without EXIF/GPS.
    expect(provider.pictureRequests.length).toBe(before + 1);
    const picture = await client.get(user.pictureUrl);
    expect(picture.statusCode).toBe(200);
    expect(picture.headers["content-type"]).toBe("image/webp");
    const meta = await sharp(picture.rawPayload).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.exif).toBeUndefined();
    expect(picture.rawPayload.includes(Buffer.from("Secret Camera"))).toBe(false);
    expect(picture.rawPayload.includes(Buffer.from(provider.issuer))).toBe(false);

    // The session is the same kind as a password session, with the device and the way in recorded.
    const [session] = await t.app.ctx.db.selectFrom("sessions").selectAll().where("user_id", "=", user.id).execute();
    expect(session).toMatchObject({ sign_in_method: "oidc", browser: "Chrome" });
    const rows = (await auditRows(t.app.ctx.db)).filter((r) => r.actor_id === user.id);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["user.registered", "user.identity_linked", "session.created"]));

    // The next sign-in goes straight in, and the picture is not fetched again.
    const again = t.client();
    const second = await throughProvider(again, person.sub, { returnTo: "/groups" });
    expect(second.location).toBe("/groups");
    expect((await again.get("/api/v1/me")).json().user.id).toBe(user.id);
    expect(provider.pictureRequests.length).toBe(before + 1);
    // The flow cookie is gone, and the provider's answer cannot be used twice.
    expect(again.flowCookie).toBeUndefined();
  });

  it("starts a new session at a provider sign-in and ends the one the browser had (§7.8)", async () => {
    const { person, user } = await signUpThroughProvider();
    const browser = await register(t, "Shared Computer");
    const oldCookie = browser.client.cookie;
    expect((await throughProvider(browser.client, person.sub)).location).toBe("/");
    expect(browser.client.cookie).toBeDefined();
    expect(browser.client.cookie).not.toBe(oldCookie);
    expect((await browser.client.get("/api/v1/me")).json().user.id).toBe(user.id);
    // The cookie from before is dead: its session was ended, not left running.
    const stale = t.client();
    stale.cookie = oldCookie;
    expect((await stale.get("/api/v1/me")).statusCode).toBe(401);
    expect(await t.app.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", browser.id).execute()).toEqual([]);
  });

  it("makes the account without a picture when the provider has none", async () => {
    const { user } = await signUpThroughProvider({ picture: false, name: "  No\u0007 Picture  " });
    expect(user.pictureUrl).toBeNull();
    expect(user.name).toBe("No Picture");
  });

  it("never takes over an existing account with the same verified e-mail: its owner confirms with the password", async () => {
    const owner = await register(t, "Bea Password");
    const person = personAtProvider({ email: owner.email.toUpperCase() });
    const browser = t.client();
    const { location } = await throughProvider(browser, person.sub);
    expect(location).toBe("/sign-in/continue");
    expect((await browser.get("/api/v1/auth/oidc/pending")).json()).toMatchObject({ stage: "confirm_link", email: owner.email.toUpperCase() });
    // Not signed in meanwhile, and no account made.
    expect((await browser.get("/api/v1/me")).statusCode).toBe(401);
    expect((await browser.post("/api/v1/auth/oidc/sign-up", {})).statusCode).toBe(404);

    const wrong = await browser.post("/api/v1/auth/oidc/confirm-link", { password: "not the password" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ password: "wrong_password" });
    expect(await identitiesOfUser(owner.id)).toEqual([]);

    const right = await browser.post("/api/v1/auth/oidc/confirm-link", { password: DEFAULT_PASSWORD });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json().user.id).toBe(owner.id);
    expect(await identitiesOfUser(owner.id)).toHaveLength(1);
    const later = t.client();
    expect((await throughProvider(later, person.sub)).location).toBe("/");
    expect((await later.get("/api/v1/me")).json().user.id).toBe(owner.id);
  });

  it("never links or creates an account from an unverified e-mail", async () => {
    const owner = await register(t, "Cai Unverified");
    const claim = personAtProvider({ email: owner.email, email_verified: false });
    const { location } = await throughProvider(t.client(), claim.sub);
    expect(problemOf(location)).toBe("email_unverified");
    expect(await identitiesOfUser(owner.id)).toEqual([]);

    const stranger = personAtProvider({ email_verified: false });
    expect(problemOf((await throughProvider(t.client(), stranger.sub)).location)).toBe("email_unverified");
    expect(await t.app.ctx.db.selectFrom("users").select("id").where("email_normalized", "=", stranger.email).execute()).toEqual([]);
  });

  it("links the provider to the signed-in account from the profile, whatever its e-mail, and refuses one linked elsewhere", async () => {
    const me = await register(t, "Dan Linker");
    const person = personAtProvider({ email: "dan.private@gmail.example" });
    const { location } = await throughProvider(me.client, person.sub, { intent: "link" });
    expect(location).toBe("/profile");
    const mine = (await me.client.get("/api/v1/me/identities")).json();
    expect(mine).toMatchObject({ hasPassword: true, abilities: { link: false }, identities: [{ provider: "Google", email: "dan.private@gmail.example", abilities: { unlink: true } }] });
    // Still the same session.
    expect((await me.client.get("/api/v1/me")).json().user.id).toBe(me.id);

    const other = await register(t, "Eva Other");
    const taken = await throughProvider(other.client, person.sub, { intent: "link", returnTo: "/profile" });
    expect(problemOf(taken.location)).toBe("identity_in_use");
    expect(new URL(taken.location, "http://x").searchParams.get("back")).toBe("/profile");
    expect(await identitiesOfUser(other.id)).toEqual([]);

    // A second account at the same provider is refused: one link per provider.
    const second = personAtProvider();
    expect(problemOf((await throughProvider(me.client, second.sub, { intent: "link" })).location)).toBe("already_linked");
  });

  it("refuses a tampered state, a replayed answer, an answer in another browser and a cancelled sign-in", async () => {
    const person = personAtProvider();
    const tampered = await throughProvider(t.client(), person.sub, { rewrite: (u) => u.searchParams.set("state", "forged-state-value") });
    expect(problemOf(tampered.location)).toBe("failed");

    const client = t.client();
    const start = await client.post("/api/v1/auth/oidc/start", { intent: "sign_in" });
    const back = await signInAtProvider(start.json().url, person.sub);
    // The answer carried to another browser finds no sign-in of its own.
    const elsewhere = await t.client().get(back.pathname + back.search);
    expect(problemOf(elsewhere.headers.location as string)).toBe("expired");
    const first = await client.get(back.pathname + back.search);
    expect(first.headers.location).toBe("/sign-in/continue");
    // Replayed: the flow is no longer waiting for the provider.
    const replay = await client.get(back.pathname + back.search);
    expect(problemOf(replay.headers.location as string)).toBe("expired");

    const cancelled = await throughProvider(t.client(), person.sub, { abort: true });
    expect(problemOf(cancelled.location)).toBe("denied");
  });

  it("refuses an ID token with the wrong audience, an expired one and one with another nonce, and signs no one in", async () => {
    const { person, user } = await signUpThroughProvider();
    const sessionsBefore = (await t.app.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).length;
    const now = Math.floor(Date.now() / 1000);
    for (const tamper of [
      (c: Record<string, unknown>) => ({ ...c, aud: "someone-else" }),
      (c: Record<string, unknown>) => ({ ...c, iat: now - 7200, exp: now - 3600 }),
      (c: Record<string, unknown>) => ({ ...c, nonce: "another-nonce" }),
      (c: Record<string, unknown>) => ({ ...c, iss: "http://127.0.0.1:1" }),
    ]) {
      provider.tamperIdToken = tamper;
      try {
        const client = t.client();
        const { location } = await throughProvider(client, person.sub);
        expect(problemOf(location)).toBe("failed");
        expect(client.cookie).toBeUndefined();
      } finally {
        provider.tamperIdToken = null;
      }
    }
    expect((await t.app.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).length).toBe(sessionsBefore);
    // Untampered, the same person gets in.
    expect((await throughProvider(t.client(), person.sub)).location).toBe("/");
  });

  it("refuses a return address outside this site", async () => {
    for (const returnTo of ["//evil.example/x", "https://evil.example", "/\\evil.example", "relative"]) {
      const res = await t.client().post("/api/v1/auth/oidc/start", { intent: "sign_in", returnTo });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty("returnTo");
    }
  });

  it("holds an organisation's required Workspace domain and allowed methods at provider sign-in", async () => {
    const admin = await register(t, "Fia Admin");
    const orgId = await createOrganisation(admin, "Domänskolan");
    const { person, user } = await signUpThroughProvider({ hd: "other.example" });
    await t.app.ctx.db.insertInto("organisation_members").values({ organisation_id: orgId, user_id: user.id, is_admin: false, is_group_creator: false, created_at: new Date().toISOString() }).execute();
    await t.app.ctx.db.updateTable("organisations").set({ required_oidc_domain: "school.example" }).where("id", "=", orgId).execute();
    expect(problemOf((await throughProvider(t.client(), person.sub)).location)).toBe("not_allowed");

    provider.people.set(person.sub, { ...person, hd: "school.example" });
    t.clock.advance(1000);
    const inside = t.client();
    expect((await throughProvider(inside, person.sub)).location).toBe("/");
    const [latest] = await t.app.ctx.db.selectFrom("sessions").select(["hosted_domain"]).where("user_id", "=", user.id).orderBy("created_at", "desc").execute();
    expect(latest!.hosted_domain).toBe("school.example");

    await t.app.ctx.db.updateTable("organisations").set({ is_oidc_sign_in_enabled: false, required_oidc_domain: null }).where("id", "=", orgId).execute();
    expect(problemOf((await throughProvider(t.client(), person.sub)).location)).toBe("not_allowed");
  });

  it("puts the account's links and each session's way in into the person's data export, without tokens", async () => {
    const { client, person } = await signUpThroughProvider({ hd: "school.example" });
    const requested = await client.post("/api/v1/me/exports");
    expect(requested.statusCode, requested.body).toBe(202);
    await t.app.ctx.jobs.idle();
    const download = await client.get(`/api/v1/exports/${requested.json().export.id}/download`);
    expect(download.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(download.rawPayload);
    const links = JSON.parse(await zip.file("data/sign-in-links.json")!.async("string"));
    expect(links).toEqual([{ provider: provider.issuer, email: person.email, workspaceDomain: "school.example", linkedAt: expect.any(String), lastUsedAt: expect.any(String) }]);
    const sessions = JSON.parse(await zip.file("data/sessions.json")!.async("string"));
    expect(sessions[0].signInMethod).toBe("oidc");
    expect(await zip.file("index.html")!.async("string")).toContain(person.email);
  });

  it("unlinks only while another way in remains", async () => {
    const { client, user } = await signUpThroughProvider();
    const mine = (await client.get("/api/v1/me/identities")).json();
    expect(mine.hasPassword).toBe(false);
    expect(mine.identities[0].abilities.unlink).toBe(false);
    const refused = await client.delete(`/api/v1/me/identities/${mine.identities[0].id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("last_sign_in_method");
    expect(await identitiesOfUser(user.id)).toHaveLength(1);

    // Someone else's link is as unknown as a missing one.
    const other = await register(t, "Gus Other");
    expect((await other.client.delete(`/api/v1/me/identities/${mine.identities[0].id}`)).statusCode).toBe(404);

    const withPassword = await register(t, "Hedda Both");
    await throughProvider(withPassword.client, personAtProvider().sub, { intent: "link" });
    const [link] = (await withPassword.client.get("/api/v1/me/identities")).json().identities;
    expect((await withPassword.client.delete(`/api/v1/me/identities/${link.id}`)).statusCode).toBe(204);
    expect(await identitiesOfUser(withPassword.id)).toEqual([]);
    expect((await auditRows(t.app.ctx.db)).some((r) => r.action === "user.identity_unlinked" && r.actor_id === withPassword.id)).toBe(true);
  });

  it("erases an account without a password, or changes its e-mail address, after a fresh re-authentication at the provider; the link and picture go with the account", async () => {
    const { client, person, user } = await signUpThroughProvider();
    const pictureKey = (await t.app.ctx.db.selectFrom("users").select("picture_key").where("id", "=", user.id).executeTakeFirstOrThrow()).picture_key!;
    const refused = await client.post("/api/v1/me/erase", { confirm: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("reauthentication_required");
    expect((await client.post("/api/v1/me/email", { newEmail: "elsewhere@school.example" })).json().error.code).toBe("reauthentication_required");

    // Re-authenticating as someone else proves nothing.
    const stranger = personAtProvider();
    const wrong = await throughProvider(client, stranger.sub, { intent: "reauth" });
    expect(problemOf(wrong.location)).toBe("wrong_account");
    expect((await client.post("/api/v1/me/erase", { confirm: true })).statusCode).toBe(400);

    const { location } = await throughProvider(client, person.sub, { intent: "reauth" });
    expect(location).toBe("/profile/delete");
    // The same confirmation lets the account change its e-mail address without a password.
    const moved = await client.post("/api/v1/me/email", { newEmail: `${person.sub}.new@school.example` });
    expect(moved.statusCode, moved.body).toBe(202);
    expect((await client.get("/api/v1/me/identities")).json().reauthenticatedAt).toEqual(expect.any(String));
    // The proof lasts ten minutes.
    t.clock.advance(11 * 60_000);
    expect((await client.post("/api/v1/me/erase", { confirm: true })).statusCode).toBe(400);
    await throughProvider(client, person.sub, { intent: "reauth" });
    const erased = await client.post("/api/v1/me/erase", { confirm: true });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(await identitiesOfUser(user.id)).toEqual([]);
    expect(await t.app.ctx.blobs.get(pictureKey)).toBeNull();
    // A later sign-in with the same provider account starts over as a new person.
    expect((await throughProvider(t.client(), person.sub)).location).toBe("/sign-in/continue");
  });

  it("answers 503 when the provider cannot be reached, and the callback never answers 5xx", async () => {
    const down = await createTestApp({ env: { ...provider.env, OIDC_ISSUER: "http://127.0.0.1:9" } });
    try {
      const res = await down.client().post("/api/v1/auth/oidc/start", { intent: "sign_in" });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe("unavailable");
    } finally {
      await down.close();
    }
    const stray = await t.client().get("/api/v1/auth/oidc/callback?code=x&state=y");
    expect(stray.statusCode).toBe(303);
    expect(problemOf(stray.headers.location as string)).toBe("expired");
  });
});
