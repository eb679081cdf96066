import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { auditLog, expectLikeMissing, expectStatus, MISSING_ID, type Person } from "../../../../test/helpers/world.js";
import { randomUUID } from "node:crypto";
import { sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";

let t: TestApp;
/** Solskolan (Europe/Stockholm, UTC+2 in September): 7B with the teacher and two students. */
let c: Class;
let s1: Person;
let s2: Person;
let foreign: Class;
const ids: Record<string, string> = {};

const api = (rest: string) => `/api/v1${rest}`;
const url = (groupId: string, ext: "csv" | "xlsx", query: Record<string, string> = { from: "2026-09-02", to: "2026-09-03" }) =>
  api(`/groups/${groupId}/loops/export.${ext}?${new URLSearchParams(query).toString()}`);
const csvOf = (res: LightMyRequestResponse) => parse(res.rawPayload.toString("utf8"), { bom: true }) as string[][];

async function xlsxOf(res: LightMyRequestResponse): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(Array.from({ length: 11 }, (_, i) => row.getCell(i + 1).text));
  });
  return rows;
}

/** Sends a loop as if at `instant`. */
async function sendAt(instant: string, p: Person, body: Record<string, unknown>) {
  t.clock.advance(Date.parse(instant) - t.clock().getTime());
  return (await sendLoop(p, c.groupId, body)).id;
}

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t, { students: 2 });
  [s1, s2] = c.students as [Person, Person];
  foreign = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", students: 1 });
  // 23:30 local on the day before the period: out.
  ids.before = await sendAt("2026-09-01T21:30:00.000Z", s1, { emoji: 1, text: "before the period" });
  // 08:00 local on the first day, a report with tags and a formula.
  ids.report = await sendAt("2026-09-02T06:00:00.000Z", s1, {
    emoji: 5,
    taskId: c.tasks[0]!.id,
    tagIds: [c.tags[0]!.id, c.tags[1]!.id],
    text: '=HYPERLINK("http://evil.example","click")',
  });
  // 00:30 local on the second day (22:30 UTC the first day), anonymous.
  ids.anonymous = await sendAt("2026-09-02T22:30:00.000Z", s2, { emoji: 2, anonymous: true, text: "<script>alert(1)</script>" });
  // 23:30 local on the last day: in.
  ids.late = await sendAt("2026-09-03T21:30:00.000Z", s1, { emoji: 3, text: "late on the last day" });
  // 00:30 local the day after: out.
  ids.after = await sendAt("2026-09-03T22:30:00.000Z", s1, { emoji: 4, text: "after the period" });
  expectStatus(await c.teacher.client.post(api(`/loops/${ids.report}/approve`), {}), 200);
});
afterAll(async () => t.close());

