/**
 * Whatever a client sends to the feed, posts, surveys and check-ins endpoints — wrong types,
 * huge or odd strings, NUL bytes, weird ids, cursors and time zones — the answer is never a 5xx
 * (design.md §5) and every refusal has the one error shape.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupClass, type Class } from "./helpers/loops.js";
import type { TestApp, TestClient } from "./helpers/test-app.js";
import { createTestApp } from "./helpers/test-app.js";
import { expectStatus, MISSING_ID } from "./helpers/world.js";

const RUNS = 25;

const SPECIAL = ["", " ", "\u0000", "a\u0000b", "\ud800", "25:99", "24:00", "-1", "1e400", "NaN", "null", "__proto__", "<script>x</script>", "z".repeat(70_000), "9".repeat(400)];
const str = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) });
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: str },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(1e300, -0, 0.5, Number.MAX_SAFE_INTEGER + 2, -1) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(str, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const WEIRD_IDS = ["x", "00000000-0000-0000-0000-000000000000", "%00", "..%2F..", "6F1C2B9E-4D3A-4C55-9E21-0A7B8C9D1E2F", "a".repeat(300), "%E0%A4%A", MISSING_ID, "'%20or%201=1"];

let t: TestApp;
let c: Class;
let teacher: TestClient;
let student: TestClient;
let postId: string;
let surveyId: string;
let anonSurveyId: string;
let questionIds: string[];
let checkinId: string;
let occurrenceId: string;

beforeAll(async () => {
  t = await createTestApp({ rateLimits: { postPerUser: { points: 100_000, windowSeconds: 3600 } } });
  c = await setupClass(t, { students: 2 });
  teacher = c.teacher.client;
  student = c.students[0]!.client;
  postId = expectStatus(await teacher.post(`/api/v1/groups/${c.groupId}/posts`, { title: "News", body: "Text" }), 201).post.id;
  const questions = [
    { kind: "single", prompt: "One?", options: ["a", "b"] },
    { kind: "multiple", prompt: "Many?", options: ["a", "b", "c"] },
    { kind: "scale", prompt: "Scale?" },
    { kind: "text", prompt: "Text?" },
  ];
  const s = expectStatus(await teacher.post(`/api/v1/groups/${c.groupId}/surveys`, { title: "S", questions, opensAt: t.clock().toISOString() }), 201).survey;
  surveyId = s.id;
  questionIds = s.questions.map((q: { id: string }) => q.id);
  anonSurveyId = expectStatus(await teacher.post(`/api/v1/groups/${c.groupId}/surveys`, { title: "A", anonymous: true, questions }), 201).survey.id;
  checkinId = expectStatus(await teacher.post(`/api/v1/groups/${c.groupId}/checkins`, { prompt: "How?", weekday: 2, time: "11:00" }), 201).checkin.id;
  t.clock.advance(2 * 3600_000);
  await t.app.ctx.jobs.runScheduled("checkins.occur");
  const occ = expectStatus(await teacher.get(`/api/v1/checkins/${checkinId}/occurrences`), 200).occurrences;
  occurrenceId = occ[0].id;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function wellBehaved(client: TestClient, method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: string) {
  const res = await client.request(method, url, body, body === undefined ? {} : { "content-type": "application/json" });
  const where = `${method} ${url.slice(0, 200)} ${body?.slice(0, 300) ?? ""} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode >= 400) expect(res.json(), where).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

/** Objects whose fields are each a good value, junk, or absent. */
function objects(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  const entries = Object.entries(fields).map(([k, good]) =>
    fc.oneof({ weight: 3, arbitrary: good.map((v) => [[k, v]]) }, { weight: 2, arbitrary: junk.map((v) => [[k, v]]) }, { weight: 1, arbitrary: fc.constant([]) }),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(...entries).map((parts) => JSON.stringify(Object.fromEntries((parts as unknown[][]).flat() as [string, unknown][]))) },
    { weight: 1, arbitrary: fc.constantFrom("", "{", "null", "[]", '"x"', "\u0000", `{"__proto__":{"x":1}}`) },
  );
}

