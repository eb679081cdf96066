/**
 * Who may do what with a loop. A loop is seen by its sender and by the group's leaders and
 * tutors — in a flat group by every member — and by no one while the group is inactive. The
 * resource carries the actor's access to the loop's group, loaded once per request.
 */
import { and, definePolicy, type Rule } from "../../policies/index.js";
import type { LoopRow } from "../../db/types.js";
import type { GroupAccess } from "../groups/policy.js";

export interface LoopAccess {
  loop: LoopRow;
  access: GroupAccess;
}

export const LOOP_ACTIONS = ["read", "edit", "delete", "comment", "approve"] as const;
export type LoopAction = (typeof LOOP_ACTIONS)[number];

// A refused authorization is audited; for an anonymous loop the audit row must not tie the
// asker to the loop's id more than to any id, so only the tenant is recorded.
export const loopPolicy = definePolicy<LoopAccess, LoopAction>("loop", LOOP_ACTIONS, (l) => ({
  id: l.loop.is_anonymous ? null : l.loop.id,
  organisationId: l.loop.organisation_id,
}));

const isActive: Rule<LoopAccess> = (_a, l) => l.access.group.is_active;
const isSender: Rule<LoopAccess> = (actor, l) => l.loop.sender_id === actor.userId;
/** Leaders and tutors of the loop's group. */
export const leadsLoopGroup: Rule<LoopAccess> = (_a, l) => l.access.role === "leader" || l.access.role === "tutor";
const isFlatPeer: Rule<LoopAccess> = (_a, l) => l.access.group.type === "flat" && l.access.role !== null;
const isReport: Rule<LoopAccess> = (_a, l) => l.loop.task_id !== null;

loopPolicy.allow("read", and(isActive, isSender));
loopPolicy.allow("read", and(isActive, leadsLoopGroup));
loopPolicy.allow("read", and(isActive, isFlatPeer));
// Only the sender changes what they wrote; leaders answer in the thread instead.
loopPolicy.allow("edit", and(isActive, isSender));
loopPolicy.allow("delete", and(isActive, isSender));
loopPolicy.allow("comment", (actor, l) => loopPolicy.can(actor, "read", l));
loopPolicy.allow("approve", and(isActive, isReport, leadsLoopGroup, (actor, l) => !isSender(actor, l)));

/** True when the viewer may know who sent the loop. */
export const mayKnowSender = (viewerId: string, loop: LoopRow): boolean => !loop.is_anonymous || loop.sender_id === viewerId;
