/**
 * The only place that shapes comments output. On an anonymous loop the sender's own comments
 * and read receipt are shown to everyone else as "the sender", without name, picture or time.
 */
import type { CommentBankRow, CommentRow } from "../../db/types.js";
import type { Actor } from "../../policies/index.js";
import type { Comment, Thread } from "../../../shared/schemas/loops.js";
import { presentPerson, when } from "../loops/presenters.js";
import type { LoopAccess } from "../loops/policy.js";
import { commentPolicy } from "./policy.js";

type Card = { id: string; name: string; picture_key: string | null };

function roleOf(la: LoopAccess, authorId: string | null, viewerId: string): Comment["authorRole"] {
  if (authorId === null) return "deleted";
  if (authorId === la.loop.sender_id) return la.loop.is_anonymous && viewerId !== authorId ? "anonymous" : "sender";
  return la.access.group.type === "flat" ? "peer" : "leader";
}

export function presentComment(actor: Actor, la: LoopAccess, c: CommentRow, cards: Map<string, Card>): Comment {
  const { read: _read, ...abilities } = commentPolicy.abilities(actor, { comment: c, loop: la });
  const role = roleOf(la, c.author_id, actor.userId);
  const deleted = c.deleted_at !== null;
  // The anonymous sender's moments are shown to others to the day only, like the loop's own time
  // (and their read receipt): an exact time can point at the one who was typing then.
  const shown = (instant: string) => when(instant, role !== "anonymous");
  return {
    id: c.id,
    loopId: c.loop_id,
    author: role === "anonymous" || c.author_id === null ? null : presentPerson(cards.get(c.author_id)),
    authorRole: role,
    mine: c.author_id === actor.userId,
    text: deleted ? "" : c.text,
    createdAt: shown(c.created_at),
    editedAt: deleted || !c.edited_at ? null : shown(c.edited_at),
    deleted,
    abilities,
  };
}

/** The thread, with who (besides the viewer) has read its latest comment — or the loop, before any comment. */
export function presentThread(
  actor: Actor,
  la: LoopAccess,
  comments: CommentRow[],
  reads: { user_id: string; read_at: string }[],
  cards: Map<string, Card>,
): Thread {
  const live = comments.filter((c) => c.deleted_at === null);
  const latest = live.at(-1)?.created_at ?? la.loop.created_at;
  const readBy: Thread["readBy"] = [];
  for (const r of reads) {
    if (r.user_id === actor.userId || r.read_at < latest) continue;
    const role = roleOf(la, r.user_id, actor.userId);
    if (role === "anonymous") readBy.push({ person: null, role: "anonymous", readAt: null });
    else if (role !== "deleted") readBy.push({ person: presentPerson(cards.get(r.user_id)), role, readAt: r.read_at });
  }
  return { loopId: la.loop.id, comments: comments.map((c) => presentComment(actor, la, c, cards)), readBy };
}

export function presentBankItem(actor: Actor, item: CommentBankRow) {
  return {
    id: item.id,
    text: item.text,
    shared: item.group_id !== null,
    groupId: item.group_id,
    mine: item.owner_id === actor.userId,
    abilities: { delete: item.owner_id === actor.userId },
  };
}
