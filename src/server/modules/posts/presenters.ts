/**
 * The only place that shapes posts output. Seen counts go to those the policy lets read them
 * (leaders and tutors): they count the group's current members besides the author, so a member
 * who left no longer counts, and the author's own view never does.
 */
import type { PostRow } from "../../db/types.js";
import type { Actor } from "../../policies/index.js";
import type { Post } from "../../../shared/schemas/posts.js";
import { presentAttachmentAt, presentPerson } from "../loops/presenters.js";
import { postPolicy, type PostAccess } from "./policy.js";
import type { PostDetails } from "./queries.js";

type Card = { id: string; name: string; picture_key: string | null };

export interface PostContext extends PostDetails {
  cards: Map<string, Card>;
  /** The group's current members' ids; loaded only when the viewer may read seen counts. */
  memberIds: readonly string[] | null;
}

export function presentPost(actor: Actor, pa: PostAccess, d: PostContext): Post {
  const { post } = pa;
  const { read: _read, ...abilities } = postPolicy.abilities(actor, pa);
  const mine = post.author_id === actor.userId;
  const viewers = d.viewers.get(post.id) ?? new Set<string>();
  const audience = abilities.readSeen && d.memberIds ? d.memberIds.filter((id) => id !== post.author_id) : null;
  return {
    id: post.id,
    groupId: post.group_id,
    title: post.title,
    body: post.body,
    author: post.author_id ? presentPerson(d.cards.get(post.author_id)) : null,
    mine,
    createdAt: post.created_at,
    editedAt: post.edited_at,
    attachments: (d.attachments.get(post.id) ?? []).map((a) => presentAttachmentAt(postAttachmentUrl(post, a.id), a)),
    seen: mine || viewers.has(actor.userId),
    seenCount: audience ? audience.filter((id) => viewers.has(id)).length : null,
    memberCount: audience ? audience.length : null,
    abilities,
  };
}

export const postAttachmentUrl = (post: PostRow, attachmentId: string) => `/api/v1/posts/${post.id}/attachments/${attachmentId}`;
