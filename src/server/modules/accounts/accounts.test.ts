import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, DEFAULT_PASSWORD, multipartFile, type TestApp, type TestClient } from "../../../../test/helpers/test-app.js";
import { linkIn, recipients } from "../../../../test/helpers/smtp.js";
import { auditRows } from "../../../../test/helpers/audit.js";
import { SIGN_IN_PER_ACCOUNT } from "../../auth/rate-limits.js";

let t: TestApp;
let seq = 0;
const uniqueEmail = (prefix = "user") => `${prefix}${++seq}@school.example`;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function signedIn(name = "Signed In"): Promise<{ client: TestClient; email: string; id: string }> {
  const client = t.client();
  const email = uniqueEmail();
  const user = await client.register({ name, email });
  return { client, email, id: user.id };
}

describe("accounts API", () => {
  it("should require authentication on every signed-in endpoint", async () => {
    const visitor = t.client();
    const id = "8d3e8f5e-2c8a-4c1e-9a57-1f0e4f7f3a11";
    const calls = [
      visitor.get("/api/v1/me"),
      visitor.patch("/api/v1/me", { name: "X" }),
      visitor.put("/api/v1/me/picture"),
      visitor.delete("/api/v1/me/picture"),
      visitor.get(`/api/v1/users/${id}/picture`),
      visitor.post("/api/v1/me/password", { currentPassword: "a", newPassword: "bbbbbbbbbbbb" }),
      visitor.post("/api/v1/me/email", { currentPassword: "a", newEmail: "x@y.se" }),
      visitor.get("/api/v1/me/sessions"),
      visitor.delete(`/api/v1/me/sessions/${id}`),
      visitor.post("/api/v1/me/sessions/revoke-others"),
      visitor.post("/api/v1/auth/sign-out"),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    }
  });

  describe("registration", () => {
    it("creates the account, signs it in, and makes only the first account instance administrator", async () => {
      const first = t.client();
      const res = await first.post("/api/v1/auth/register", { name: "  Ada Admin ", email: "Ada.Admin@School.example", password: DEFAULT_PASSWORD, language: "sv" });
      expect(res.statusCode).toBe(201);
      const user = res.json().user;
      expect(user).toMatchObject({ name: "Ada Admin", email: "Ada.Admin@School.example", language: "sv", pictureUrl: null, isInstanceAdmin: true });
      expect(user.abilities).toEqual({ update: true, manageInstance: true, createOrganisation: true });
      expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect((await first.get("/api/v1/me")).json().user.id).toBe(user.id);

      const second = await t.client().register({ email: uniqueEmail() });
      expect(second.isInstanceAdmin).toBe(false);
    });

    it("refuses an e-mail address that is taken, whatever its case", async () => {
      const email = uniqueEmail("taken");
      await t.client().register({ email });
      const res = await t.client().post("/api/v1/auth/register", { name: "B", email: email.toUpperCase(), password: DEFAULT_PASSWORD });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: "email_taken", fields: { email: "email_taken" } });
    });

    it.each([
      [{ email: "a@b.se", password: DEFAULT_PASSWORD }, { name: "required" }],
      [{ name: "", email: "a@b.se", password: DEFAULT_PASSWORD }, { name: "too_short" }],
      [{ name: "x".repeat(101), email: "a@b.se", password: DEFAULT_PASSWORD }, { name: "too_long" }],
      [{ name: "A", email: "not-an-address", password: DEFAULT_PASSWORD }, { email: "invalid_email" }],
      [{ name: "A", email: "a@b.se", password: "short" }, { password: "too_short" }],
      [{ name: "A", email: "a@b.se", password: "x".repeat(257) }, { password: "too_long" }],
      [{ name: "A", email: "a@b.se", password: DEFAULT_PASSWORD, language: "de" }, { language: "invalid_value" }],
      [{ name: 42, email: "a@b.se", password: DEFAULT_PASSWORD }, { name: "invalid" }],
      [{ name: "A", email: "a@b.se" }, { password: "required" }],
    ])("answers 400 with the field for %j", async (body, fields) => {
      const res = await t.client().post("/api/v1/auth/register", body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields });
    });

    it("accepts a 64-character password and refuses a common one", async () => {
      const long = await t.client().post("/api/v1/auth/register", { name: "L", email: uniqueEmail(), password: "p".repeat(30) + "ö".repeat(34) });
      expect(long.statusCode).toBe(201);
      const common = await t.client().post("/api/v1/auth/register", { name: "C", email: uniqueEmail(), password: "Password123" });
      expect(common.statusCode).toBe(400);
      expect(common.json().error).toMatchObject({ code: "common_password", fields: { password: "common_password" } });
    });

    it("takes the language from the browser when none is given", async () => {
      const res = await t.client().post(
        "/api/v1/auth/register",
        { name: "S", email: uniqueEmail(), password: DEFAULT_PASSWORD },
        { "accept-language": "sv-SE,sv;q=0.9,en;q=0.8" },
      );
      expect(res.json().user.language).toBe("sv");
    });
  });

  describe("sign-in and sign-out", () => {
    it("signs in with any case of the address, with a new session id each time", async () => {
      const { email, client: first } = await signedIn();
      const firstCookie = first.cookie;
      const second = t.client();
      const res = await second.signIn(email.toUpperCase());
      expect(res.statusCode).toBe(200);
      expect(second.cookie).toBeDefined();
      expect(second.cookie).not.toBe(firstCookie);
      // Signing in again over an existing session replaces it: the old cookie is dead.
      const before = second.cookie;
      await second.signIn(email);
      expect(second.cookie).not.toBe(before);
      const stale = t.client();
      stale.cookie = before;
      expect((await stale.get("/api/v1/me")).statusCode).toBe(401);
    });

    it("answers the same for a wrong password and an unknown account", async () => {
      const { email } = await signedIn();
      const wrong = await t.client().signIn(email, "not the password at all");
      const unknown = await t.client().signIn(uniqueEmail("nobody"), "not the password at all");
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
    });

    it("kills the old cookie at sign-out", async () => {
      const { client } = await signedIn();
      const cookie = client.cookie;
      const out = await client.post("/api/v1/auth/sign-out");
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((c) => c.name === "openloop_session")?.value).toBe("");
      // …and tells the browser to drop its cache (privately cached attachments) and storage.
      expect(out.headers["clear-site-data"]).toBe('"cache", "storage"');
      const replay = t.client();
      replay.cookie = cookie;
      expect((await replay.get("/api/v1/me")).statusCode).toBe(401);
    });
  });

  describe("profile", () => {
    it("changes name and language, and refuses bad values with the field", async () => {
      const { client } = await signedIn("Before");
      const res = await client.patch("/api/v1/me", { name: "After", language: "sv" });
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ name: "After", language: "sv" });
      expect((await client.get("/api/v1/me")).json().user.name).toBe("After");
      const bad = await client.patch("/api/v1/me", { name: "   ", language: "fi" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual({ name: "too_short", language: "invalid_value" });
    });

    it("stores an uploaded JPEG as a square WebP without EXIF or GPS, served from our origin", async () => {
      const { client, id } = await signedIn();
      const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#3a7" } })
        .jpeg()
        .withExif({ IFD0: { Artist: "Secret Person" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "59/1 19/1 0/1" } })
        .toBuffer();
      expect((await sharp(jpeg).metadata()).exif).toBeDefined();
      const upload = multipartFile("file", "holiday-at-home.jpg", "image/jpeg", jpeg);
      const res = await client.put("/api/v1/me/picture", upload.payload, upload.headers);
      expect(res.statusCode, res.body).toBe(200);
      const url: string = res.json().user.pictureUrl;
      expect(url).toMatch(new RegExp(`^/api/v1/users/${id}/picture\\?v=`));

      const pic = await client.get(url);
      expect(pic.statusCode).toBe(200);
      expect(pic.headers["content-type"]).toBe("image/webp");
      expect(pic.headers["x-content-type-options"]).toBe("nosniff");
      const meta = await sharp(pic.rawPayload).metadata();
      expect(meta).toMatchObject({ format: "webp", width: 512, height: 512 });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(pic.rawPayload.includes(Buffer.from("Secret Person"))).toBe(false);
      expect(pic.rawPayload.includes(Buffer.from("holiday"))).toBe(false);

      // Another signed-in user cannot fetch it: 404, exactly like a user that does not exist.
      const other = (await signedIn()).client;
      const foreign = await other.get(url);
      const missing = await other.get("/api/v1/users/8d3e8f5e-2c8a-4c1e-9a57-1f0e4f7f3a11/picture");
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).toBe(missing.body);
    });

    it("replaces and removes the picture, leaving no blob behind", async () => {
      const { client } = await signedIn();
      const png = await sharp({ create: { width: 64, height: 64, channels: 4, background: "#f00" } }).png().toBuffer();
      const up = multipartFile("file", "a.png", "image/png", png);
      await client.put("/api/v1/me/picture", up.payload, up.headers);
      const blobsAfterFirst = await listBlobs();
      const again = await client.put("/api/v1/me/picture", up.payload, up.headers);
      expect(again.statusCode).toBe(200);
      expect((await listBlobs()).length).toBe(blobsAfterFirst.length);
      const removed = await client.delete("/api/v1/me/picture");
      expect(removed.json().user.pictureUrl).toBeNull();
      expect((await listBlobs()).length).toBe(blobsAfterFirst.length - 1);
    });

    it("refuses a non-image (415), a disguised file (415) and an oversized one (413), storing nothing", async () => {
      const { client } = await signedIn();
      const before = (await listBlobs()).length;
      const text = multipartFile("file", "notes.txt", "text/plain", Buffer.from("just some words"));
      const disguised = multipartFile("file", "photo.jpg", "image/jpeg", Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"));
      const huge = multipartFile("file", "big.jpg", "image/jpeg", Buffer.alloc(11 * 1024 * 1024, 1));
      const r1 = await client.put("/api/v1/me/picture", text.payload, text.headers);
      const r2 = await client.put("/api/v1/me/picture", disguised.payload, disguised.headers);
      const r3 = await client.put("/api/v1/me/picture", huge.payload, huge.headers);
      expect([r1.statusCode, r2.statusCode, r3.statusCode]).toEqual([415, 415, 413]);
      expect(r1.json().error.code).toBe("unsupported_media_type");
      expect(r3.json().error.code).toBe("payload_too_large");
      const json = await client.put("/api/v1/me/picture", { file: "x" });
      expect(json.statusCode).toBe(415);
      expect((await listBlobs()).length).toBe(before);
      expect((await client.get("/api/v1/me")).json().user.pictureUrl).toBeNull();
    });
  });

  describe("password change", () => {
    it("needs the current password, and ends every other session", async () => {
      const { client, email } = await signedIn();
      const phone = t.client();
      await phone.signIn(email);
      const wrong = await client.post("/api/v1/me/password", { currentPassword: "wrong wrong wrong", newPassword: "a brand new passphrase" });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error).toMatchObject({ code: "wrong_password", fields: { currentPassword: "wrong_password" } });
      const common = await client.post("/api/v1/me/password", { currentPassword: DEFAULT_PASSWORD, newPassword: "qwertyuiop" });
      expect(common.json().error.fields).toEqual({ newPassword: "common_password" });

      const ok = await client.post("/api/v1/me/password", { currentPassword: DEFAULT_PASSWORD, newPassword: "a brand new passphrase" });
      expect(ok.statusCode).toBe(204);
      expect((await client.get("/api/v1/me")).statusCode).toBe(200);
      expect((await phone.get("/api/v1/me")).statusCode).toBe(401);
      expect((await t.client().signIn(email)).statusCode).toBe(401);
      expect((await t.client().signIn(email, "a brand new passphrase")).statusCode).toBe(200);
    });
  });

  describe("password reset", () => {
    it("mails a single-use link that sets a new password and ends every session", async () => {
      const { client, email } = await signedIn("Reset Me");
      const res = await t.client().post("/api/v1/auth/password-reset", { email: email.toUpperCase() });
      expect(res.statusCode).toBe(202);
      const mail = await t.smtp.waitFor((m) => recipients(m).includes(email) && (m.subject ?? "").includes("password"));
      expect(mail.text).toContain("Reset Me");
      const link = new URL(linkIn(mail, "/reset-password?token="));
      expect(link.origin).toBe("http://openloop.test");
      const token = link.searchParams.get("token")!;

      const common = await t.client().post("/api/v1/auth/password-reset/confirm", { token, password: "iloveyou1" });
      expect(common.json().error.code).toBe("common_password");
      const ok = await t.client().post("/api/v1/auth/password-reset/confirm", { token, password: "reset to something new" });
      expect(ok.statusCode).toBe(204);
      expect((await client.get("/api/v1/me")).statusCode).toBe(401);
      expect((await t.client().signIn(email, "reset to something new")).statusCode).toBe(200);

      const again = await t.client().post("/api/v1/auth/password-reset/confirm", { token, password: "and yet another one" });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe("invalid_token");
    });

    it("answers the same for an unknown address and sends nothing", async () => {
      const before = t.smtp.messages.length;
      const email = uniqueEmail("ghost");
      const res = await t.client().post("/api/v1/auth/password-reset", { email });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ ok: true });
      await new Promise((r) => setTimeout(r, 200));
      expect(t.smtp.messages.slice(before).some((m) => recipients(m).includes(email))).toBe(false);
    });

    it("expires the link after one hour, and a newer link voids the older", async () => {
      const { email } = await signedIn();
      await t.client().post("/api/v1/auth/password-reset", { email });
      const first = await t.smtp.waitFor((m) => recipients(m).includes(email));
      const firstToken = new URL(linkIn(first, "token=")).searchParams.get("token")!;
      await t.client().post("/api/v1/auth/password-reset", { email });
      const second = await t.smtp.waitFor((m) => recipients(m).includes(email) && m !== first);
      const secondToken = new URL(linkIn(second, "token=")).searchParams.get("token")!;
      const old = await t.client().post("/api/v1/auth/password-reset/confirm", { token: firstToken, password: "a fresh passphrase here" });
      expect(old.json().error.code).toBe("invalid_token");
      t.clock.advance(60 * 60 * 1000 + 1);
      const late = await t.client().post("/api/v1/auth/password-reset/confirm", { token: secondToken, password: "a fresh passphrase here" });
      expect(late.statusCode).toBe(400);
      expect(late.json().error.code).toBe("invalid_token");
    });
  });

  describe("e-mail change", () => {
    it("confirms the new address by a mailed link and tells the old one", async () => {
      const { client, email } = await signedIn("Mover");
      const newEmail = uniqueEmail("new");
      const wrong = await client.post("/api/v1/me/email", { currentPassword: "not it at all", newEmail });
      expect(wrong.json().error.fields).toEqual({ currentPassword: "wrong_password" });
      const taken = await client.post("/api/v1/me/email", { currentPassword: DEFAULT_PASSWORD, newEmail: "ADA.ADMIN@school.example" });
      expect(taken.statusCode).toBe(409);

      const res = await client.post("/api/v1/me/email", { currentPassword: DEFAULT_PASSWORD, newEmail });
      expect(res.statusCode).toBe(202);
      expect((await client.get("/api/v1/me")).json().user.email).toBe(email);
      const mail = await t.smtp.waitFor((m) => recipients(m).includes(newEmail));
      const token = new URL(linkIn(mail, "/confirm-email?token=")).searchParams.get("token")!;
      const confirmed = await t.client().post("/api/v1/auth/email/confirm", { token });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json().user.email).toBe(newEmail);
      await t.smtp.waitFor((m) => recipients(m).includes(email) && (m.text ?? "").includes(newEmail));
      expect((await t.client().signIn(newEmail)).statusCode).toBe(200);
      expect((await t.client().signIn(email)).statusCode).toBe(401);
      expect((await t.client().post("/api/v1/auth/email/confirm", { token })).statusCode).toBe(400);
    });
  });

  describe("my sessions", () => {
    it("lists each device and revokes one or all others", async () => {
      const { client, email } = await signedIn();
      const phone = t.client({ userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1" });
      const tablet = t.client({ userAgent: "Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36" });
      await phone.signIn(email);
      await tablet.signIn(email);
      const list = (await client.get("/api/v1/me/sessions")).json().sessions as Array<{ id: string; current: boolean; device: Record<string, string | null> }>;
      expect(list).toHaveLength(3);
      expect(list.filter((s) => s.current)).toHaveLength(1);
      expect(list.map((s) => s.device)).toContainEqual(expect.objectContaining({ os: "iOS", osVersion: "17.4", browser: "Mobile Safari", deviceType: "mobile" }));
      expect(list.map((s) => s.device)).toContainEqual(expect.objectContaining({ os: "Android", osVersion: "14", browser: "Chrome" }));

      const phoneSession = list.find((s) => s.device.os === "iOS")!;
      expect((await client.delete(`/api/v1/me/sessions/${phoneSession.id}`)).statusCode).toBe(204);
      expect((await phone.get("/api/v1/me")).statusCode).toBe(401);
      expect((await tablet.get("/api/v1/me")).statusCode).toBe(200);

      // Someone else's session id answers like one that does not exist.
      const stranger = (await signedIn()).client;
      const tabletId = list.find((s) => s.device.os === "Android")!.id;
      expect((await stranger.delete(`/api/v1/me/sessions/${tabletId}`)).statusCode).toBe(404);
      expect((await tablet.get("/api/v1/me")).statusCode).toBe(200);

      expect((await client.post("/api/v1/me/sessions/revoke-others")).statusCode).toBe(204);
      expect((await tablet.get("/api/v1/me")).statusCode).toBe(401);
      expect((await client.get("/api/v1/me/sessions")).json().sessions).toHaveLength(1);
    });

    it("ends a session after the idle timeout, and at the absolute timeout even when active", async () => {
      const { client } = await signedIn();
      t.clock.advance(7 * 24 * 3600_000 - 60_000);
      expect((await client.get("/api/v1/me")).statusCode).toBe(200);
      // Active every few days, the session still ends 30 days after sign-in.
      for (let day = 0; day < 22; day += 3) {
        t.clock.advance(3 * 24 * 3600_000);
        const res = await client.get("/api/v1/me");
        if (day < 21) expect(res.statusCode, `day ${day}`).toBe(200);
      }
      expect((await client.get("/api/v1/me")).statusCode).toBe(401);

      const { client: idle } = await signedIn();
      t.clock.advance(7 * 24 * 3600_000 + 1);
      expect((await idle.get("/api/v1/me")).statusCode).toBe(401);
    });
  });
});

