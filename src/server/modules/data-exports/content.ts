/**
 * What goes into an export, gathered from each module's `personal-data.ts` (this module reads no
 * other module's table). Loops and comments come in keyset pages and are turned into items one
 * page at a time; the JSON files, the HTML summary and the attachments are each one pass.
 *
 * Other people are left out or masked: in my export a comment on my loop keeps its text, and its
 * author appears by the title of their role in the group ("Teacher") unless the organisation
 * chose names (`export_comment_authors`); in a group export an anonymous loop has no sender, and
 * its sender's comments appear as "the sender (anonymous)" with their day only.
 */
import type { DbOrTx } from "../../db/index.js";
import type { AttachmentRow, CommentRow, GroupRow, LoopRow } from "../../db/types.js";
import type { Language } from "../../../shared/schemas/accounts.js";
import { listUserCards } from "../accounts/queries.js";
import { groupsById } from "../groups/personal-data.js";
import { commentAuthorStyleOf, organisationNamesOf } from "../organisations/personal-data.js";
import { loopFactsOf, loopOwnersOf, loopPagesOf, type LoopScope } from "../loops/personal-data.js";
import { commentPagesBy, threadsOf } from "../comments/personal-data.js";
import { LABELS } from "./html.js";

/** Whose eyes an export is for: a person's own (or their administrator's on request), or a group owner's. */
export type View = { kind: "person"; userId: string; organisationId?: string } | { kind: "group"; group: GroupRow };

export interface FileItem {
  name: string;
  mime: string;
  size: number;
  /** Path inside the archive. */
  file: string;
}

export interface CommentItem {
  author: string;
  mine: boolean;
  text: string;
  at: string;
  edited: boolean;
  editedAt: string | null;
}

export interface LoopItem {
  id: string;
  organisation: string;
  group: string;
  /** Group exports only: the sender's name; null for an anonymous loop. */
  sender?: string | null;
  anonymous: boolean;
  /** The sending time; for someone else's anonymous loop, its day only. */
  sentAt: string;
  task: string | null;
  emoji: number;
  emojiLabel: string;
  tags: string[];
  text: string;
  edited: boolean;
  editedAt: string | null;
  approved: boolean;
  approvedAt: string | null;
  attachments: FileItem[];
  comments: CommentItem[];
}

/** A safe file name inside the archive (server-cleaned already; no separators, no control characters). */
const safe = (name: string) =>
  [...name]
    .map((ch) => (ch === "/" || ch === "\\" || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? "_" : ch))
    .join("")
    .slice(0, 120) || "file";

/** Where a loop's attachment lies in the archive. */
export const attachmentPath = (loopId: string, a: Pick<AttachmentRow, "position" | "name">) => `files/loops/${loopId}/${a.position + 1}-${safe(a.name)}`;
/** Where a post's attachment lies in the archive. */
export const postFilePath = (postId: string, a: Pick<AttachmentRow, "position" | "name">) => `files/posts/${postId}/${a.position + 1}-${safe(a.name)}`;

/** The loops the view covers: a person's (their anonymous ones only in their own export), or a group's. */
export function scopeOf(view: View): LoopScope {
  if (view.kind === "group") return { organisationId: view.group.organisation_id, groupId: view.group.id };
  // An administrator's export of a member must not tell which anonymous loops are theirs.
  return view.organisationId ? { senderId: view.userId, organisationId: view.organisationId, includeAnonymous: false } : { senderId: view.userId, includeAnonymous: true };
}

/** Names and settings looked up once per export and reused across pages. */
class Lookups {
  private readonly groups = new Map<string, GroupRow>();
  private readonly organisations = new Map<string, string>();
  private readonly styles = new Map<string, "role" | "name">();
  constructor(private readonly db: DbOrTx) {}

  async load(groupIds: readonly string[], organisationIds: readonly string[]): Promise<void> {
    const g = groupIds.filter((id) => !this.groups.has(id));
    const o = organisationIds.filter((id) => !this.organisations.has(id));
    if (g.length > 0) for (const [id, row] of await groupsById(this.db, g)) this.groups.set(id, row);
    if (o.length > 0) {
      const [names, styles] = await Promise.all([organisationNamesOf(this.db, o), commentAuthorStyleOf(this.db, o)]);
      for (const [id, name] of names) this.organisations.set(id, name);
      for (const [id, style] of styles) this.styles.set(id, style);
    }
  }
  group = (id: string) => this.groups.get(id);
  organisation = (id: string) => this.organisations.get(id) ?? "";
  style = (id: string) => this.styles.get(id) ?? "role";
}

