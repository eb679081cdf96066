/**
 * Privacy policy versions (issue 7): publishing, the public archive, acceptance at sign-up, the
 * notice of a significant change and the banner of a minor one, and the e-mail to every user.
 * The tests run in order: each builds on the versions the earlier ones published.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, DEFAULT_PASSWORD, type TestApp } from "../../../../test/helpers/test-app.js";
import { recipients } from "../../../../test/helpers/smtp.js";
import { expectStatus, MISSING_ID, register, uniqueEmail, type Person } from "../../../../test/helpers/world.js";
import { PublishPolicyBody as PublishSchema, type MyPolicyState, type PolicyArchive, type PolicyVersion, type PublishPolicyBody } from "../../../shared/schemas/privacy-policy.js";
import type { JobQueue } from "../../jobs/job-queue.js";
import { publishPolicyVersion } from "./commands.js";
import { POLICY_MAIL_SWEEP_JOB, sendPolicyMail } from "./jobs.js";
import { FIRST_POLICY_VERSION } from "./first-version.js";
import { renderPolicyMarkdown } from "./markdown.js";
import { presentState } from "./presenters.js";
import type { PolicyVersionHead } from "./queries.js";
import { listPolicyAcceptancesOf } from "./queries.js";


const api = (rest: string) => `/api/v1${rest}`;
const MANY = { points: 1_000_000, windowSeconds: 60 };

let t: TestApp;
/** The first account: the instance administrator. */
let admin: Person;
/** Signed up before any policy existed (English). */
let alice: Person;
/** Signed up before any policy existed (Swedish). */
let bo: Person;

const draft = (over: Partial<PublishPolicyBody> = {}): PublishPolicyBody => ({
  significance: "minor",
  summary: { en: "We explain retention better.", sv: "Vi förklarar lagringstiden bättre." },
  body: { en: "# Privacy policy\n\nYour school is the data controller.", sv: "# Integritetspolicy\n\nDin skola är personuppgiftsansvarig." },
  ...over,
});
async function publish(over: Partial<PublishPolicyBody> = {}): Promise<PolicyVersion> {
  t.clock.advance(60_000);
  return expectStatus<{ version: PolicyVersion }>(await admin.client.post(api("/privacy-policy/versions"), draft(over)), 201).version;
}
const stateOf = async (p: Person) => expectStatus<{ state: MyPolicyState }>(await p.client.get(api("/me/privacy-policy")), 200).state;
const archive = async () => expectStatus<PolicyArchive>(await t.client().get(api("/privacy-policy/versions")), 200);
/** Signs up a new person through the API, accepting `versionId` (or not). */
function signUp(email: string, versionId?: string) {
  return t.client().post(api("/auth/register"), { name: "New Person", email, password: DEFAULT_PASSWORD, language: "en", acceptedPolicyVersionId: versionId });
}

beforeAll(async () => {
  t = await createTestApp({ rateLimits: { registerPerIp: MANY } });
  admin = await register(t, "Ingrid Instance");
  alice = await register(t, "Alice Andersson");
  bo = await register(t, "Bo Berg");
  expectStatus(await bo.client.patch(api("/me"), { language: "sv" }), 200);
}, 30_000);
afterAll(async () => {
  await t?.close();
});

