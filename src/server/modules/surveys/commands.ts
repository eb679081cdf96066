/**
 * Commands on surveys: one verb each, one transaction, the audit event inside it. Every command
 * that depends on the survey's state first locks its row (a no-op update) and reads it again, so
 * an answer and a change of questions, or two openings, cannot pass each other.
 */
import { randomUUID } from "node:crypto";
import type { AppContext, CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DbOrTx, Tx } from "../../db/index.js";
import type { GroupRow, SurveyQuestionRow, SurveyRow } from "../../db/types.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import {
  isChoiceKind,
  SCALE_MAX,
  SCALE_MIN,
  type AnswerValue,
  type SurveyQuestionInput,
  type SurveyState,
} from "../../../shared/schemas/surveys.js";
import { findGroup, listMemberIdsWho } from "../groups/queries.js";
import { announce, feedOfSubject, notify, type Notified } from "../notifications/notify.js";
import { countRespondents, listDueAnnouncements, listQuestions, surveyState } from "./queries.js";

type Question = { kind: SurveyQuestionInput["kind"]; prompt: string; required: boolean; options: string[] };

interface SurveyCommand extends CommandBase {
  actor: Actor;
  survey: SurveyRow;
}

/** The start of the instant's UTC day: an anonymous survey's answers are timed no closer. */
const dayOf = (instant: string) => `${instant.slice(0, 10)}T00:00:00.000Z`;

function audit(tx: Tx, e: { ip: string | null; actorId: string | null; survey: SurveyRow; action: string; at: string; data?: Record<string, string | number | boolean | null> }) {
  return recordAudit(tx, {
    ip: e.ip,
    action: e.action,
    actorId: e.actorId,
    organisationId: e.survey.organisation_id,
    subjectType: "survey",
    subjectId: e.survey.id,
    at: new Date(e.at),
    data: { groupId: e.survey.group_id, ...(e.survey.is_anonymous ? { anonymous: true } : {}), ...e.data },
  });
}

/** Locks the survey's row for the rest of the transaction and returns it as it is now (404 when it is gone). */
async function lockSurvey(tx: Tx, survey: SurveyRow): Promise<SurveyRow> {
  const row = await tx
    .updateTable("surveys")
    .set((eb) => ({ id: eb.ref("id") }))
    .where("organisation_id", "=", survey.organisation_id)
    .where("id", "=", survey.id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

async function insertQuestions(tx: Tx, survey: SurveyRow, questions: readonly Question[]): Promise<void> {
  if (questions.length === 0) return;
  await tx
    .insertInto("survey_questions")
    .values(
      questions.map((q, position) => ({
        id: randomUUID(),
        organisation_id: survey.organisation_id,
        survey_id: survey.id,
        position,
        kind: q.kind,
        prompt: q.prompt,
        is_required: q.required,
        options: JSON.stringify(isChoiceKind(q.kind) ? q.options : []),
      })),
    )
    .execute();
}

/** The members who may answer the group's surveys (groupPolicy's `sendLoop`: senders; every peer of a flat group). */
export const listAnswererIds = (db: DbOrTx, group: GroupRow) => listMemberIdsWho(db, group, "sendLoop");

/**
 * Tells the members who may answer that the survey opened — once: the conditional update lets
 * exactly one transaction (a command or the scheduled job) win. Null when not due or done.
 */
async function announceOpening(tx: Tx, survey: SurveyRow, now: Date, actorId: string | null): Promise<Notified | null> {
  if (survey.is_announced || surveyState(survey, now) !== "open") return null;
  const claimed = await tx.updateTable("surveys").set({ is_announced: true }).where("organisation_id", "=", survey.organisation_id).where("id", "=", survey.id).where("is_announced", "=", false).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  const group = await findGroup(tx, survey.group_id);
  if (!group) return null;
  return notify(tx, {
    kind: "survey_opened",
    organisationId: survey.organisation_id,
    groupId: survey.group_id,
    recipients: await listAnswererIds(tx, group),
    actorId,
    title: survey.title,
    subject: { surveyId: survey.id },
    at: now,
  });
}

/** A closing time must lie ahead, and after the opening. */
function checkClosing(closesAt: string | null, opensAt: string | null, now: Date): void {
  if (closesAt === null) return;
  if (closesAt <= now.toISOString() || (opensAt !== null && closesAt <= opensAt)) {
    throw badRequest("validation", "The closing time must be in the future and after the opening.", { closesAt: "invalid_value" });
  }
}

export interface CreateSurveyInput extends CommandBase {
  actor: Actor;
  group: GroupRow;
  title: string;
  description: string;
  anonymous: boolean;
  questions: Question[];
  opensAt?: string | null | undefined;
  closesAt?: string | null | undefined;
}

/** Creates a survey: a draft, or scheduled (opening at once when its time has come). */
export async function createSurvey(input: CreateSurveyInput): Promise<SurveyRow> {
  const { ctx, group } = input;
  const clock = ctx.clock();
  const now = clock.toISOString();
  checkClosing(input.closesAt ?? null, input.opensAt ?? null, clock);
  const survey: SurveyRow = {
    id: randomUUID(),
    organisation_id: group.organisation_id,
    group_id: group.id,
    title: input.title,
    description: input.description,
    is_anonymous: input.anonymous,
    opens_at: input.opensAt ?? null,
    closes_at: input.closesAt ?? null,
    closed_at: null,
    is_announced: false,
    created_by: input.actor.userId,
    created_at: now,
    updated_at: now,
  };
  const { row, notified } = await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto("surveys").values(survey).execute();
    await insertQuestions(tx, survey, input.questions);
    await audit(tx, { ip: input.ip, actorId: input.actor.userId, survey, action: "survey.created", at: now, data: { questions: input.questions.length } });
    const notified = await announceOpening(tx, survey, clock, input.actor.userId);
    return { row: notified ? { ...survey, is_announced: true } : survey, notified };
  });
  if (notified) announce(ctx, notified);
  return row;
}

