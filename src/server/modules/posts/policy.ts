/**
 * Who may do what with an information post. Every member of the group reads its posts (tutors
 * too); leaders — any leader of the group, not only the author, as with tasks — edit and delete
 * them; the audit log records who did. Readers other than the author mark a post seen, and the
 * group's leaders and tutors see how many have. Nothing while the group is inactive.
 */
import { definePolicy } from "../../policies/index.js";
import type { PostRow } from "../../db/types.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";

export interface PostAccess {
  post: PostRow;
  access: GroupAccess;
}

export const POST_ACTIONS = ["read", "edit", "delete", "markSeen", "readSeen"] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

export const postPolicy = definePolicy<PostAccess, PostAction>("post", POST_ACTIONS, (p) => ({ id: p.post.id, organisationId: p.post.organisation_id }));

const reads = (actor: Parameters<typeof groupPolicy.can>[0], p: PostAccess) => groupPolicy.can(actor, "readPosts", p.access);

postPolicy.allow("read", reads);
postPolicy.allow("edit", (actor, p) => groupPolicy.can(actor, "publish", p.access));
postPolicy.allow("delete", (actor, p) => groupPolicy.can(actor, "publish", p.access));
// The author has seen what they wrote; their own view is never counted.
postPolicy.allow("markSeen", (actor, p) => reads(actor, p) && p.post.author_id !== actor.userId);
postPolicy.allow("readSeen", (actor, p) => reads(actor, p) && (p.access.role === "leader" || p.access.role === "tutor"));
