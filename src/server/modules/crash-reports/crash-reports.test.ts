import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/helpers/test-app.js";
import { createOrganisation, expectStatus, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { auditRows } from "../../../../test/helpers/audit.js";
import { routePattern, scrubCrashText } from "../../../shared/crash-reports.js";
import type { CrashReport, CrashReportPage } from "../../../shared/schemas/crash-reports.js";
import { PURGE_JOB } from "./jobs.js";
import { crashReportSettingOf } from "./queries.js";
import { CRASH_REPORTS_PER_IP, CRASH_REPORTS_PER_USER } from "./routes.js";

let t: TestApp;
/** The first account: the instance administrator. */
let instanceAdmin: Person;
let pupil: Person;
let orgAdmin: Person;
let ipSeq = 0;
/** A fresh address for each test that counts reports, so the per-address limit of one test does not reach the next. */
const freshIp = () => `10.0.7.${++ipSeq}`;

const IPHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const api = (rest: string) => `/api/v1${rest}`;

const report = (over: Record<string, unknown> = {}) => ({
  consent: "once",
  source: "error",
  message: "TypeError: Cannot read properties of undefined (reading 'emoji')",
  stack: "TypeError: Cannot read properties of undefined (reading 'emoji')\n    at LoopCard (http://openloop.test/assets/LoopPage-Cx3d9a1B.js:1:2345)",
  appVersion: "0.1.0",
  route: "/loops/:loopId",
  ...over,
});
/** Sends a report a second after the last, so "newest" is well defined. */
const send = (c: TestClient, over: Record<string, unknown> = {}) => {
  t.clock.advance(1_000);
  return c.post(api("/crash-reports"), report(over));
};
/** A client of the person on its own address. */
const as = (p: Person, opts: { ip?: string; userAgent?: string } = {}) => {
  const c = t.client({ ip: opts.ip ?? freshIp(), ...(opts.userAgent ? { userAgent: opts.userAgent } : {}) });
  c.cookie = p.client.cookie;
  return c;
};
const listAll = async () => expectStatus<CrashReportPage>(await instanceAdmin.client.get(api("/crash-reports?limit=200")), 200).reports;
const detail = async (id: string) => expectStatus<{ report: CrashReport }>(await instanceAdmin.client.get(api(`/crash-reports/${id}`)), 200).report;
const countReports = async () => Number((await t.db.handle.db.selectFrom("crash_reports").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const setSetting = async (p: Person, enabled: boolean) => expectStatus(await p.client.put(api("/me/crash-report-setting"), { enabled }), 200);
/** The newest report, in full. */
const newest = async () => detail((await listAll())[0]!.id);

beforeAll(async () => {
  t = await createTestApp();
  instanceAdmin = await register(t, "Ingrid Instance");
  pupil = await register(t, "Pia Pupil");
  orgAdmin = await register(t, "Astrid Admin");
  await createOrganisation(orgAdmin, "Solskolan");
});
afterAll(async () => t.close());

describe("crash reports", () => {
  it("should require authentication to read reports and the setting", async () => {
    const visitor = t.client();
    for (const res of [
      await visitor.get(api("/crash-reports")),
      await visitor.get(api(`/crash-reports/${MISSING_ID}`)),
      await visitor.get(api("/me/crash-report-setting")),
      await visitor.put(api("/me/crash-report-setting"), { enabled: true }),
    ]) {
      expect(res.statusCode).toBe(401);
    }
  });

  it("crash report refused without consent", async () => {
    const before = await countReports();
    const c = as(pupil);
    // No consent at all: the field is named.
    const missing = await c.post(api("/crash-reports"), { ...report(), consent: undefined });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ consent: "required" });
    expect((await c.post(api("/crash-reports"), report({ consent: "yes" }))).statusCode).toBe(400);
    // "setting" while the setting is off (the default): refused.
    expect((await crashReportSettingOf(t.db.handle.db, pupil.id)).enabled).toBe(false);
    const refused = await send(c, { consent: "setting" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/consent/);
    // A visitor has no setting: only the one-time approval.
    expect((await send(t.client({ ip: freshIp() }), { consent: "setting" })).statusCode).toBe(403);
    // Turned on, then off again: refused again.
    await setSetting(pupil, true);
    await setSetting(pupil, false);
    expect((await send(c, { consent: "setting" })).statusCode).toBe(403);
    expect(await countReports()).toBe(before);
  });

  it("accepts a report with each consent, with the device's OS and version read from the User-Agent", async () => {
    // Approved once, by a visitor on an iPhone.
    expect((await send(t.client({ ip: freshIp(), userAgent: IPHONE_UA }), { source: "boundary", route: "/sign-in" })).statusCode).toBe(204);
    const once = await newest();
    expect(once).toMatchObject({
      consent: "once",
      source: "boundary",
      route: "/sign-in",
      appVersion: "0.1.0",
      device: { os: "iOS", osVersion: "17.4", browser: "Mobile Safari", browserVersion: "17", deviceType: "mobile" },
    });
    // With the setting on: sent without asking. Chromium's client hints give the real Windows version.
    await setSetting(pupil, true);
    expect((await crashReportSettingOf(t.db.handle.db, pupil.id)).enabled).toBe(true);
    const c = as(pupil);
    t.clock.advance(1_000);
    const res = await c.post(api("/crash-reports"), report({ consent: "setting", source: "rejection" }), {
      "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
      "sec-ch-ua-platform": '"Windows"',
      "sec-ch-ua-platform-version": '"15.0.0"',
    });
    expect(res.statusCode).toBe(204);
    const bySetting = await newest();
    expect(bySetting).toMatchObject({ consent: "setting", source: "rejection", device: { os: "Windows", osVersion: "15.0.0", browser: "Chrome", browserVersion: "130" } });
    // A signed-in person may also approve a single report with the setting off.
    await setSetting(pupil, false);
    expect((await send(as(pupil))).statusCode).toBe(204);
    expect((await newest()).consent).toBe("once");
  });

  it("keeps no e-mail address, token, query string, id or person in a report", async () => {
    const token = "k3J9xQ2mZ8vT1bN7cR4wY6pL0sD5fG2h";
    const loopId = "0b7c9a54-3f1e-4d2a-9b8c-7e6f5a4b3c2d";
    await send(as(pupil), {
      message: `Error: could not load ${loopId} for pia.pupil@school.example with token=${token} (Bearer ${token})`,
      stack: `Error: boom\n    at fetchLoop (http://openloop.test/assets/index-B1c2D3e4.js:1:200)\n    at http://openloop.test/reset-password?token=${token}:3:4\n    at GroupStatisticsPage-CkT2Xa9b (http://openloop.test/assets/x.js:9:9)`,
      route: `/groups/${loopId}/posts/${loopId}?token=${token}#x`,
    });
    const r = await newest();
    const text = JSON.stringify(r);
    for (const secret of [token, loopId, "pia.pupil", "school.example", "Pia", pupil.id, pupil.email]) expect(text).not.toContain(secret);
    expect(r.message).toBe("Error: could not load [id] for [email] with token=[removed] (Bearer [removed])");
    expect(r.stack).toContain("at fetchLoop (http://openloop.test/assets/index-B1c2D3e4.js:1:200)");
    expect(r.stack).toContain("reset-password?[removed]");
    // File and component names stay: the stack must still tell where it broke.
    expect(r.stack).toContain("GroupStatisticsPage-CkT2Xa9b");
    expect(r.route).toBe("/groups/:id/posts/:id");
    // The stored row has no column that could name the sender.
    const row = await t.db.handle.db.selectFrom("crash_reports").selectAll().where("id", "=", r.id).executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(
      ["app_version", "browser", "browser_version", "consent", "device_type", "id", "message", "os", "os_version", "received_at", "route", "source", "stack"].sort(),
    );
  });

  it("scrubs e-mail addresses, tokens and query strings but keeps what tells where it broke (unit)", () => {
    expect(scrubCrashText("mail ada.lind+x@skola.se now", 500)).toBe("mail [email] now");
    expect(scrubCrashText("GET /api/v1/unsubscribe?token=abc.def&x=1 failed", 500)).toBe("GET /api/v1/unsubscribe?[removed] failed");
    expect(scrubCrashText("id 6f1c2b9e-4d3a-4c55-9e21-0a7b8c9d1e2f", 500)).toBe("id [id]");
    expect(scrubCrashText("hex 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 500)).toBe("hex [token]");
    expect(scrubCrashText("password: hunter22 and session=abc", 500)).toBe("password: [removed] and session=[removed]");
    expect(scrubCrashText("TypeError: handleSubmitLoopWithAttachments is not a function", 500)).toBe("TypeError: handleSubmitLoopWithAttachments is not a function");
    expect(scrubCrashText("a\u0000b\nc", 500)).toBe("ab\nc");
    expect(scrubCrashText("x".repeat(600), 500)).toHaveLength(500);
    expect(routePattern("/join/ABCD-EFGH")).toBe("/join/:id");
    expect(routePattern("/groups/:groupId/surveys/new?from=x")).toBe("/groups/:groupId/surveys/new");
    expect(routePattern("/loops/12345")).toBe("/loops/:id");
    expect(routePattern("")).toBe("/");
  });

  it("refuses a report that is too large (413) or has overlong fields (400), storing nothing", async () => {
    const before = await countReports();
    const c = as(pupil);
    const huge = await send(c, { stack: "x".repeat(40 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("payload_too_large");
    const long = await send(c, { message: "m".repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toEqual({ message: "too_long" });
    expect((await send(c, { appVersion: "<script>" })).statusCode).toBe(400);
    expect(await countReports()).toBe(before);
    // Not JSON, or not an object: 400, never a 5xx.
    expect((await c.post(api("/crash-reports"), "not json", { "content-type": "application/json" })).statusCode).toBe(400);
    expect((await c.post(api("/crash-reports"), "Error: boom", { "content-type": "text/plain" })).statusCode).toBe(400);
    expect(await countReports()).toBe(before);
    // Control characters (PostgreSQL refuses NUL) are dropped, not a failure.
    expect((await send(c, { message: "Error: a\u0000b", stack: "x\u0000y", route: "/a\u0000b" })).statusCode).toBe(204);
    expect(await newest()).toMatchObject({ message: "Error: ab", stack: "xy", route: "/:id" });
    // A long message within the limit is kept, cut.
    expect((await send(c, { message: "Error: ".padEnd(1500, "m") })).statusCode).toBe(204);
    expect((await newest()).message).toHaveLength(500);
  });

  it("limits reports per person (429), and per address for everyone behind it", async () => {
    const person = await register(t, "Rapid Reporter");
    const c = as(person);
    for (let i = 0; i < CRASH_REPORTS_PER_USER.points; i++) expect((await send(c)).statusCode).toBe(204);
    const limited = await send(c);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // The same person from another address is still limited; others are not.
    expect((await send(as(person))).statusCode).toBe(429);
    expect((await send(as(pupil))).statusCode).toBe(204);

    const ip = freshIp();
    for (let i = 0; i < CRASH_REPORTS_PER_IP.points; i++) expect((await send(t.client({ ip }))).statusCode).toBe(204);
    expect((await send(t.client({ ip }))).statusCode).toBe(429);
    expect((await send(t.client({ ip: freshIp() }))).statusCode).toBe(204);
  });

  it("shows reports to instance administrators only, newest first, in pages", async () => {
    const all = await listAll();
    expect(all.length).toBeGreaterThan(3);
    expect(all.map((r) => r.receivedAt)).toEqual([...all.map((r) => r.receivedAt)].sort().reverse());
    // The list leaves the stack for the detail page.
    expect(all[0]).not.toHaveProperty("stack");
    const first = expectStatus<CrashReportPage>(await instanceAdmin.client.get(api("/crash-reports?limit=2")), 200);
    expect(first.reports).toHaveLength(2);
    const second = expectStatus<CrashReportPage>(await instanceAdmin.client.get(api(`/crash-reports?limit=2&cursor=${first.nextCursor}`)), 200);
    expect(second.reports.map((r) => r.id)).toEqual(all.slice(2, 4).map((r) => r.id));
    expect((await instanceAdmin.client.get(api("/crash-reports?cursor=nonsense"))).json().error.fields).toEqual({ cursor: "invalid" });

    const id = all[0]!.id;
    for (const p of [pupil, orgAdmin]) {
      // Exactly like a report that does not exist.
      const list = await p.client.get(api("/crash-reports"));
      const one = await p.client.get(api(`/crash-reports/${id}`));
      const missing = await p.client.get(api(`/crash-reports/${MISSING_ID}`));
      expect([list.statusCode, one.statusCode, missing.statusCode]).toEqual([404, 404, 404]);
      expect(one.body).toBe(missing.body);
    }
    expect((await instanceAdmin.client.get(api(`/crash-reports/${MISSING_ID}`))).statusCode).toBe(404);
  });

  it("stores each person's choice, off by default, and audits each change", async () => {
    const person = await register(t, "Carl Choice");
    expect(expectStatus(await person.client.get(api("/me/crash-report-setting")), 200)).toEqual({ enabled: false });
    expect(await crashReportSettingOf(t.db.handle.db, person.id)).toEqual({ enabled: false, updatedAt: null });
    expect(await setSetting(person, true)).toEqual({ enabled: true });
    expect(expectStatus(await person.client.get(api("/me/crash-report-setting")), 200)).toEqual({ enabled: true });
    expect(await crashReportSettingOf(t.db.handle.db, person.id)).toEqual({ enabled: true, updatedAt: t.clock().toISOString() });
    expect((await person.client.put(api("/me/crash-report-setting"), { enabled: "yes" })).statusCode).toBe(400);
    const audit = (await auditRows(t.db.handle.db)).filter((a) => a.actor_id === person.id && a.action === "crash_reports.setting_changed");
    expect(audit.map((a) => JSON.parse(a.data) as unknown)).toEqual([{ enabled: true }]);
  });

  it("deletes reports 90 days after they arrived (daily purge, fake clock)", async () => {
    await send(as(pupil), { message: "Error: old report" });
    const old = await newest();
    t.clock.advance(89 * 24 * 3600_000);
    // Sessions do not last 89 days.
    instanceAdmin.client.cookie = undefined;
    expectStatus(await instanceAdmin.client.signIn(instanceAdmin.email), 200);
    await send(t.client({ ip: freshIp() }), { message: "Error: newer report" });
    const newer = await newest();
    await t.app.ctx.jobs.runScheduled(PURGE_JOB);
    expect((await listAll()).map((r) => r.id)).toContain(old.id);
    t.clock.advance(2 * 24 * 3600_000);
    await t.app.ctx.jobs.runScheduled(PURGE_JOB);
    const left = (await listAll()).map((r) => r.id);
    expect(left).not.toContain(old.id);
    expect(left).toContain(newer.id);
    expect((await instanceAdmin.client.get(api(`/crash-reports/${old.id}`))).statusCode).toBe(404);
  });
});