describe("privacy policy versions", () => {
  it("should require authentication to publish, preview, read one's standing, acknowledge and dismiss", async () => {
    const visitor = t.client();
    const calls = [
      await visitor.post(api("/privacy-policy/versions"), draft()),
      await visitor.post(api("/privacy-policy/preview"), { markdown: "x" }),
      await visitor.get(api("/me/privacy-policy")),
      await visitor.post(api("/me/privacy-policy/acknowledge"), { versionId: MISSING_ID }),
      await visitor.post(api("/me/privacy-policy/dismiss"), { versionId: MISSING_ID }),
    ];
    expect(calls.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
  });

  it("before a first version, the public page says there is none and nobody is asked anything", async () => {
    expect(expectStatus(await t.client().get(api("/privacy-policy")), 200)).toEqual({ version: null });
    expect(await stateOf(alice)).toMatchObject({ current: null, accepted: false, mustAcknowledge: false, banner: false, changes: [] });
    expect((await archive()).versions).toEqual([]);
  });

  it("only an instance administrator publishes: anyone else gets 403 and nothing is published", async () => {
    const refused = await alice.client.post(api("/privacy-policy/versions"), draft());
    expect(refused.statusCode).toBe(403);
    expect((await alice.client.post(api("/privacy-policy/preview"), { markdown: "# x" })).statusCode).toBe(403);
    expect((await archive()).versions).toEqual([]);
    expect((await alice.client.get(api("/privacy-policy/versions"))).json().abilities).toEqual({ publish: false });
    expect((await admin.client.get(api("/privacy-policy/versions"))).json().abilities).toEqual({ publish: true });
  });

  it("a version with a missing, unknown or too long field is refused with 400 naming the field, and nothing is published", async () => {
    const bad = async (body: unknown) => {
      const res = await admin.client.post(api("/privacy-policy/versions"), body as object);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fields as Record<string, string>;
    };
    const d = draft();
    expect(await bad({ ...d, summary: { en: "Only English" } })).toEqual({ "summary.sv": "required" });
    expect(await bad({ ...d, significance: "huge" })).toEqual({ significance: "invalid_value" });
    expect(await bad({ ...d, body: { en: "x".repeat(100_001), sv: "ok" } })).toEqual({ "body.en": "too_long" });
    expect(await bad({ ...d, body: { en: "   ", sv: "ok" } })).toEqual({ "body.en": "too_short" });
    expect((await archive()).versions).toEqual([]);
  });

  it("<script> and onerror= in a version come back inert, in the preview and the published text alike (design §7.12)", async () => {
    const hostile = [
      "# Policy",
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[click me](javascript:alert(1))",
      '[ok](https://example.org "t")',
      "![tracker](https://evil.example/pixel.png)",
    ].join("\n\n");
    const preview = expectStatus<{ html: string }>(await admin.client.post(api("/privacy-policy/preview"), { markdown: hostile }), 200).html;
    const version = await publish({ body: { en: hostile, sv: hostile }, summary: { en: "<b>bold</b> summary", sv: "sammanfattning" } });
    const shown = expectStatus<{ version: PolicyVersion }>(await t.client().get(api(`/privacy-policy/versions/${version.id}`)), 200).version;
    for (const html of [preview, shown.html.en, shown.html.sv]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/<[^>]*\son\w+=/i);
      expect(html).not.toMatch(/href="\s*javascript:/i);
      // The words stay readable as text; the safe link stays a link.
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">ok</a>');
    }
    expect(shown.html.en).toBe(preview);
    // The summary is plain text, returned as typed (the web app renders it as text).
    expect(shown.summary.en).toBe("<b>bold</b> summary");
  });

  it("the public archive lists every version, newest first, with its date and significance, and each is readable without signing in", async () => {
    const second = await publish({ summary: { en: "Second", sv: "Andra" } });
    const { versions } = await archive();
    expect(versions.map((v) => [v.number, v.significance, v.isCurrent])).toEqual([
      [2, "minor", true],
      [1, "minor", false],
    ]);
    expect(versions[0]).toMatchObject({ id: second.id, publishedAt: t.clock().toISOString(), summary: { en: "Second", sv: "Andra" } });
    for (const v of versions) expect(expectStatus<{ version: PolicyVersion }>(await t.client().get(api(`/privacy-policy/versions/${v.id}`)), 200).version.id).toBe(v.id);
    const current = expectStatus<{ version: PolicyVersion }>(await t.client().get(api("/privacy-policy")), 200).version;
    expect(current).toMatchObject({ id: second.id, number: 2, isCurrent: true });
    // The page has its own h1: the text's headings start at h2.
    expect(current.html.en).toContain("<h2>Privacy policy</h2>");
    expect((await t.client().get(api(`/privacy-policy/versions/${MISSING_ID}`))).statusCode).toBe(404);
  });

  it("a published version can be neither changed nor deleted, not even in the database: the archive keeps it as it was", async () => {
    const [latest] = (await archive()).versions;
    const db = t.db.handle.db;
    await expect(db.updateTable("privacy_policy_versions").set({ summary_en: "rewritten" }).where("id", "=", latest!.id).execute()).rejects.toThrow();
    await expect(db.deleteFrom("privacy_policy_versions").where("id", "=", latest!.id).execute()).rejects.toThrow();
    expect((await archive()).versions[0]!.summary.en).toBe("Second");
  });

  let newcomer: Person;
  it("signing up requires accepting the current version: a missing or outdated one is a 400 on that field and makes no account", async () => {
    const { versions } = await archive();
    const [current, older] = versions as [PolicyVersion, PolicyVersion];
    const email = uniqueEmail("newcomer");
    const missing = await signUp(email);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ acceptedPolicyVersionId: "required" });
    const stale = await signUp(email, older.id);
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.fields).toEqual({ acceptedPolicyVersionId: "invalid_value" });
    expect((await signUp(email, MISSING_ID)).json().error.fields).toEqual({ acceptedPolicyVersionId: "invalid_value" });
    // No account was made by the refusals: the address is still free.
    expect((await t.client().signIn(email)).statusCode).toBe(401);

    const client = t.client();
    const res = await client.post(api("/auth/register"), { name: "Nina Newcomer", email, password: DEFAULT_PASSWORD, language: "en", acceptedPolicyVersionId: current.id });
    expect(res.statusCode, res.body).toBe(201);
    newcomer = { client, id: res.json().user.id, email, name: "Nina Newcomer" };
    expect(await stateOf(newcomer)).toMatchObject({ acceptedVersionId: current.id, accepted: true, mustAcknowledge: false, banner: false, changes: [] });
    expect(await listPolicyAcceptancesOf(t.db.handle.db, newcomer.id)).toEqual([
      { versionId: current.id, versionPublishedAt: current.publishedAt, significance: "minor", at: t.clock().toISOString(), how: "sign_up" },
    ]);
  });

  it("a minor change shows a banner, not a notice; closing it is kept for the user's other devices", async () => {
    const accepted = (await stateOf(newcomer)).acceptedVersionId;
    const minor = await publish({ summary: { en: "Typo fixed", sv: "Stavfel rättat" } });
    const before = await stateOf(newcomer);
    expect(before).toMatchObject({ accepted: false, mustAcknowledge: false, banner: true, acceptedVersionId: accepted });
    expect(before.changes.map((v) => v.id)).toEqual([minor.id]);

    const stale = await newcomer.client.post(api("/me/privacy-policy/dismiss"), { versionId: accepted });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.fields).toEqual({ versionId: "invalid_value" });
    expect((await stateOf(newcomer)).banner).toBe(true);

    const after = expectStatus<{ state: MyPolicyState }>(await newcomer.client.post(api("/me/privacy-policy/dismiss"), { versionId: minor.id }), 200).state;
    expect(after.banner).toBe(false);
    const otherDevice = t.client();
    expectStatus(await otherDevice.signIn(newcomer.email), 200);
    expect((await stateOf({ ...newcomer, client: otherDevice })).banner).toBe(false);
    // Another user still sees it: it is closed per person.
    expect((await stateOf(admin)).banner).toBe(true);
    const consents = await listPolicyAcceptancesOf(t.db.handle.db, newcomer.id);
    expect(consents.map((c) => [c.versionId, c.how])).toEqual([
      [accepted, "sign_up"],
      [minor.id, "banner_dismissed"],
    ]);
  });

  let significant: PolicyVersion;
  it("a significant change must be acknowledged by everyone at their next visit; the acknowledgement is recorded with its time and audited", async () => {
    significant = await publish({ significance: "significant", summary: { en: "Crash reports need consent.", sv: "Kraschrapporter kräver samtycke." } });
    const minorBefore = (await archive()).versions[1]!;
    const pending = await stateOf(newcomer);
    expect(pending).toMatchObject({ accepted: false, mustAcknowledge: true, banner: false });
    expect(pending.changes.map((v) => v.id)).toEqual([significant.id, minorBefore.id]);
    // Those who never accepted any version (signed up before the first) must acknowledge too.
    expect((await stateOf(alice)).mustAcknowledge).toBe(true);

    const stale = await newcomer.client.post(api("/me/privacy-policy/acknowledge"), { versionId: minorBefore.id });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.fields).toEqual({ versionId: "invalid_value" });
    expect((await stateOf(newcomer)).mustAcknowledge).toBe(true);

    t.clock.advance(5_000);
    const done = expectStatus<{ state: MyPolicyState }>(await newcomer.client.post(api("/me/privacy-policy/acknowledge"), { versionId: significant.id }), 200).state;
    expect(done).toMatchObject({ accepted: true, mustAcknowledge: false, banner: false, acceptedVersionId: significant.id, acceptedAt: t.clock().toISOString(), changes: [] });
    // Acknowledging again changes nothing.
    expectStatus(await newcomer.client.post(api("/me/privacy-policy/acknowledge"), { versionId: significant.id }), 200);
    const consents = await listPolicyAcceptancesOf(t.db.handle.db, newcomer.id);
    expect(consents.at(-1)).toEqual({ versionId: significant.id, versionPublishedAt: significant.publishedAt, significance: "significant", at: t.clock().toISOString(), how: "acknowledged" });
    expect(consents.filter((c) => c.how === "acknowledged")).toHaveLength(1);
    // Everyone else still has to.
    expect((await stateOf(alice)).mustAcknowledge).toBe(true);

    const audit = await t.db.handle.db
      .selectFrom("audit_events")
      .select(["action", "actor_id", "subject_id", "data"])
      .where("action", "like", "privacy_policy.%")
      .orderBy("created_at")
      .execute();
    // Who acted is recorded (the audit module may store people's ids as pseudonyms).
    expect(audit.filter((a) => a.action === "privacy_policy.published" && a.actor_id !== null).map((a) => a.subject_id)).toContain(significant.id);
    expect(audit.filter((a) => a.action === "privacy_policy.acknowledged" && a.actor_id !== null).map((a) => a.subject_id)).toEqual([significant.id]);
  });

  it("a significant change is e-mailed once to every user who had an account, in their own language, with what changed and a link", async () => {
    await t.app.ctx.jobs.idle();
    const about = (email: string) => t.smtp.messages.filter((m) => recipients(m).includes(email) && (m.text ?? "").includes(`/privacy/versions/${significant.id}`));
    for (const p of [admin, alice, bo, newcomer]) await t.smtp.waitFor((m) => recipients(m).includes(p.email) && (m.text ?? "").includes(significant.id));
    const [toAlice] = about(alice.email);
    expect(toAlice!.subject).toBe("Openloop's privacy policy has changed");
    expect(toAlice!.text).toContain("What changed: Crash reports need consent.");
    expect(toAlice!.text).toContain(`http://openloop.test/privacy/versions/${significant.id}`);
    const [toBo] = about(bo.email);
    expect(toBo!.subject).toBe("Openloops integritetspolicy har ändrats");
    expect(toBo!.text).toContain("Det här har ändrats: Kraschrapporter kräver samtycke.");
    // The minor versions were e-mailed to no one.
    expect(t.smtp.messages.filter((m) => /privacy policy|integritetspolicy/i.test(m.subject ?? ""))).toHaveLength(4);

    // A later run (the sweep after a restart) sends nothing again.
    await t.app.ctx.jobs.runScheduled(POLICY_MAIL_SWEEP_JOB);
    await t.app.ctx.jobs.idle();
    for (const p of [admin, alice, bo, newcomer]) expect(about(p.email)).toHaveLength(1);
  });

  it("the e-mail goes out in batches, and several runners at once still send each person exactly one; a finished mailing keeps no one's id", async () => {
    for (const name of ["one", "two"]) expectStatus(await signUp(uniqueEmail(name), (await archive()).versions[0]!.id), 201);
    const people = await t.db.handle.db.selectFrom("users").select("email").execute();
    // Published without its queued job, so that three runners race over the same batches of 2.
    const ctx = { ...t.app.ctx, jobs: { enqueue: async () => {} } as unknown as JobQueue };
    const version = await publishPolicyVersion({ ctx, ip: null, actor: null, ...draft({ significance: "significant", summary: { en: "Batches", sv: "Omgångar" } }) });
    await Promise.all([sendPolicyMail(t.app.ctx, 2), sendPolicyMail(t.app.ctx, 2), sendPolicyMail(t.app.ctx, 2)]);
    const got = t.smtp.messages.filter((m) => (m.text ?? "").includes(`/privacy/versions/${version.id}`)).flatMap(recipients);
    expect(people.length).toBe(6);
    expect(got.sort()).toEqual(people.map((p) => p.email).sort());
    const mailing = await t.db.handle.db.selectFrom("privacy_policy_mailings").selectAll().where("version_id", "=", version.id).executeTakeFirstOrThrow();
    expect(mailing).toMatchObject({ cursor: null, done_at: expect.any(String) });
  });

  it("someone who signs up after a significant change accepts it then, and is not e-mailed about it", async () => {
    const email = uniqueEmail("later");
    const current = (await archive()).versions[0]!;
    expectStatus(await signUp(email, current.id), 201);
    await t.app.ctx.jobs.runScheduled(POLICY_MAIL_SWEEP_JOB);
    expect(t.smtp.messages.filter((m) => recipients(m).includes(email))).toEqual([]);
  });

  it("a refused e-mail is logged without the address it was for (the mail server's error names it)", async () => {
    const ctx = { ...t.app.ctx, jobs: { enqueue: async () => {} } as unknown as JobQueue };
    await publishPolicyVersion({ ctx, ip: null, actor: null, ...draft({ significance: "significant", summary: { en: "Bounces", sv: "Studsar" } }) });
    const logged: unknown[] = [];
    const log = { error: (...a: unknown[]) => logged.push(a), warn: (...a: unknown[]) => logged.push(a), info: () => {}, debug: () => {} } as unknown as typeof t.app.ctx.log;
    // What nodemailer throws when the server refuses a recipient.
    const mailer = {
      send: async (m: { to: string }) => {
        throw Object.assign(new Error(`Can't send mail - all recipients were rejected: 550 5.1.1 <${m.to}>: Recipient address rejected`), {
          code: "EENVELOPE",
          responseCode: 550,
          command: "RCPT TO",
          response: `550 5.1.1 <${m.to}>: Recipient address rejected`,
          rejected: [m.to],
        });
      },
      close: () => {},
    };
    await sendPolicyMail({ ...t.app.ctx, log, mailer }, 100);
    expect(logged.length).toBeGreaterThan(0);
    // As the logger writes an error: its message, its stack and every property of its own.
    const written = JSON.stringify(logged, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v));
    expect(written).toContain("EENVELOPE");
    for (const { email } of await t.db.handle.db.selectFrom("users").select("email").execute()) expect(written).not.toContain(email);
  });

  it("the first policy shipped for a new instance (the demo's) is valid in both languages, names the organisation as data controller and promises no reduced rights without consent", () => {
    expect(PublishSchema.safeParse(FIRST_POLICY_VERSION).success).toBe(true);
    const en = renderPolicyMarkdown(FIRST_POLICY_VERSION.body.en);
    const sv = renderPolicyMarkdown(FIRST_POLICY_VERSION.body.sv);
    expect(en).toContain("The <strong>data controller</strong> is the organisation");
    expect(sv).toContain("<strong>Personuppgiftsansvarig</strong> är den organisation");
    expect(en).toContain("We will not reduce your rights under this policy without your explicit consent.");
    expect(sv).toContain("Vi minskar inte dina rättigheter enligt policyn utan ditt uttryckliga samtycke.");
    // A self-hosted instance: no third party's servers are promised.
    expect(`${en}${sv}`).not.toMatch(/amazon/i);
  });
});