const title = fc.oneof(fc.string({ minLength: 1, maxLength: 50 }), fc.constantFrom("T\u0000", "x".repeat(201)));
const question = fc.record({
  kind: fc.constantFrom("single", "multiple", "scale", "text", "other"),
  prompt: title,
  required: fc.boolean(),
  options: fc.oneof(fc.array(fc.constantFrom("a", "A", "b", " ", "c\u0000", "d"), { maxLength: 5 }), junk),
});
const instant = fc.oneof(
  fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("2026-13-40T99:99:99Z", "2026-09-01", "0000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z"),
);
const answerValue = fc.oneof(fc.integer({ min: -3, max: 8 }), fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 6 }), fc.string({ maxLength: 20 }), fc.constant(null), junk);
const answers = fc.oneof(
  fc.tuple(...questionIdsArb()).map((vals) => vals),
  fc.dictionary(fc.oneof(fc.constantFrom(MISSING_ID, "x", "__proto__"), fc.uuid()), answerValue, { maxKeys: 4 }),
);
function questionIdsArb() {
  // Filled lazily (the ids exist only after beforeAll): four answer slots, each maybe absent.
  return [0, 1, 2, 3].map((i) => fc.option(answerValue, { nil: undefined }).map((v) => [i, v] as const));
}
const answerBody = answers.map((a) => {
  if (Array.isArray(a)) return JSON.stringify({ answers: Object.fromEntries(a.filter(([, v]) => v !== undefined).map(([i, v]) => [questionIds[i as number]!, v])) });
  return JSON.stringify({ answers: a });
});

