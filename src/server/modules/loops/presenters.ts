/**
 * The only place that shapes loops output. An anonymous loop seen by anyone but its sender goes
 * through the same function with `knowsSender` false: no sender, times to the day (its sending
 * time: the organisation-local day it is listed on), server-made
 * attachment names (already so in the table) — nothing that could point at a person.
 */
import type { AttachmentRow, LoopRow, TagRow } from "../../db/types.js";
import type { Actor } from "../../policies/index.js";
import type { Attachment, Loop, Person } from "../../../shared/schemas/loops.js";
import { pictureUrl } from "../accounts/presenters.js";
import { loopPolicy, mayKnowSender, type LoopAccess } from "./policy.js";
import type { LoopDetails } from "./queries.js";

type Card = { id: string; name: string; picture_key: string | null };

export function presentPerson(card: Card | undefined): Person | null {
  return card ? { id: card.id, name: card.name, pictureUrl: pictureUrl(card) } : null;
}

/** An instant as the viewer may know it: to the day for someone else's anonymous loop. */
export const when = (instant: string, knowsSender: boolean) => (knowsSender ? instant : instant.slice(0, 10));

export function presentAttachment(loop: LoopRow, a: AttachmentRow): Attachment {
  return presentAttachmentAt(`/api/v1/loops/${loop.id}/attachments/${a.id}`, a);
}

/** A stored file (of a loop, a post…) served at `url`, its thumbnail at `url?variant=thumbnail`. */
export function presentAttachmentAt(url: string, a: Omit<AttachmentRow, "loop_id">): Attachment {
  return {
    id: a.id,
    kind: a.kind,
    mime: a.mime,
    name: a.name,
    size: a.size,
    width: a.width,
    height: a.height,
    url,
    thumbnailUrl: a.thumbnail_key ? `${url}?variant=thumbnail` : null,
  };
}

const presentTag = (t: TagRow) => ({ id: t.id, name: t.name, colour: t.colour as Loop["tags"][number]["colour"], archived: t.is_archived });

export function presentLoop(actor: Actor, la: LoopAccess, d: LoopDetails): Loop {
  const { loop, access } = la;
  const knowsSender = mayKnowSender(actor.userId, loop);
  const { read: _read, ...abilities } = loopPolicy.abilities(actor, la);
  const readAt = d.readAt.get(loop.id);
  const mine = loop.sender_id === actor.userId;
  return {
    id: loop.id,
    groupId: loop.group_id,
    groupName: access.group.name,
    task: loop.task_id ? (d.tasks.get(loop.task_id) ?? null) : null,
    checkinOccurrenceId: loop.checkin_occurrence_id,
    emoji: loop.emoji,
    tags: (d.tags.get(loop.id) ?? []).map(presentTag),
    text: loop.text,
    anonymous: loop.is_anonymous,
    mine,
    sender: knowsSender ? presentPerson(d.cards.get(loop.sender_id)) : null,
    // Someone else's anonymous loop: the organisation-local day it is listed on, nothing finer.
    sentAt: knowsSender ? loop.created_at : loop.listed_on,
    editedAt: loop.edited_at ? when(loop.edited_at, knowsSender) : null,
    approval: loop.approved_at
      ? { approvedAt: loop.approved_at, approvedBy: loop.approved_by ? presentPerson(d.cards.get(loop.approved_by)) : null }
      : null,
    attachments: (d.attachments.get(loop.id) ?? []).map((a) => presentAttachment(loop, a)),
    commentCount: loop.comment_count,
    // The latest comment may be the anonymous sender's: to the day, like the loop's own time.
    lastCommentAt: loop.last_comment_at ? when(loop.last_comment_at, knowsSender) : null,
    // Your own new loop is not news to you; new comments are.
    unread: readAt === undefined ? !mine || (loop.last_comment_at !== null) : loop.last_comment_at !== null && loop.last_comment_at > readAt,
    answered: loop.is_answered,
    abilities,
  };
}