/** The items of the view's loops, page by page. */
export async function* loopItemPages(db: DbOrTx, view: View, lang: Language): AsyncGenerator<LoopItem[]> {
  const l = LABELS[lang];
  const lookups = new Lookups(db);
  const viewerId = view.kind === "person" ? view.userId : view.group.owner_id;
  for await (const loops of loopPagesOf(db, scopeOf(view))) {
    const orgIds = [...new Set(loops.map((x) => x.organisation_id))];
    const [facts, threads] = await Promise.all([loopFactsOf(db, loops, viewerId), threadsOf(db, orgIds, loops.map((x) => x.id)), lookups.load([...new Set(loops.map((x) => x.group_id))], orgIds)]);
    const authorIds = [...new Set([...threads.values()].flat().flatMap((c) => (c.author_id ? [c.author_id] : [])))];
    const cards = new Map((await listUserCards(db, authorIds)).map((c) => [c.id, c.name]));
    yield loops.map((loop) => {
      const group = lookups.group(loop.group_id);
      const comment = (c: CommentRow): CommentItem => {
        const mine = view.kind === "person" && c.author_id === view.userId;
        const anonymousSender = view.kind === "group" && loop.is_anonymous && c.author_id === loop.sender_id;
        let author: string;
        if (c.author_id === null) author = l.deletedUser;
        else if (mine) author = l.you;
        else if (anonymousSender) author = l.anonymousSender;
        else if (view.kind === "group" || lookups.style(loop.organisation_id) === "name") author = cards.get(c.author_id) ?? l.deletedUser;
        else author = roleTitle(group, loop, c.author_id, lang);
        const day = (s: string) => (anonymousSender ? s.slice(0, 10) : s);
        return { author, mine, text: c.text, at: day(c.created_at), edited: c.edited_at !== null, editedAt: c.edited_at ? day(c.edited_at) : null };
      };
      const hideSender = view.kind === "group" && loop.is_anonymous;
      return {
        id: loop.id,
        organisation: lookups.organisation(loop.organisation_id),
        group: group?.name ?? "",
        ...(view.kind === "group" ? { sender: hideSender ? null : (facts.cards.get(loop.sender_id)?.name ?? null) } : {}),
        anonymous: loop.is_anonymous,
        sentAt: hideSender ? loop.listed_on : loop.created_at,
        task: loop.task_id ? (facts.tasks.get(loop.task_id)?.title ?? null) : null,
        emoji: loop.emoji,
        emojiLabel: l.emoji[loop.emoji - 1] ?? "",
        tags: (facts.tags.get(loop.id) ?? []).map((t) => t.name),
        text: loop.text,
        edited: loop.edited_at !== null,
        editedAt: loop.edited_at ? (hideSender ? loop.edited_at.slice(0, 10) : loop.edited_at) : null,
        approved: loop.approved_at !== null,
        approvedAt: loop.approved_at,
        attachments: (facts.attachments.get(loop.id) ?? []).map((a) => ({ name: a.name, mime: a.mime, size: a.size, file: attachmentPath(loop.id, a) })),
        comments: (threads.get(loop.id) ?? []).map(comment),
      };
    });
  }
}

/** The title of the commenter's role, in the group's own words: its sender title for the loop's sender or a flat group's peers, else its leader title. */
function roleTitle(group: GroupRow | undefined, loop: LoopRow, authorId: string, lang: Language): string {
  if (!group) return LABELS[lang].deletedUser;
  const sender = authorId === loop.sender_id || group.type === "flat";
  return sender ? (lang === "sv" ? group.sender_title_sv : group.sender_title_en) : lang === "sv" ? group.leader_title_sv : group.leader_title_en;
}

/** The attachments of the view's loops, page by page (the files pass). */
export async function* attachmentPages(db: DbOrTx, view: View): AsyncGenerator<Array<{ loopId: string; attachment: AttachmentRow }>> {
  const viewerId = view.kind === "person" ? view.userId : view.group.owner_id;
  for await (const loops of loopPagesOf(db, scopeOf(view))) {
    const facts = await loopFactsOf(db, loops, viewerId);
    yield loops.flatMap((loop) => (facts.attachments.get(loop.id) ?? []).map((attachment) => ({ loopId: loop.id, attachment })));
  }
}

export interface MyCommentItem {
  organisation: string;
  group: string;
  loopId: string;
  text: string;
  at: string;
  edited: boolean;
  editedAt: string | null;
}

/**
 * The person's comments on other people's loops, page by page (those on their own loops are in
 * their loops' threads). In an administrator's export, comments on anonymous loops are left out:
 * they would place the member in an anonymous thread.
 */
export async function* myCommentPages(db: DbOrTx, userId: string, organisationId?: string): AsyncGenerator<MyCommentItem[]> {
  const lookups = new Lookups(db);
  for await (const comments of commentPagesBy(db, userId, organisationId ? { organisationId } : {})) {
    const owners = await loopOwnersOf(db, comments.map((c) => c.loop_id));
    await lookups.load([...new Set([...owners.values()].map((o) => o.group_id))], [...new Set(comments.map((c) => c.organisation_id))]);
    yield comments.flatMap((c) => {
      const owner = owners.get(c.loop_id);
      if (!owner || owner.sender_id === userId || (organisationId && owner.is_anonymous)) return [];
      return [{ organisation: lookups.organisation(c.organisation_id), group: lookups.group(owner.group_id)?.name ?? "", loopId: c.loop_id, text: c.text, at: c.created_at, edited: c.edited_at !== null, editedAt: c.edited_at }];
    });
  }
}
