/**
 * Comment threads: whoever may read a loop takes part in its thread (its sender and the group's
 * leaders; in a flat group every member). Each person edits and deletes only their own comments.
 */
import { definePolicy } from "../../policies/index.js";
import type { CommentRow } from "../../db/types.js";
import { loopPolicy, type LoopAccess } from "../loops/policy.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";
import type { CommentBankRow } from "../../db/types.js";

export interface CommentAccess {
  comment: CommentRow;
  loop: LoopAccess;
}

export const commentPolicy = definePolicy<CommentAccess, "read" | "edit" | "delete">("comment", ["read", "edit", "delete"], (c) => ({
  // Comments on an anonymous loop would lead back to it: record the tenant only.
  id: c.loop.loop.is_anonymous ? null : c.comment.id,
  organisationId: c.comment.organisation_id,
}));
const own = (actorId: string, c: CommentAccess) => c.comment.author_id === actorId && c.comment.deleted_at === null;
commentPolicy.allow("read", (actor, c) => loopPolicy.can(actor, "read", c.loop));
commentPolicy.allow("edit", (actor, c) => loopPolicy.can(actor, "comment", c.loop) && own(actor.userId, c));
commentPolicy.allow("delete", (actor, c) => loopPolicy.can(actor, "comment", c.loop) && own(actor.userId, c));

/** The comment bank is the leaders' tool: leaders and tutors of an active group. */
export const bankPolicy = definePolicy<GroupAccess, "read" | "use">("comment_bank", ["read", "use"], (g) => ({
  id: g.group.id,
  organisationId: g.group.organisation_id,
}));
bankPolicy.allow("read", (actor, g) => groupPolicy.can(actor, "read", g));
bankPolicy.allow("use", (_actor, g) => g.group.is_active && (g.role === "leader" || g.role === "tutor"));

export const bankItemPolicy = definePolicy<CommentBankRow, "read" | "delete">("comment_bank_item", ["read", "delete"], (i) => ({
  id: i.id,
  organisationId: i.organisation_id,
}));
// Items are only ever loaded for their owner (or, shared ones, for the group's leaders by listing).
bankItemPolicy.allow("read", (actor, i) => i.owner_id === actor.userId);
bankItemPolicy.allow("delete", (actor, i) => i.owner_id === actor.userId);