describe("engagement endpoints never answer 5xx", () => {
  it("posts: create and edit", async () => {
    const body = objects({ title, body: fc.oneof(fc.string({ maxLength: 100 }), fc.constant("b".repeat(20_001))) });
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        await wellBehaved(teacher, "POST", `/api/v1/groups/${c.groupId}/posts`, b);
        await wellBehaved(teacher, "PATCH", `/api/v1/posts/${postId}`, b);
      }),
      { numRuns: RUNS },
    );
  });

  it("surveys: create, edit and answer", async () => {
    const body = objects({ title, description: fc.string({ maxLength: 40 }), anonymous: fc.boolean(), questions: fc.array(question, { maxLength: 3 }), opensAt: instant, closesAt: instant });
    await fc.assert(
      fc.asyncProperty(body, answerBody, async (b, a) => {
        await wellBehaved(teacher, "POST", `/api/v1/groups/${c.groupId}/surveys`, b);
        await wellBehaved(teacher, "PATCH", `/api/v1/surveys/${anonSurveyId}`, b);
        await wellBehaved(student, "PUT", `/api/v1/surveys/${surveyId}/response`, a);
      }),
      { numRuns: RUNS },
    );
  });

  it("check-ins: create and edit; organisation time zone", async () => {
    const body = objects({
      prompt: title,
      weekday: fc.integer({ min: -1, max: 9 }),
      time: fc.oneof(fc.constantFrom("00:00", "23:59", "25:99", "24:00", "9:00", "10:00 "), fc.string({ maxLength: 6 })),
      tagIds: fc.array(fc.oneof(fc.constantFrom(...c.tags.map((x) => x.id), MISSING_ID), fc.uuid()), { maxLength: 4 }),
      active: fc.boolean(),
    });
    const zone = objects({ timeZone: fc.constantFrom("Europe/Stockholm", "utc", "Australia/Lord_Howe", "Pacific/Kiritimati", "Etc/Unknown", "+01:00", "America/St_Johns", " Asia/Kolkata ") });
    await fc.assert(
      fc.asyncProperty(body, zone, async (b, z) => {
        await wellBehaved(teacher, "POST", `/api/v1/groups/${c.groupId}/checkins`, b);
        await wellBehaved(teacher, "PATCH", `/api/v1/checkins/${checkinId}`, b);
        await wellBehaved(teacher, "PATCH", `/api/v1/organisations/${c.orgId}`, z);
      }),
      { numRuns: RUNS },
    );
    await t.app.ctx.jobs.runScheduled("checkins.occur");
  });

  it("loops linked to check-in occurrences, and preferences", async () => {
    const loop = objects({ emoji: fc.integer({ min: 0, max: 6 }), text: fc.string({ maxLength: 20 }), checkinOccurrenceId: fc.constantFrom(occurrenceId, MISSING_ID, "x", null) });
    const prefs = objects({ preferences: fc.dictionary(fc.constantFrom("loop_created", "comment_created", "nope", "__proto__"), fc.constantFrom("off", "digest", "immediate", "never")) });
    await fc.assert(
      fc.asyncProperty(loop, prefs, async (l, p) => {
        await wellBehaved(student, "POST", `/api/v1/groups/${c.groupId}/loops`, l);
        await wellBehaved(student, "PUT", "/api/v1/me/notification-preferences", p);
      }),
      { numRuns: RUNS },
    );
  });

  it("weird ids, cursors, query strings and tokens", async () => {
    // Lone surrogates cannot be percent-encoded: they go as %ED%A0%80, bytes that decode to nothing valid.
    const encode = (s: string) => {
      try {
        return encodeURIComponent(s);
      } catch {
        return "%ED%A0%80";
      }
    };
    const q = fc.oneof(fc.constantFrom(...SPECIAL.filter((s) => s.length < 1000)).map(encode), fc.string({ maxLength: 30 }).map(encode), fc.base64String({ maxLength: 60 }).map(encode));
    const id = fc.constantFrom(...WEIRD_IDS);
    await fc.assert(
      fc.asyncProperty(q, id, async (v, bad) => {
        for (const url of [
          `/api/v1/feed?cursor=${v}`,
          `/api/v1/feed?limit=${v}&unreadOnly=${v}`,
          `/api/v1/groups/${c.groupId}/posts?cursor=${v}&limit=${v}`,
          `/api/v1/checkins/${checkinId}/occurrences?before=${v}&limit=${v}`,
          `/api/v1/surveys/${surveyId}/results.csv?language=${v}`,
          `/api/v1/unsubscribe?token=${v}`,
          `/api/v1/posts/${postId}/attachments/${bad}?variant=${v}`,
          `/api/v1/checkin-occurrences/${bad}`,
          `/api/v1/surveys/${bad}/results`,
          `/api/v1/posts/${bad}`,
        ]) {
          await wellBehaved(teacher, "GET", url);
        }
        await wellBehaved(student, "POST", `/api/v1/feed/${bad}/read`);
        await wellBehaved(t.client(), "POST", `/api/v1/unsubscribe?token=${v}`);
        await wellBehaved(teacher, "DELETE", `/api/v1/checkins/${bad}`);
        await wellBehaved(teacher, "POST", `/api/v1/surveys/${bad}/open`);
      }),
      // Refused by Fastify's router before any hook: an overlong id, a broken percent-escape.
      { numRuns: RUNS, examples: [["x", "a".repeat(300)], ["x", "%E0%A4%A"]] },
    );
  });

  it("forged cursors and instants PostgreSQL cannot read are refused with 400", async () => {
    const id = MISSING_ID;
    // Date.parse takes all of these; PostgreSQL's timestamptz takes none.
    for (const at of ["1", "March 7", "2026-02-30T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "0000-01-01T00:00:00.000Z"]) {
      const cursor = Buffer.from(`${at}|${id}`).toString("base64url");
      for (const url of [`/api/v1/feed?cursor=${cursor}`, `/api/v1/groups/${c.groupId}/posts?cursor=${cursor}`, `/api/v1/inbox?cursor=${cursor}`]) {
        const res = await teacher.get(url);
        expect(res.statusCode, `${url} (${at}) → ${res.body}`).toBe(400);
      }
    }
    for (const at of ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"]) {
      const q = [{ kind: "scale", prompt: "x" }];
      for (const body of [{ opensAt: at }, { closesAt: at }]) {
        const res = await teacher.post(`/api/v1/groups/${c.groupId}/surveys`, { title: "s", questions: q, ...body });
        expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(400);
      }
      const res = await teacher.get(`/api/v1/checkins/${checkinId}/occurrences?before=${encodeURIComponent(at)}`);
      expect(res.statusCode, `before=${at} → ${res.body}`).toBe(400);
    }
  });

  it("multipart posts: empty, fields in the wrong order, junk", async () => {
    const bodies: Array<{ payload: string; type: string }> = [
      { payload: "", type: "multipart/form-data; boundary=x" },
      { payload: "--x--\r\n", type: "multipart/form-data; boundary=x" },
      { payload: '--x\r\nContent-Disposition: form-data; name="post"\r\n\r\n{"title":"a\\u0000"}\r\n--x--\r\n', type: "multipart/form-data; boundary=x" },
      { payload: '--x\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nhello\r\n--x--\r\n', type: "multipart/form-data; boundary=x" },
      { payload: '--x\r\nContent-Disposition: form-data; name="post"\r\n\r\nnot json\r\n--x--\r\n', type: "multipart/form-data; boundary=x" },
      // No boundary: busboy throws a plain Error.
      { payload: "garbage", type: "multipart/form-data" },
      { payload: "garbage", type: "multipart/form-data; boundary=" },
      { payload: "garbage", type: `multipart/form-data; boundary=${"b".repeat(300)}` },
      // Ends in the middle of a part.
      { payload: '--x\r\nContent-Disposition: form-data; name="post"\r\n\r\n{"title":"a"}\r\n--x\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nhel', type: "multipart/form-data; boundary=x" },
    ];
    for (const b of bodies) {
      const res = await teacher.request("POST", `/api/v1/groups/${c.groupId}/posts`, b.payload, { "content-type": b.type });
      expect(res.statusCode, `${b.payload} → ${res.body}`).toBeLessThan(500);
      // A loop's form is read by the same code.
      const loop = await student.request("POST", `/api/v1/groups/${c.groupId}/loops`, b.payload, { "content-type": b.type });
      expect(loop.statusCode, `loop: ${b.payload} → ${loop.body}`).toBeLessThan(500);
    }
  });
});