/** What a command changes on the locked survey; null: nothing to do. */
interface Change {
  changes: Partial<SurveyRow>;
  action: string;
  data?: Record<string, string | number | boolean | null>;
  /** More writes in the same transaction (the questions). */
  also?: (tx: Tx, current: SurveyRow) => Promise<void>;
}

/**
 * The shape of every change to a survey: lock and re-read it, let `decide` judge its state now,
 * write the change with its audit row, and tell the members if it has just opened.
 */
async function changeSurvey(input: SurveyCommand, decide: (tx: Tx, current: SurveyRow, state: SurveyState, now: string) => Promise<Change | null>): Promise<SurveyRow> {
  const { ctx } = input;
  const clock = ctx.clock();
  const now = clock.toISOString();
  const { row, notified } = await ctx.db.transaction().execute(async (tx) => {
    const current = await lockSurvey(tx, input.survey);
    const change = await decide(tx, current, surveyState(current, clock), now);
    if (!change) return { row: current, notified: null };
    const updated: SurveyRow = { ...current, ...change.changes, updated_at: now };
    await tx.updateTable("surveys").set({ ...change.changes, updated_at: now }).where("organisation_id", "=", current.organisation_id).where("id", "=", current.id).execute();
    await change.also?.(tx, current);
    await audit(tx, { ip: input.ip, actorId: input.actor.userId, survey: updated, action: change.action, at: now, ...(change.data ? { data: change.data } : {}) });
    const notified = await announceOpening(tx, updated, clock, input.actor.userId);
    return { row: notified ? { ...updated, is_announced: true } : updated, notified };
  });
  if (notified) announce(ctx, notified);
  return row;
}

export interface UpdateSurveyInput extends SurveyCommand {
  title?: string | undefined;
  description?: string | undefined;
  anonymous?: boolean | undefined;
  questions?: Question[] | undefined;
  opensAt?: string | null | undefined;
  closesAt?: string | null | undefined;
}

/**
 * Changes a survey. The questions are replaced only while nobody has answered; anonymity and
 * the opening time only before it opens; the closing time until it closes (409 survey_locked).
 */
