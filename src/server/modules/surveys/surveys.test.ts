import { parse } from "csv-parse/sync";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import {
  addTutor,
  auditLog,
  createGroup,
  createOrganisation,
  enableLeaderCode,
  expectLikeMissing,
  expectStatus,
  groupCodes,
  join,
  makeGroupCreator,
  MISSING_ID,
  register,
  type Person,
} from "../../../../test/helpers/world.js";
import { SURVEY_K, type Survey, type SurveyResults, type SurveySummary } from "../../../shared/schemas/surveys.js";

let t: TestApp;
/** Administrator of Solskolan, in none of its groups. */
let admin: Person;
/** Owner (leader) of 7B. */
let teacher: Person;
/** Leader of 7B. */
let coLeader: Person;
/** Tutor of 7B. */
let tutor: Person;
/** Senders of 7B: enough for the anonymity threshold and one more. */
let students: Person[];
/** Administrator of Bergskolan and owner of its group. */
let outsider: Person;
let orgId: string;
let groupId: string;
let foreignGroupId: string;

const api = (rest: string) => `/api/v1${rest}`;
const surveysOf = (id: string) => api(`/groups/${id}/surveys`);
const survey = (id: string, rest = "") => api(`/surveys/${id}${rest}`);

const QUESTIONS = [
  { kind: "single", prompt: "Which day suits you?", required: true, options: ["Monday", "Tuesday", "+1 (formula)"] },
  { kind: "multiple", prompt: "What did you enjoy?", options: ["Lab", "Reading", "Group work"] },
  { kind: "scale", prompt: "How hard was it?", required: true },
  { kind: "text", prompt: "Anything else?" },
];

async function createSurvey(body: Record<string, unknown> = {}, by = teacher, id = groupId): Promise<Survey> {
  return expectStatus<{ survey: Survey }>(await by.client.post(surveysOf(id), { title: "Week 37", questions: QUESTIONS, ...body }), 201).survey;
}
const getSurvey = async (p: Person, id: string) => expectStatus<{ survey: Survey }>(await p.client.get(survey(id)), 200).survey;
const open = async (id: string) => expectStatus<{ survey: Survey }>(await teacher.client.post(survey(id, "/open")), 200).survey;
const close = async (id: string) => expectStatus<{ survey: Survey }>(await teacher.client.post(survey(id, "/close")), 200).survey;
const answer = (p: Person, id: string, answers: Record<string, unknown>) => p.client.put(survey(id, "/response"), { answers });
const results = async (id: string) => expectStatus<SurveyResults>(await teacher.client.get(survey(id, "/results")), 200);
const csvOf = (res: LightMyRequestResponse) => parse(res.rawPayload.toString("utf8"), { bom: true }) as string[][];

/** Answers to QUESTIONS of `s`, by index. */
function answersTo(s: Survey, values: unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((v, i) => [s.questions[i]!.id, v]).filter(([, v]) => v !== undefined));
}

const responseRows = (surveyId: string) => t.db.handle.db.selectFrom("survey_responses").selectAll().where("survey_id", "=", surveyId).execute();
const notificationsOf = (surveyId: string) => t.db.handle.db.selectFrom("notifications").select(["user_id", "kind"]).where("survey_id", "=", surveyId).execute();

beforeAll(async () => {
  t = await createTestApp();
  await register(t, "Ingrid Instance");
  admin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(admin, "Solskolan");
  outsider = await register(t, "Olof Outsider");
  foreignGroupId = await createGroup(outsider, await createOrganisation(outsider, "Bergskolan"), { name: "Berg 1" });
  teacher = await register(t, "Tove Teacher");
  await makeGroupCreator(admin, orgId, teacher);
  groupId = await createGroup(teacher, orgId, { name: "7B" });
  coLeader = await register(t, "Cecilia Co");
  await join(coLeader, await enableLeaderCode(teacher, groupId));
  tutor = await register(t, "Tage Tutor");
  await addTutor(t, teacher, groupId, tutor);
  const code = (await groupCodes(teacher, groupId)).sender!;
  students = [];
  for (const name of ["Alva", "Bo", "Cleo", "Dan", "Eli", "Frej"]) {
    const p = await register(t, `${name} Student`);
    await join(p, code);
    students.push(p);
  }
});
afterAll(async () => {
  await t?.close();
});

