/** Request and response schemas of recurring check-ins (shared by server and web app). */
import { z } from "zod";
import { Id, Instant, NO_CONTROL_CHARACTERS } from "./accounts.js";
import { MAX_TAGS_PER_LOOP } from "./loops.js";
import { TagColour } from "./tasks.js";

export const CHECKIN_PROMPT_MAX_LENGTH = 500;
export const MAX_CHECKINS_PER_GROUP = 20;
export const OCCURRENCE_PAGE_MAX = 52;

/** ISO weekdays, Monday first. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const Weekday = z.number().int().min(1).max(7).meta({ description: "ISO weekday: 1 Monday … 7 Sunday." });
export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .meta({ description: "24-hour local time HH:MM in the organisation's time zone.", example: "14:00" });
const Prompt = z.string().trim().min(1).max(CHECKIN_PROMPT_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS);
const TagIds = z.array(Id).max(MAX_TAGS_PER_LOOP).meta({ description: "Tags of the group (not archived), suggested in the composer." });

export const Checkin = z
  .object({
    id: Id,
    groupId: Id,
    prompt: z.string(),
    weekday: Weekday,
    time: TimeOfDay,
    /** The organisation's time zone, in which weekday and time are meant. */
    timeZone: z.string(),
    tagIds: z.array(Id),
    /** False while paused: no occurrences are made. */
    active: z.boolean(),
    nextOccurrenceAt: z.string().nullable().meta({ description: "ISO 8601 instant of the next occurrence; null while paused." }),
    createdAt: z.string(),
    abilities: z.object({ update: z.boolean(), delete: z.boolean(), readOccurrences: z.boolean() }),
  })
  .meta({ id: "Checkin" });
export type Checkin = z.infer<typeof Checkin>;
export const CheckinList = z.object({ checkins: z.array(Checkin), timeZone: z.string() });
export const CheckinEnvelope = z.object({ checkin: Checkin });

export const CreateCheckinBody = z.object({
  prompt: Prompt.meta({ description: "The question members answer, e.g. “How did this week go?”" }),
  weekday: Weekday,
  time: TimeOfDay,
  tagIds: TagIds.default([]),
  active: z.boolean().default(true).meta({ description: "False: saved paused." }),
});
export const UpdateCheckinBody = z.object({
  prompt: Prompt.optional(),
  weekday: Weekday.optional(),
  time: TimeOfDay.optional(),
  tagIds: TagIds.optional(),
  active: z.boolean().optional().meta({ description: "Pause (false) or resume (true)." }),
});
export const CheckinParams = z.object({ checkinId: Id });

/** The emoji spread: how many answers chose each level, very bad (index 0) … very good (index 4). */
export const EmojiSpread = z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int(), z.number().int()]);

export const CheckinOccurrenceStats = z
  .object({
    id: Id,
    occursAt: z.string(),
    /** The prompt as it was asked. */
    prompt: z.string(),
    /** Loops answering it. */
    answerCount: z.number().int(),
    /** Distinct members who answered by name. */
    senderCount: z.number().int(),
    /** Anonymous answers, counted apart: never tied to a person, not even by a distinct count. */
    anonymousCount: z.number().int(),
    /** Members who may answer (the group's senders; every peer of a flat group), as of now. */
    memberCount: z.number().int(),
    emoji: EmojiSpread,
  })
  .meta({ id: "CheckinOccurrenceStats" });
export type CheckinOccurrenceStats = z.infer<typeof CheckinOccurrenceStats>;
export const OccurrenceList = z.object({
  occurrences: z.array(CheckinOccurrenceStats),
  nextCursor: z.string().nullable().meta({ description: "Pass as `before` for older occurrences; null at the end." }),
});
export const OccurrenceListQuery = z.object({
  before: Instant.optional().meta({ description: "Only occurrences before this instant (the previous page's nextCursor)." }),
  limit: z.coerce.number().int().min(1).max(OCCURRENCE_PAGE_MAX).default(8),
});

/** One occurrence as the composer shows it. */
export const CheckinOccurrence = z
  .object({
    id: Id,
    checkinId: Id,
    groupId: Id,
    groupName: z.string(),
    prompt: z.string(),
    occursAt: z.string(),
    timeZone: z.string().meta({ description: "The organisation's IANA time zone: the occurrence's day and time are shown in it." }),
    /** The check-in's tags that are still offered, to pre-select. */
    suggestedTags: z.array(z.object({ id: Id, name: z.string(), colour: TagColour.nullable() })),
    abilities: z.object({ answer: z.boolean() }),
  })
  .meta({ id: "CheckinOccurrence" });
export type CheckinOccurrence = z.infer<typeof CheckinOccurrence>;
export const CheckinOccurrenceEnvelope = z.object({ occurrence: CheckinOccurrence });
export const OccurrenceParams = z.object({ occurrenceId: Id });
