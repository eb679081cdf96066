import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.js";
import { auditLog, createGroup, createOrganisation, expectLikeMissing, groupCodes, join, MISSING_ID, register, type Person } from "../../../test/helpers/world.js";
import { recordAudit } from "./index.js";

let t: TestApp;
let admin: Person;
let formulaPerson: Person;
let member: Person;
let otherAdmin: Person;
let orgId: string;

const csvUrl = (id: string, query: Record<string, string> = {}) => `/api/v1/organisations/${id}/audit.csv?${new URLSearchParams(query).toString()}`;

/** Downloads the CSV and parses it back: the heading row and the records. */
async function downloadCsv(p: Person, query: Record<string, string> = {}) {
  // A second later than anything before, so the export's own event is the newest.
  t.clock.advance(1_000);
  const res = await p.client.get(csvUrl(orgId, query));
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.body.startsWith("\uFEFF")).toBe(true);
  const [heading, ...rows] = parse(res.body, { bom: true }) as string[][];
  return { heading: heading!, rows };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(admin, "Solskolan");
  // A name a spreadsheet would run as a formula.
  formulaPerson = await register(t, "=HYPERLINK(\"http://evil.example\",\"Click\")");
  member = await register(t, "Maja Member");
  const groupId = await createGroup(admin, orgId, { name: "7B" });
  await join(member, (await groupCodes(admin, groupId)).sender!);
  await join(formulaPerson, (await groupCodes(admin, groupId)).sender!);
  otherAdmin = await register(t, "Olof Other");
  await createOrganisation(otherAdmin, "Bergskolan");
  t.clock.advance(60_000);
  await recordAudit(t.db.handle.db, {
    action: "group.updated",
    actorId: formulaPerson.id,
    organisationId: orgId,
    subjectType: "group",
    subjectId: groupId,
    ip: "192.0.2.7",
    data: { description: "+SUM(1,2)", changed: true },
    at: t.clock(),
  });
  t.clock.advance(60_000);
});
afterAll(async () => t.close());

describe("audit log CSV export", () => {
  it("should require authentication", async () => {
    expect((await t.client().get(csvUrl(orgId))).statusCode).toBe(401);
  });

  it("is for the organisation's administrators: a member is refused, another organisation's administrator finds nothing", async () => {
    expect((await member.client.get(csvUrl(orgId))).statusCode).toBe(403);
    await expectLikeMissing(otherAdmin.client, "GET", csvUrl(orgId), csvUrl(MISSING_ID));
  });

  it("holds every event of the log, as the administrator reads it, newest first", async () => {
    const events = await auditLog(admin, orgId);
    const { heading, rows } = await downloadCsv(admin);
    expect(heading).toEqual(["Time (UTC)", "Actor", "Actor id", "Action", "Outcome", "Subject type", "Subject id", "IP address", "Details"]);
    // The export's own event is the newest row.
    expect(rows[0]!.slice(1, 5)).toEqual(["Astrid Admin", admin.id, "audit.exported", "success"]);
    const listed = rows.slice(1);
    expect(listed.map((r) => r[3])).toEqual(events.map((e) => e.action));
    expect(listed.map((r) => r[0])).toEqual(events.map((e) => new Date(e.at).toISOString()));
    expect(listed.map((r) => r[2])).toEqual(events.map((e) => e.actor?.id ?? ""));
    expect(listed.map((r) => r[6])).toEqual(events.map((e) => e.subjectId ?? ""));
    expect(listed.map((r) => JSON.parse(r[8]!) as unknown)).toEqual(events.map((e) => e.data));
    expect(listed.some((r) => r[3] === "organisation.created" && r[1] === "Astrid Admin")).toBe(true);
  });

  it("makes every cell a spreadsheet would run as a formula inert", async () => {
    const { rows } = await downloadCsv(admin, { action: "group.updated" });
    const row = rows.find((r) => r[3] === "group.updated" && r[2] === formulaPerson.id)!;
    expect(row[1]).toBe("'=HYPERLINK(\"http://evil.example\",\"Click\")");
    expect(row[7]).toBe("192.0.2.7");
    expect(JSON.parse(row[8]!)).toEqual({ description: "+SUM(1,2)", changed: true });
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("applies the same filters as the log (action, actor, period) and records them with the export", async () => {
    const from = new Date(t.clock().getTime() - 90_000).toISOString();
    const to = t.clock().toISOString();
    const query = { action: "group.", actorId: formulaPerson.id, from, to };
    const events = await auditLog(admin, orgId, query);
    expect(events).toHaveLength(1);
    const { rows } = await downloadCsv(admin, query);
    expect(rows.map((r) => r[0])).toEqual(events.map((e) => e.at));
    const exported = (await auditLog(admin, orgId, { action: "audit.exported" }))[0]!;
    expect(exported).toMatchObject({ actor: { id: admin.id }, subjectType: "organisation", subjectId: orgId, data: { action: "group.", actorId: formulaPerson.id, from, to, rows: 1 } });
    expect((await member.client.get(csvUrl(orgId, { from: "yesterday" }))).statusCode).toBe(400);
  });

  it("has Swedish headings on request and holds more events than one page", async () => {
    for (let i = 0; i < 1100; i++) {
      await recordAudit(t.db.handle.db, { action: "test.bulk", actorId: null, organisationId: orgId, subjectType: "organisation", subjectId: orgId, data: { i }, at: t.clock() });
    }
    const { heading, rows } = await downloadCsv(admin, { action: "test.bulk", language: "sv" });
    expect(heading[0]).toBe("Tid (UTC)");
    expect(rows).toHaveLength(1100);
    expect(new Set(rows.map((r) => (JSON.parse(r[8]!) as { i: number }).i)).size).toBe(1100);
  });
});
