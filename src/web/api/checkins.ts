/** The check-ins API: one function per endpoint, typed with the shared zod schemas. */
import type { z } from "zod";
import type {
  Checkin,
  CheckinList,
  CheckinOccurrence,
  CheckinOccurrenceStats,
  CreateCheckinBody,
  OccurrenceList,
  UpdateCheckinBody,
} from "../../shared/schemas/checkins.js";
import { apiRequest } from "./client.js";

export type { Checkin, CheckinOccurrence, CheckinOccurrenceStats };
export type CheckinListResult = z.infer<typeof CheckinList>;
export type OccurrencePage = z.infer<typeof OccurrenceList>;

// Under the group's key, so refreshing a group refreshes its check-ins too.
export const checkinsKey = (groupId: string) => ["groups", groupId, "checkins"] as const;
export const occurrencesKey = (groupId: string, checkinId: string) => ["groups", groupId, "checkins", checkinId, "occurrences"] as const;
export const occurrenceKey = (occurrenceId: string) => ["checkin-occurrences", occurrenceId] as const;

const checkinPath = (checkinId: string) => `/checkins/${encodeURIComponent(checkinId)}`;

/** The group's check-ins and the organisation's time zone they run in (leaders). */
export function listCheckins(groupId: string): Promise<CheckinListResult> {
  return apiRequest<CheckinListResult>("GET", `/groups/${encodeURIComponent(groupId)}/checkins`);
}

export async function createCheckin(groupId: string, body: z.input<typeof CreateCheckinBody>): Promise<Checkin> {
  return (await apiRequest<{ checkin: Checkin }>("POST", `/groups/${encodeURIComponent(groupId)}/checkins`, { json: body })).checkin;
}

/** Edits, pauses (`active: false`) or resumes a check-in. */
export async function updateCheckin(checkinId: string, body: z.input<typeof UpdateCheckinBody>): Promise<Checkin> {
  return (await apiRequest<{ checkin: Checkin }>("PATCH", checkinPath(checkinId), { json: body })).checkin;
}

/** Deletes the check-in and its occurrences; the loops that answered stay. */
export function deleteCheckin(checkinId: string): Promise<void> {
  return apiRequest<void>("DELETE", checkinPath(checkinId));
}

/** The check-in's most recent occurrences with their answers (leaders). */
export function listOccurrences(checkinId: string, limit = 6): Promise<OccurrencePage> {
  return apiRequest<OccurrencePage>("GET", `${checkinPath(checkinId)}/occurrences?limit=${limit}`);
}

/** One occurrence, for the composer: its prompt and suggested tags. */
export async function getOccurrence(occurrenceId: string): Promise<CheckinOccurrence> {
  return (await apiRequest<{ occurrence: CheckinOccurrence }>("GET", `/checkin-occurrences/${encodeURIComponent(occurrenceId)}`)).occurrence;
}