describe("loops export", () => {
  it("should require authentication", async () => {
    const visitor = t.client();
    for (const ext of ["csv", "xlsx"] as const) {
      const res = await visitor.get(url(c.groupId, ext));
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    }
  });

  // Approved at 00:30 local on the 4th (the clock stood there).
  const expected = [
    ["Sent (Europe/Stockholm)", "Sender", "Anonymous", "Task", "Emoji (1–5)", "Feeling", "Tags", "Text", "Comments", "Approved", "Check-in question"],
    ["2026-09-02 08:00", "Student 1", "no", "Week 1 reflection", "5", "Very good", "took initiative, worked with others", `'=HYPERLINK("http://evil.example","click")`, "0", "2026-09-04 00:30", ""],
    // The anonymous loop: the organisation's day it was sent on (3 September in Stockholm, though
    // 2 September in UTC), the day the inbox shows; no sender, first of its day.
    ["2026-09-03", "", "yes", "", "2", "Bad", "", "<script>alert(1)</script>", "0", "", ""],
    ["2026-09-03 23:30", "Student 1", "no", "", "3", "Okay", "", "late on the last day", "0", "", ""],
  ];

  it("gives a leader the period's loops as CSV, in the organisation's days, anonymous ones without their sender", async () => {
    const res = await c.teacher.client.get(url(c.groupId, "csv"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="loops-2026-09-02-2026-09-03.csv"');
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvOf(res);
    expect(rows).toEqual(expected);
    for (const secret of [s2.name, s2.id, s2.email]) expect(res.body).not.toContain(secret);
    for (const p of [s1, c.teacher]) {
      expect(res.body).not.toContain(p.id);
      expect(res.body).not.toContain(p.email);
    }
    expect(res.body).not.toContain("before the period");
    expect(res.body).not.toContain("after the period");
  });

  it("gives the same rows as XLSX, in Swedish when asked", async () => {
    const res = await c.teacher.client.get(url(c.groupId, "xlsx"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="loops-2026-09-02-2026-09-03.xlsx"');
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    const rows = await xlsxOf(res);
    expect(rows).toEqual(expected);
    const text = rows.flat().join("\n");
    for (const secret of [s2.name, s2.id, s2.email]) expect(text).not.toContain(secret);

    const sv = await xlsxOf(await c.teacher.client.get(url(c.groupId, "xlsx", { from: "2026-09-02", to: "2026-09-03", language: "sv" })));
    expect(sv[0]![0]).toBe("Skickad (Europe/Stockholm)");
    expect(sv[2]!.slice(0, 6)).toEqual(["2026-09-03", "", "ja", "", "2", "Dåligt"]);
  });

  it("dates an anonymous loop exactly as the leader's inbox does, never finer", async () => {
    const shown = expectStatus<{ loop: { sentAt: string } }>(await c.teacher.client.get(api(`/loops/${ids.anonymous}`)), 200).loop.sentAt;
    const rows = csvOf(await c.teacher.client.get(url(c.groupId, "csv")));
    const row = rows.find((r) => r[7] === "<script>alert(1)</script>")!;
    expect(row[0]).toBe(shown);
    expect(shown).toBe("2026-09-03");
    // It belongs to that day alone: a one-day export of its UTC day (2 September) does not hold it.
    const second = csvOf(await c.teacher.client.get(url(c.groupId, "csv", { from: "2026-09-02", to: "2026-09-02" })));
    expect(second.some((r) => r[7] === "<script>alert(1)</script>")).toBe(false);
    const third = csvOf(await c.teacher.client.get(url(c.groupId, "csv", { from: "2026-09-03", to: "2026-09-03" })));
    expect(third.some((r) => r[7] === "<script>alert(1)</script>")).toBe(true);
  });

  it("audits each export with its period and row count", async () => {
    const events = (await auditLog(c.teacher, c.orgId, { action: "loops.exported" })).filter((e) => e.subjectId === c.groupId);
    expect(events.length).toBeGreaterThanOrEqual(2);
    // Other tests export other periods at the same (fake) instant: find this period's row.
    const ofPeriod = events.find((e) => (e.data as { from?: string; to?: string }).from === "2026-09-02" && (e.data as { to?: string }).to === "2026-09-03");
    expect(ofPeriod).toMatchObject({ outcome: "success", actor: { id: c.teacher.id }, data: { from: "2026-09-02", to: "2026-09-03", rows: 3 } });
  });

  it("refuses a sender, and answers for another organisation's group as for a missing one", async () => {
    for (const ext of ["csv", "xlsx"] as const) {
      expect((await s1.client.get(url(c.groupId, ext))).statusCode).toBe(403);
      await expectLikeMissing(foreign.teacher.client, "GET", url(c.groupId, ext), url(MISSING_ID, ext));
    }
  });

  it("refuses a bad period with the field", async () => {
    const fields = async (query: Record<string, string>) => {
      const body = expectStatus<{ error: { code: string; fields?: Record<string, string> } }>(await c.teacher.client.get(url(c.groupId, "csv", query)), 400);
      return Object.keys(body.error.fields ?? {});
    };
    expect(await fields({ from: "2026-09-05", to: "2026-09-04" })).toEqual(["to"]);
    expect(await fields({ from: "2025-01-01", to: "2026-09-04" })).toEqual(["to"]);
    expect(await fields({ from: "2026-02-30", to: "2026-03-04" })).toEqual(["from"]);
    expect(await fields({ from: "yesterday", to: "2026-03-04" })).toEqual(["from"]);
    expect(await fields({ from: "2026-03-01" })).toEqual(["to"]);
    // Exactly 400 days is allowed.
    expect((await c.teacher.client.get(url(c.groupId, "csv", { from: "2025-08-01", to: "2026-09-04" }))).statusCode).toBe(200);
  });

  it("pages through a big day without losing or repeating a loop, anonymous ones first", async () => {
    const template = await t.db.handle.db.selectFrom("loops").selectAll().where("id", "=", ids.late!).executeTakeFirstOrThrow();
    const rows = Array.from({ length: 1300 }, (_, i) => {
      const anonymous = i % 2 === 0;
      const created = new Date(Date.parse("2026-10-05T06:00:00.000Z") + i * 1000).toISOString();
      // An anonymous loop stands at the start of its Stockholm day (UTC+2 in October).
      return { ...template, id: randomUUID(), text: `bulk ${i}`, is_anonymous: anonymous, created_at: created, listed_on: "2026-10-05", listed_at: anonymous ? "2026-10-04T22:00:00.000Z" : created, comment_count: 0 };
    });
    for (let i = 0; i < rows.length; i += 100) await t.db.handle.db.insertInto("loops").values(rows.slice(i, i + 100)).execute();
    const csv = csvOf(await c.teacher.client.get(url(c.groupId, "csv", { from: "2026-10-05", to: "2026-10-05" }))).slice(1);
    expect(csv).toHaveLength(1300);
    expect(new Set(csv.map((r) => r[7])).size).toBe(1300);
    expect(csv.slice(0, 650).every((r) => r[2] === "yes" && r[0] === "2026-10-05" && r[1] === "")).toBe(true);
    // The others in the order they were sent.
    expect(csv.slice(650).map((r) => r[7])).toEqual(rows.filter((r) => !r.is_anonymous).map((r) => r.text));
  });
});