describe("a user's standing towards the policy (what the web app shows)", () => {
  const head = (id: string, significance: "minor" | "significant", day: number): PolicyVersionHead => ({
    id,
    significance,
    summary_en: id,
    summary_sv: id,
    published_at: `2026-0${day}-01T00:00:00.000Z`,
  });
  const v1 = head("v1", "significant", 1);
  const v2 = head("v2", "significant", 2);
  const v3 = head("v3", "minor", 3);
  const accepted = (id: string) => ({ version_id: id, accepted_at: "2026-09-01T00:00:00.000Z" });
  const facts = (s: MyPolicyState) => ({ accepted: s.accepted, mustAcknowledge: s.mustAcknowledge, banner: s.banner, changes: s.changes.map((c) => c.id) });

  it("asks nothing before a first version", () => {
    expect(facts(presentState([], undefined, false))).toEqual({ accepted: false, mustAcknowledge: false, banner: false, changes: [] });
  });
  it("asks nothing of someone who accepted the version in force", () => {
    expect(facts(presentState([v1, v2, v3], accepted("v3"), false))).toEqual({ accepted: true, mustAcknowledge: false, banner: false, changes: [] });
  });
  it("puts a significant change since the accepted version in front of everything, minor ones after it included", () => {
    expect(facts(presentState([v1, v2, v3], accepted("v1"), false))).toEqual({ accepted: false, mustAcknowledge: true, banner: false, changes: ["v3", "v2"] });
    // Closing a banner never excuses a significant change.
    expect(facts(presentState([v1, v2, v3], accepted("v1"), true)).mustAcknowledge).toBe(true);
  });
  it("shows only a banner for minor changes since the accepted version, until it is closed", () => {
    expect(facts(presentState([v1, v2, v3], accepted("v2"), false))).toEqual({ accepted: false, mustAcknowledge: false, banner: true, changes: ["v3"] });
    expect(facts(presentState([v1, v2, v3], accepted("v2"), true))).toEqual({ accepted: false, mustAcknowledge: false, banner: false, changes: ["v3"] });
  });
  it("treats someone who never accepted a version as having to acknowledge every significant one", () => {
    expect(facts(presentState([v1, v2, v3], undefined, false))).toEqual({ accepted: false, mustAcknowledge: true, banner: false, changes: ["v3", "v2", "v1"] });
    expect(facts(presentState([v3], undefined, false))).toEqual({ accepted: false, mustAcknowledge: false, banner: true, changes: ["v3"] });
  });
});