export function updateSurvey(input: UpdateSurveyInput): Promise<SurveyRow> {
  const clock = input.ctx.clock();
  return changeSurvey(input, async (tx, current, state) => {
    const notYetOpen = state === "draft" || state === "scheduled";
    const locked: Record<string, string> = {};
    if (input.questions !== undefined && ((await countRespondents(tx, current.organisation_id, [current.id])).get(current.id) ?? 0) > 0) locked.questions = "not_allowed";
    if (input.anonymous !== undefined && input.anonymous !== current.is_anonymous && !notYetOpen) locked.anonymous = "not_allowed";
    if (input.opensAt !== undefined && input.opensAt !== current.opens_at && !notYetOpen) locked.opensAt = "not_allowed";
    if (input.closesAt !== undefined && input.closesAt !== current.closes_at && state === "closed") locked.closesAt = "not_allowed";
    if (Object.keys(locked).length > 0) {
      throw conflict("survey_locked", "Part of this survey can no longer change: it has opened, or members have answered.", locked);
    }
    const opensAt = input.opensAt !== undefined ? input.opensAt : current.opens_at;
    if (input.closesAt !== undefined && input.closesAt !== current.closes_at) checkClosing(input.closesAt, opensAt, clock);
    else if (input.opensAt !== undefined && current.closes_at !== null && opensAt !== null && current.closes_at <= opensAt) {
      throw badRequest("validation", "The survey must close after it opens.", { opensAt: "invalid_value" });
    }
    const changes: Partial<SurveyRow> = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.anonymous !== undefined ? { is_anonymous: input.anonymous } : {}),
      ...(input.opensAt !== undefined ? { opens_at: input.opensAt } : {}),
      ...(input.closesAt !== undefined ? { closes_at: input.closesAt } : {}),
    };
    const questions = input.questions;
    return {
      changes,
      action: "survey.updated",
      data: { fields: [...Object.keys(changes), ...(questions ? ["questions"] : [])].join(",") },
      ...(questions
        ? {
            also: async (t: Tx, s: SurveyRow) => {
              await t.deleteFrom("survey_questions").where("organisation_id", "=", s.organisation_id).where("survey_id", "=", s.id).execute();
              await insertQuestions(t, s, questions);
            },
          }
        : {}),
    };
  });
}

/**
 * Opens the survey now: a draft or a scheduled one, or reopens a closed identified one (an
 * anonymous survey's close is final, 409 survey_closed). Opening an open survey changes nothing.
 */
export function openSurvey(input: SurveyCommand): Promise<SurveyRow> {
  return changeSurvey(input, async (_tx, current, state, now) => {
    if (state === "open") return null;
    if (state === "closed" && current.is_anonymous) throw conflict("survey_closed", "An anonymous survey stays closed once it has closed.");
    // A closing time already past would close it again at once: it goes.
    const staleClosing = current.closes_at !== null && current.closes_at <= now ? { closes_at: null } : {};
    return state === "closed"
      ? { changes: { closed_at: null, ...staleClosing }, action: "survey.reopened" }
      : { changes: { opens_at: now, ...staleClosing }, action: "survey.opened" };
  });
}

/** Closes an open survey now (a closed one stays as it is; a draft or scheduled one is 409 survey_not_open). */
export function closeSurvey(input: SurveyCommand): Promise<SurveyRow> {
  return changeSurvey(input, async (_tx, _current, state, now) => {
    if (state === "closed") return null;
    if (state !== "open") throw conflict("survey_not_open", "The survey has not opened yet.");
    return { changes: { closed_at: now }, action: "survey.closed" };
  });
}

/** Deletes the survey with its questions, answers and feed items. */
export async function deleteSurvey(input: SurveyCommand): Promise<void> {
  const { ctx, survey } = input;
  const now = ctx.clock().toISOString();
  const feed = await ctx.db.transaction().execute(async (tx) => {
    const feed = await feedOfSubject(tx, survey.organisation_id, { surveyId: survey.id });
    await tx.deleteFrom("surveys").where("organisation_id", "=", survey.organisation_id).where("id", "=", survey.id).execute();
    await audit(tx, { ip: input.ip, actorId: input.actor.userId, survey, action: "survey.deleted", at: now });
    return feed;
  });
  announce(ctx, feed);
}

/**
 * Checks the answers against the questions: each one of the survey's, of its kind, within its
 * choices or scale; required ones given; at least one answer. Returns the values to store;
 * otherwise 400 with `answers.<questionId>` fields.
 */
