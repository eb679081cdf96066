/**
 * Who may do what with a group's recurring check-ins. Leaders (groupPolicy `publish`) set them up
 * and follow each occurrence's answers; whoever reads the group knows a check-in exists (so a
 * sender is refused a change with 403, an outsider gets 404); those who may send loops answer.
 */
import { definePolicy, type Rule } from "../../policies/index.js";
import type { CheckinOccurrenceRow, CheckinRow } from "../../db/types.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";

export interface CheckinAccess {
  access: GroupAccess;
  checkin: CheckinRow;
}

export interface OccurrenceAccess {
  access: GroupAccess;
  occurrence: CheckinOccurrenceRow;
}

const readsGroup: Rule<{ access: GroupAccess }> = (actor, r) => groupPolicy.can(actor, "read", r.access);
const publishes: Rule<{ access: GroupAccess }> = (actor, r) => groupPolicy.can(actor, "publish", r.access);

export const checkinPolicy = definePolicy<CheckinAccess, "read" | "update" | "delete" | "readOccurrences">(
  "checkin",
  ["read", "update", "delete", "readOccurrences"],
  (c) => ({ id: c.checkin.id, organisationId: c.checkin.organisation_id }),
);
checkinPolicy.allow("read", readsGroup);
checkinPolicy.allow("update", publishes);
checkinPolicy.allow("delete", publishes);
// Answer counts and the emoji spread: the leaders' view, like the inbox.
checkinPolicy.allow("readOccurrences", publishes);

export const occurrencePolicy = definePolicy<OccurrenceAccess, "read" | "answer">("checkin_occurrence", ["read", "answer"], (o) => ({
  id: o.occurrence.id,
  organisationId: o.occurrence.organisation_id,
}));
// The prompt is leader-written text for the whole group; senders open it in the composer.
occurrencePolicy.allow("read", readsGroup);
occurrencePolicy.allow("answer", (actor, o) => groupPolicy.can(actor, "sendLoop", o.access));