describe("surveys API", () => {
  it("should require authentication on every surveys endpoint", async () => {
    const visitor = t.client();
    const calls = [
      visitor.get(surveysOf(groupId)),
      visitor.post(surveysOf(groupId), { title: "X", questions: QUESTIONS }),
      visitor.get(survey(MISSING_ID)),
      visitor.patch(survey(MISSING_ID), { title: "X" }),
      visitor.delete(survey(MISSING_ID)),
      visitor.post(survey(MISSING_ID, "/open")),
      visitor.post(survey(MISSING_ID, "/close")),
      visitor.put(survey(MISSING_ID, "/response"), { answers: {} }),
      visitor.get(survey(MISSING_ID, "/results")),
      visitor.get(survey(MISSING_ID, "/results.csv")),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    }
  });

  it("creates a draft with its questions and refuses bad questions with their field paths", async () => {
    const s = await createSurvey({ description: "About this week" });
    expect(s).toMatchObject({ title: "Week 37", description: "About this week", anonymous: false, state: "draft", questionCount: 4, answered: false, respondentCount: 0, myResponse: null });
    expect(s.questions.map((q) => [q.kind, q.required, q.options.length])).toEqual([
      ["single", true, 3],
      ["multiple", false, 3],
      ["scale", true, 0],
      ["text", false, 0],
    ]);
    expect(s.abilities).toMatchObject({ edit: true, editQuestions: true, changeAnonymity: true, open: true, close: false, answer: false, readResults: true });

    const bad = await teacher.client.post(surveysOf(groupId), {
      title: "",
      questions: [
        { kind: "single", prompt: "One choice only", options: ["Only"] },
        { kind: "scale", prompt: "Scale with choices", options: ["a", "b"] },
        { kind: "multiple", prompt: "Twice the same", options: ["Yes", "yes"] },
        { kind: "essay", prompt: "Unknown kind" },
        { kind: "text", prompt: "" },
      ],
      opensAt: "2026-09-10T08:00:00Z",
      closesAt: "2026-09-09T08:00:00Z",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({
      title: "too_short",
      "questions.0.options": "too_short",
      "questions.1.options": "invalid",
      "questions.2.options.1": "invalid",
      "questions.3.kind": "invalid_value",
      "questions.4.prompt": "too_short",
    });
    expect(expectStatus(await teacher.client.post(surveysOf(groupId), { title: "No questions", questions: [] }), 400).error.fields).toEqual({ questions: "too_short" });
    const closesBeforeOpening = await teacher.client.post(surveysOf(groupId), { title: "T", questions: QUESTIONS, opensAt: "2026-09-10T08:00:00Z", closesAt: "2026-09-09T08:00:00Z" });
    expect(expectStatus(closesBeforeOpening, 400).error.fields).toEqual({ closesAt: "invalid" });
    const closesInThePast = await teacher.client.post(surveysOf(groupId), { title: "T", questions: QUESTIONS, closesAt: "2026-08-01T08:00:00Z" });
    expect(expectStatus(closesInThePast, 400).error.fields).toEqual({ closesAt: "invalid_value" });
  });

  it("shows drafts to leaders only; members see a survey once it opens", async () => {
    const s = await createSurvey({ title: "Draft only" });
    expect((await students[0]!.client.get(survey(s.id))).statusCode).toBe(404);
    expect((await tutor.client.get(survey(s.id))).statusCode).toBe(404);
    const listed = (p: Person) => p.client.get(surveysOf(groupId)).then((r) => expectStatus<{ surveys: SurveySummary[] }>(r, 200).surveys.map((x) => x.id));
    expect(await listed(coLeader)).toContain(s.id);
    expect(await listed(students[0]!)).not.toContain(s.id);
    await open(s.id);
    expect(await listed(students[0]!)).toContain(s.id);
    const seen = await getSurvey(tutor, s.id);
    expect(seen).toMatchObject({ state: "open", respondentCount: null, answererCount: null });
    expect(seen.abilities).toMatchObject({ answer: false, readResults: false, edit: false });
    expect((await getSurvey(students[0]!, s.id)).abilities).toMatchObject({ answer: true, readResults: false, edit: false });
    expect((await getSurvey(teacher, s.id)).answererCount).toBe(students.length);
    // The organisation's administrator outside the group sees none of it.
    expect((await admin.client.get(surveysOf(groupId))).statusCode).toBe(403);
    expect((await admin.client.get(survey(s.id))).statusCode).toBe(404);
  });

  it("takes one answer per member, replaced until the survey closes, and none before it opens", async () => {
    const s = await createSurvey();
    const [alva] = students;
    const first = answersTo(s, [0, [0, 2], 4, "Fun week"]);
    // Before it opens the survey is not even there for members.
    expect((await answer(alva!, s.id, first)).statusCode).toBe(404);
    expect(await responseRows(s.id)).toHaveLength(0);
    await open(s.id);
    const answered = expectStatus<{ survey: Survey }>(await answer(alva!, s.id, first), 200).survey;
    expect(answered.myResponse?.answers).toEqual(answersTo(s, [0, [0, 2], 4, "Fun week"]));
    expect(answered.answered).toBe(true);
    const second = expectStatus<{ survey: Survey }>(await answer(alva!, s.id, answersTo(s, [1, undefined, 2])), 200).survey;
    expect(second.myResponse?.answers).toEqual(answersTo(s, [1, undefined, 2]));
    expect(await responseRows(s.id)).toHaveLength(1);
    expect((await getSurvey(teacher, s.id)).respondentCount).toBe(1);
    await close(s.id);
    expect(expectStatus(await answer(alva!, s.id, first), 409).error.code).toBe("survey_closed");
    expect((await getSurvey(alva!, s.id)).myResponse?.answers).toEqual(answersTo(s, [1, undefined, 2]));
    expect((await getSurvey(alva!, s.id)).abilities.answer).toBe(false);
  });

  it("checks each answer against its question: required, kind, choices, scale", async () => {
    const s = await createSurvey();
    await open(s.id);
    const [q0, q1, q2, q3] = s.questions.map((q) => q.id);
    const fields = async (answers: Record<string, unknown>) => expectStatus(await answer(students[1]!, s.id, answers), 400).error.fields;
    expect(await fields({ [q1!]: [0] })).toEqual({ [`answers.${q0}`]: "required", [`answers.${q2}`]: "required" });
    expect(await fields({ [q0!]: 3, [q2!]: 3 })).toEqual({ [`answers.${q0}`]: "invalid_value" });
    expect(await fields({ [q0!]: 0, [q1!]: [1, 1], [q2!]: 6 })).toEqual({ [`answers.${q1}`]: "invalid_value", [`answers.${q2}`]: "invalid_value" });
    expect(await fields({ [q0!]: "Monday", [q2!]: 3, [q3!]: 4 })).toEqual({ [`answers.${q0}`]: "invalid_value", [`answers.${q3}`]: "invalid_value" });
    expect(await fields({ [q0!]: 0, [q2!]: 3, [MISSING_ID]: 1 })).toEqual({ [`answers.${MISSING_ID}`]: "invalid_value" });
    expect(await responseRows(s.id)).toHaveLength(0);
    // A blank text counts as no answer; the required ones suffice.
    expectStatus(await answer(students[1]!, s.id, { [q0!]: 0, [q2!]: 3, [q3!]: "   " }), 200);
    expect((await getSurvey(students[1]!, s.id)).myResponse?.answers).toEqual({ [q0!]: 0, [q2!]: 3 });
  });

  it("lets only those who send loops answer, and only leaders read results", async () => {
    const s = await createSurvey();
    await open(s.id);
    const full = answersTo(s, [0, [], 3]);
    for (const p of [teacher, coLeader, tutor]) expect((await answer(p, s.id, full)).statusCode).toBe(403);
    for (const p of [students[0]!, tutor]) {
      expect((await p.client.get(survey(s.id, "/results"))).statusCode).toBe(403);
      expect((await p.client.get(survey(s.id, "/results.csv"))).statusCode).toBe(403);
      expect((await p.client.patch(survey(s.id), { title: "Mine now" })).statusCode).toBe(403);
      expect((await p.client.post(survey(s.id, "/close"))).statusCode).toBe(403);
    }
    expect((await coLeader.client.get(survey(s.id, "/results"))).statusCode).toBe(200);
  });

  it("answers another organisation's survey exactly like a missing one", async () => {
    const foreign = await createSurvey({}, outsider, foreignGroupId);
    expectStatus(await outsider.client.post(survey(foreign.id, "/open")), 200);
    for (const rest of ["", "/results", "/results.csv"]) await expectLikeMissing(teacher.client, "GET", survey(foreign.id, rest), survey(MISSING_ID, rest));
    await expectLikeMissing(teacher.client, "PATCH", survey(foreign.id), survey(MISSING_ID), { title: "Taken" });
    await expectLikeMissing(teacher.client, "DELETE", survey(foreign.id), survey(MISSING_ID));
    await expectLikeMissing(teacher.client, "POST", survey(foreign.id, "/close"), survey(MISSING_ID, "/close"));
    expect((await students[0]!.client.put(survey(foreign.id, "/response"), { answers: {} })).body).toBe((await students[0]!.client.put(survey(MISSING_ID, "/response"), { answers: {} })).body);
    expect((await students[0]!.client.put(survey(foreign.id, "/response"), { answers: {} })).statusCode).toBe(404);
    expect((await teacher.client.get(surveysOf(foreignGroupId))).statusCode).toBe(404);
  });

  it("keeps the questions once someone answered and anonymity once it opened", async () => {
    const s = await createSurvey();
    const edited = expectStatus<{ survey: Survey }>(await teacher.client.patch(survey(s.id), { anonymous: true, questions: QUESTIONS.slice(0, 2) }), 200).survey;
    expect(edited).toMatchObject({ anonymous: true, questionCount: 2 });
    await open(s.id);
    expect(expectStatus(await teacher.client.patch(survey(s.id), { anonymous: false }), 409).error).toMatchObject({ code: "survey_locked", fields: { anonymous: "not_allowed" } });
    expectStatus(await teacher.client.patch(survey(s.id), { questions: QUESTIONS }), 200);
    const current = await getSurvey(teacher, s.id);
    expectStatus(await answer(students[0]!, s.id, answersTo(current, [0, undefined, 5])), 200);
    const locked = await teacher.client.patch(survey(s.id), { questions: QUESTIONS.slice(0, 1) });
    expect(expectStatus(locked, 409).error).toMatchObject({ code: "survey_locked", fields: { questions: "not_allowed" } });
    expect((await getSurvey(teacher, s.id)).abilities).toMatchObject({ editQuestions: false, changeAnonymity: false });
    expect((await getSurvey(teacher, s.id)).questionCount).toBe(4);
    expect(expectStatus<{ survey: Survey }>(await teacher.client.patch(survey(s.id), { title: "Renamed" }), 200).survey.title).toBe("Renamed");
    // An anonymous survey's close is final.
    await close(s.id);
    expect(expectStatus(await teacher.client.post(survey(s.id, "/open")), 409).error.code).toBe("survey_closed");
  });

  it("shows an anonymous survey's results only once closed with at least k respondents, never per person", async () => {
    expect(SURVEY_K).toBe(5);
    const few = await createSurvey({ anonymous: true });
    await open(few.id);
    for (const p of students.slice(0, SURVEY_K - 1)) expectStatus(await answer(p, few.id, answersTo(few, [0, [1], 3, "Secret thoughts"])), 200);
    await close(few.id);
    expect(await results(few.id)).toMatchObject({ hidden: "too_few", respondentCount: 4, questions: [], responses: null });
    const fewCsv = (await teacher.client.get(survey(few.id, "/results.csv"))).rawPayload.toString("utf8");
    expect(fewCsv).not.toContain("Secret thoughts");

    const enough = await createSurvey({ anonymous: true });
    await open(enough.id);
    const texts = ["=HYPERLINK(\"http://evil.example\")", "Loved it", "Too fast", "-2+3", "@SUM(A1)"];
    for (const [i, p] of students.slice(0, SURVEY_K).entries()) {
      expectStatus(await answer(p, enough.id, answersTo(enough, [i % 2, i < 2 ? [0, 1] : undefined, i + 1, texts[i]])), 200);
    }
    // Still open: a second look after a changed answer would tell whose it was.
    expect(await results(enough.id)).toMatchObject({ hidden: "until_closed", respondentCount: 5, questions: [] });
    await close(enough.id);
    const r = await results(enough.id);
    expect(r).toMatchObject({ hidden: null, anonymous: true, respondentCount: 5, responses: null });
    const [single, multiple, scale, text] = r.questions;
    expect(single!.distribution.map((d) => [d.label, d.count, d.percent])).toEqual([
      ["Monday", 3, 60],
      ["Tuesday", 2, 40],
      ["+1 (formula)", 0, 0],
    ]);
    // Two answered the optional multiple-choice question: fewer than k, so it is hidden on its own.
    expect(multiple).toMatchObject({ answeredCount: 2, hidden: true, distribution: [] });
    expect(scale).toMatchObject({ answeredCount: 5, average: 3 });
    expect(text!.textAnswers.map((a) => a.text).sort()).toEqual([...texts].sort());
    expect(text!.textAnswers.every((a) => a.respondent === null)).toBe(true);

    const res = await teacher.client.get(survey(enough.id, "/results.csv?language=sv"));
    const body = res.rawPayload.toString("utf8");
    const json = JSON.stringify(r);
    for (const p of students) for (const trace of [p.id, p.name, p.email]) expect(json + body).not.toContain(trace);
    const rows = csvOf(res);
    expect(rows[0]).toEqual(["Fråga", "Svar", "Antal", "Procent"]);
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil.example")`);
    expect(cells).toContain("'-2+3");
    expect(cells).toContain("'@SUM(A1)");
    expect(cells).toContain("'+1 (formula)");
    expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false);
  });

  it("names the respondents of an identified survey, on the page and in the CSV", async () => {
    const s = await createSurvey();
    await open(s.id);
    const [alva, bo] = students;
    expectStatus(await answer(alva!, s.id, answersTo(s, [0, [0, 2], 5, "=1+1"])), 200);
    expectStatus(await answer(bo!, s.id, answersTo(s, [1, undefined, 2])), 200);
    const r = await results(s.id);
    expect(r).toMatchObject({ hidden: null, respondentCount: 2, anonymous: false });
    expect(r.responses?.map((x) => x.respondent.name)).toEqual([alva!.name, bo!.name]);
    expect(r.questions[3]!.textAnswers).toEqual([{ text: "=1+1", respondent: expect.objectContaining({ id: alva!.id, name: alva!.name }) }]);
    expect(r.questions[1]!.distribution.map((d) => d.count)).toEqual([1, 0, 1]);

    const res = await teacher.client.get(survey(s.id, "/results.csv"));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="survey-[\d-]+-[0-9a-f]{8}\.csv"$/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvOf(res);
    expect(rows[0]).toEqual(["Name", "Answered at", "Last changed at", ...QUESTIONS.map((q) => q.prompt)]);
    expect(rows.slice(1).map((row) => [row[0], ...row.slice(3)])).toEqual([
      [alva!.name, "Monday", "Lab; Group work", "5", "'=1+1"],
      [bo!.name, "Tuesday", "", "2", ""],
    ]);
  });

  it("tells the members who may answer once when a scheduled survey opens", async () => {
    const opensAt = new Date(t.clock().getTime() + 60 * 60_000).toISOString();
    const s = await createSurvey({ title: "Scheduled", opensAt });
    expect(s.state).toBe("scheduled");
    await t.app.ctx.jobs.runScheduled("surveys.announce");
    expect(await notificationsOf(s.id)).toEqual([]);
    expect((await students[0]!.client.get(survey(s.id))).statusCode).toBe(404);
    t.clock.advance(61 * 60_000);
    await t.app.ctx.jobs.runScheduled("surveys.announce");
    await t.app.ctx.jobs.idle();
    const told = await notificationsOf(s.id);
    expect(told.map((n) => n.user_id).sort()).toEqual(students.map((p) => p.id).sort());
    expect(told.every((n) => n.kind === "survey_opened")).toBe(true);
    await t.app.ctx.jobs.runScheduled("surveys.announce");
    expect(await notificationsOf(s.id)).toHaveLength(students.length);
    expect((await getSurvey(students[0]!, s.id)).state).toBe("open");
    // Opening by hand tells them too, once; closing and reopening an identified survey tells no one again.
    const byHand = await createSurvey({ title: "By hand" });
    await open(byHand.id);
    await close(byHand.id);
    await open(byHand.id);
    expect(await notificationsOf(byHand.id)).toHaveLength(students.length);
  });

  it("closes by itself at its closing time", async () => {
    const closesAt = new Date(t.clock().getTime() + 30 * 60_000).toISOString();
    const s = await createSurvey({ closesAt });
    await open(s.id);
    expectStatus(await answer(students[0]!, s.id, answersTo(s, [0, undefined, 1])), 200);
    t.clock.advance(31 * 60_000);
    expect((await getSurvey(students[0]!, s.id)).state).toBe("closed");
    expect(expectStatus(await answer(students[0]!, s.id, answersTo(s, [1, undefined, 1])), 409).error.code).toBe("survey_closed");
  });

  it("audits every act, and an anonymous survey's answers without who, where or when exactly", async () => {
    const anon = await createSurvey({ anonymous: true, title: "Audit anon" });
    await open(anon.id);
    expectStatus(await answer(students[0]!, anon.id, answersTo(anon, [0, undefined, 1])), 200);
    const named = await createSurvey({ title: "Audit named" });
    await open(named.id);
    expectStatus(await answer(students[0]!, named.id, answersTo(named, [0, undefined, 1])), 200);
    await teacher.client.delete(survey(named.id));
    const rows = (await auditLog(admin, orgId, { action: "survey." })).filter((e) => e.subjectId === anon.id || e.subjectId === named.id);
    const anonAnswer = rows.find((e) => e.subjectId === anon.id && e.action === "survey.answered")!;
    expect(anonAnswer).toMatchObject({ actor: null, ip: null });
    expect(anonAnswer.at).toMatch(/T00:00:00\.000Z$/);
    expect(JSON.stringify(anonAnswer)).not.toContain(students[0]!.id);
    expect(rows.find((e) => e.subjectId === named.id && e.action === "survey.answered")).toMatchObject({ actor: { id: students[0]!.id } });
    expect(rows.filter((e) => e.subjectId === named.id).map((e) => e.action).sort()).toEqual(["survey.answered", "survey.created", "survey.deleted", "survey.opened"]);
    expect((await teacher.client.get(survey(named.id))).statusCode).toBe(404);
  });
});