describe("who sees a profile picture", () => {
  it("is the owner and the people they meet in a group: leaders and senders both ways, but not senders among themselves", async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#09f" } }).png().toBuffer();
    const withPicture = async (name: string) => {
      const p = await signedIn(name);
      const up = multipartFile("file", "me.png", "image/png", png);
      const url: string = (await p.client.put("/api/v1/me/picture", up.payload, up.headers)).json().user.pictureUrl;
      return { ...p, url };
    };
    const teacher = await withPicture("Teacher");
    const ann = await withPicture("Ann Student");
    const bo = await withPicture("Bo Student");
    const outsider = await withPicture("Outsider");
    const org = (await teacher.client.post("/api/v1/organisations", { name: "Picture School", type: "school" })).json().organisation;
    const group = (await teacher.client.post(`/api/v1/organisations/${org.id}/groups`, { name: "7A", type: "hierarchical", hasStudentMembers: true })).json().group;
    const code = (await teacher.client.get(`/api/v1/groups/${group.id}/codes`)).json().codes[0].code;
    for (const s of [ann, bo]) expect((await s.client.post("/api/v1/join", { code })).statusCode).toBe(200);

    expect((await ann.client.get(teacher.url)).statusCode).toBe(200);
    expect((await teacher.client.get(ann.url)).statusCode).toBe(200);
    expect((await ann.client.get(bo.url)).statusCode).toBe(404);
    expect((await outsider.client.get(teacher.url)).statusCode).toBe(404);
    // An inactive group no longer connects its members.
    await teacher.client.post(`/api/v1/groups/${group.id}/inactivate`);
    expect((await ann.client.get(teacher.url)).statusCode).toBe(404);
  });
});