export function checkAnswers(questions: readonly SurveyQuestionRow[], answers: Readonly<Record<string, AnswerValue | null>>): Map<string, AnswerValue> {
  const fields: Record<string, string> = {};
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) if (!byId.has(id)) fields[`answers.${id}`] = "invalid_value";
  const values = new Map<string, AnswerValue>();
  const isIndex = (v: unknown, n: number) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v < n;
  for (const q of questions) {
    let v = answers[q.id] ?? null;
    if (typeof v === "string") v = v.trim() || null;
    if (Array.isArray(v) && v.length === 0) v = null;
    if (v === null) {
      if (q.is_required) fields[`answers.${q.id}`] = "required";
      continue;
    }
    const options = (JSON.parse(q.options) as string[]).length;
    let ok: boolean;
    switch (q.kind) {
      case "single":
        ok = isIndex(v, options);
        break;
      case "multiple":
        ok = Array.isArray(v) && v.every((i) => isIndex(i, options)) && new Set(v).size === v.length;
        if (ok) v = [...(v as number[])].sort((a, b) => a - b);
        break;
      case "scale":
        ok = typeof v === "number" && Number.isInteger(v) && v >= SCALE_MIN && v <= SCALE_MAX;
        break;
      case "text":
        ok = typeof v === "string";
        break;
    }
    if (ok) values.set(q.id, v);
    else fields[`answers.${q.id}`] = "invalid_value";
  }
  if (Object.keys(fields).length === 0 && values.size === 0) fields.answers = "required";
  if (Object.keys(fields).length > 0) throw badRequest("validation", "Some answers need attention.", fields);
  return values;
}

export interface AnswerSurveyInput extends SurveyCommand {
  answers: Record<string, AnswerValue | null>;
}

/**
 * Gives or replaces my answers while the survey is open (409 survey_not_open / survey_closed).
 * One response row per member and survey. An anonymous survey's response is timed to the day
 * and audited without actor, address or precise time.
 */
export async function answerSurvey(input: AnswerSurveyInput): Promise<void> {
  const { ctx, actor } = input;
  const clock = ctx.clock();
  const now = clock.toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const survey = await lockSurvey(tx, input.survey);
    const state = surveyState(survey, clock);
    if (state === "closed") throw conflict("survey_closed", "The survey has closed; answers can no longer change.");
    if (state !== "open") throw conflict("survey_not_open", "The survey has not opened yet.");
    const questions = (await listQuestions(tx, survey.organisation_id, [survey.id])).get(survey.id) ?? [];
    const values = checkAnswers(questions, input.answers);
    const at = survey.is_anonymous ? dayOf(now) : now;
    const existing = await tx
      .selectFrom("survey_responses")
      .select("id")
      .where("organisation_id", "=", survey.organisation_id)
      .where("survey_id", "=", survey.id)
      .where("user_id", "=", actor.userId)
      .executeTakeFirst();
    const responseId = existing?.id ?? randomUUID();
    if (existing) {
      await tx.updateTable("survey_responses").set({ updated_at: at }).where("organisation_id", "=", survey.organisation_id).where("id", "=", responseId).execute();
      await tx.deleteFrom("survey_answers").where("organisation_id", "=", survey.organisation_id).where("response_id", "=", responseId).execute();
    } else {
      await tx
        .insertInto("survey_responses")
        .values({ id: responseId, organisation_id: survey.organisation_id, survey_id: survey.id, user_id: actor.userId, submitted_at: at, updated_at: at })
        .execute();
    }
    await tx
      .insertInto("survey_answers")
      .values([...values].map(([questionId, value]) => ({ organisation_id: survey.organisation_id, response_id: responseId, question_id: questionId, value: JSON.stringify(value) })))
      .execute();
    // The anonymity rule of loops/commands/audit.ts: nothing in the row ties the member to the survey.
    await audit(tx, {
      ip: survey.is_anonymous ? null : input.ip,
      actorId: survey.is_anonymous ? null : actor.userId,
      survey,
      action: "survey.answered",
      at,
      ...(survey.is_anonymous ? {} : { data: { changed: existing !== undefined } }),
    });
  });
}

/**
 * The scheduled job's work: tells the members of every survey whose opening time has come.
 * Idempotent (each survey is claimed once); one that closed before anyone was told is only marked.
 */
export async function announceDueSurveys(ctx: AppContext): Promise<number> {
  const clock = ctx.clock();
  let told = 0;
  for (;;) {
    const due = await listDueAnnouncements(ctx.db, clock);
    for (const survey of due) {
      const notified = await ctx.db.transaction().execute(async (tx) => {
        const current = await lockSurvey(tx, survey).catch(() => null);
        if (!current || current.is_announced) return null;
        if (surveyState(current, clock) !== "open") {
          await tx.updateTable("surveys").set({ is_announced: true }).where("organisation_id", "=", current.organisation_id).where("id", "=", current.id).execute();
          return null;
        }
        return announceOpening(tx, current, clock, null);
      });
      if (notified) {
        announce(ctx, notified);
        told += 1;
      }
    }
    if (due.length < 100) return told;
  }
}
