/** The only place that shapes check-ins and their occurrences for output. */
import type { Actor } from "../../policies/index.js";
import type { CheckinOccurrenceRow, TagRow } from "../../db/types.js";
import type { Checkin, CheckinOccurrence, CheckinOccurrenceStats } from "../../../shared/schemas/checkins.js";
import type { OccurrenceAnswers } from "../loops/progress.js";
import { checkinPolicy, occurrencePolicy, type CheckinAccess, type OccurrenceAccess } from "./policy.js";
import { tagIdsOf } from "./queries.js";

/** A check-in with its schedule in the organisation's zone; `tagIds` keeps only tags the group still has. */
export function presentCheckin(actor: Actor, c: CheckinAccess, timeZone: string, groupTagIds: ReadonlySet<string>): Checkin {
  const { read: _read, ...abilities } = checkinPolicy.abilities(actor, c);
  const row = c.checkin;
  return {
    id: row.id,
    groupId: row.group_id,
    prompt: row.prompt,
    weekday: row.weekday,
    time: row.time_of_day,
    timeZone,
    tagIds: tagIdsOf(row).filter((id) => groupTagIds.has(id)),
    active: row.is_active,
    nextOccurrenceAt: row.next_occurrence_at,
    createdAt: row.created_at,
    abilities,
  };
}

/** One occurrence with its answers, for the leaders. Counts only: no loop, sender or time of an answer. */
export function presentOccurrenceStats(row: CheckinOccurrenceRow, answers: OccurrenceAnswers | undefined, memberCount: number): CheckinOccurrenceStats {
  return {
    id: row.id,
    occursAt: row.occurs_at,
    prompt: row.prompt,
    answerCount: answers?.answers ?? 0,
    senderCount: answers?.senders ?? 0,
    anonymousCount: answers?.anonymous ?? 0,
    memberCount,
    emoji: answers ? [...answers.emoji] : [0, 0, 0, 0, 0],
  };
}

/** An occurrence as the composer shows it: the prompt and the suggested tags still offered. */
export function presentOccurrence(actor: Actor, o: OccurrenceAccess, suggested: readonly TagRow[], timeZone: string): CheckinOccurrence {
  return {
    id: o.occurrence.id,
    checkinId: o.occurrence.checkin_id,
    groupId: o.occurrence.group_id,
    groupName: o.access.group.name,
    prompt: o.occurrence.prompt,
    occursAt: o.occurrence.occurs_at,
    timeZone,
    suggestedTags: suggested.filter((t) => !t.is_archived).map((t) => ({ id: t.id, name: t.name, colour: (t.colour as CheckinOccurrence["suggestedTags"][number]["colour"]) ?? null })),
    abilities: { answer: occurrencePolicy.can(actor, "answer", o) },
  };
}