describe("audit", () => {
  it("records account events with the client address and outcome, and no secrets or e-mail", async () => {
    const client = t.client({ ip: "198.51.100.23" });
    const user = await client.register({ name: "Audited Anna", email: uniqueEmail("audited") });
    await t.client({ ip: "198.51.100.24" }).signIn(user.email, "definitely the wrong one");
    await client.post("/api/v1/me/password", { currentPassword: DEFAULT_PASSWORD, newPassword: "an audited new passphrase" });
    const rows = (await auditRows(t.db.handle.db)).filter((r) => r.subject_id === user.id);
    expect(rows.map((r) => [r.action, r.outcome, r.ip])).toEqual(
      expect.arrayContaining([
        ["user.registered", "success", "198.51.100.23"],
        ["session.sign_in_failed", "failure", "198.51.100.24"],
        ["user.password_changed", "success", "198.51.100.23"],
      ]),
    );
    const all = JSON.stringify(rows);
    for (const secret of ["Audited Anna", user.email, DEFAULT_PASSWORD, "an audited new passphrase", "definitely the wrong one"]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe("ORG_CREATION=admin", () => {
  it("tells each user whether they may create an organisation, as the server will decide", async () => {
    const app = await createTestApp({ env: { ORG_CREATION: "admin" } });
    try {
      const admin = await app.client().register({ email: "instance.admin@school.example" });
      const teacher = await app.client().register({ email: "teacher@school.example" });
      expect((admin as unknown as { abilities: Record<string, boolean> }).abilities.createOrganisation).toBe(true);
      expect((teacher as unknown as { abilities: Record<string, boolean> }).abilities.createOrganisation).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe("rate limits", () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ rateLimits: { signInPerAccount: { points: SIGN_IN_PER_ACCOUNT.points, windowSeconds: 1 } } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it(`refuses sign-in attempt ${SIGN_IN_PER_ACCOUNT.points + 1} with 429 and Retry-After, spares other accounts, and recovers`, async () => {
    const victim = limited.client();
    await victim.register({ email: "victim@school.example" });
    await limited.client().register({ email: "bystander@school.example" });
    const attacker = limited.client({ ip: "203.0.113.9" });
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.points; i++) {
      expect((await attacker.signIn("victim@school.example", `guess number ${i}`)).statusCode).toBe(401);
    }
    const blocked = await attacker.signIn("victim@school.example", DEFAULT_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await attacker.signIn("bystander@school.example")).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attacker.signIn("victim@school.example")).statusCode).toBe(200);
  });

  it("counts a wrong current password at the password and e-mail forms against the account's sign-in limit, so a borrowed session cannot guess it", async () => {
    const owner = limited.client();
    await owner.register({ email: "borrowed@school.example" });
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.points; i++) {
      const res = i % 2 === 0
        ? await owner.post("/api/v1/me/password", { currentPassword: `guess ${i}`, newPassword: "another long passphrase" })
        : await owner.post("/api/v1/me/email", { currentPassword: `guess ${i}`, newEmail: "thief@school.example" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ currentPassword: "wrong_password" });
    }
    for (const res of [
      await owner.post("/api/v1/me/password", { currentPassword: DEFAULT_PASSWORD, newPassword: "another long passphrase" }),
      await owner.post("/api/v1/me/email", { currentPassword: DEFAULT_PASSWORD, newEmail: "thief@school.example" }),
      await limited.client().signIn("borrowed@school.example"),
    ]) {
      expect(res.statusCode).toBe(429);
    }
    // Without a password and without a re-authentication at a provider, the e-mail form says what is missing.
    await new Promise((r) => setTimeout(r, 1100));
    const bare = await owner.post("/api/v1/me/email", { newEmail: "thief@school.example" });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ code: "reauthentication_required", fields: { currentPassword: "required" } });
  });

  it("limits password-reset requests per account", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.client({ ip: `198.51.100.${i}` }).post("/api/v1/auth/password-reset", { email: "victim@school.example" })).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it("limits registrations per IP", async () => {
    const app = await createTestApp({ rateLimits: { registerPerIp: { points: 2, windowSeconds: 60 } } });
    try {
      const ip = "192.0.2.77";
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push((await app.client({ ip }).post("/api/v1/auth/register", { name: "R", email: `r${i}@school.example`, password: DEFAULT_PASSWORD })).statusCode);
      }
      expect(codes).toEqual([201, 201, 429]);
      expect((await app.client({ ip: "192.0.2.78" }).post("/api/v1/auth/register", { name: "R", email: "r9@school.example", password: DEFAULT_PASSWORD })).statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });
});

async function listBlobs(): Promise<string[]> {
  const keys: string[] = [];
  for await (const k of t.app.ctx.blobs.list()) keys.push(k);
  return keys;
}
