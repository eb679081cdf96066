/** Reads of the loops module's tables (loops, loop_tags, attachments, loop_reads). */
import { sql, type ExpressionBuilder } from "kysely";
import type { DbOrTx } from "../../db/index.js";
import type { AttachmentRow, Database, LoopRow, LoopsTable, TagRow } from "../../db/types.js";
import { listUserCards } from "../accounts/queries.js";
import { loadGroupAccess } from "../groups/queries.js";
import { findTagsAndTasksOfGroups } from "../tasks/queries.js";
import type { LoopAccess } from "./policy.js";

/** A group's loops listed on the days from `from` to `to` (YYYY-MM-DD, inclusive, on `listed_on`): the export's and the statistics' period. */
export function loopsListedIn(db: DbOrTx, organisationId: string, groupId: string, from: string, to: string) {
  return db.selectFrom("loops").where("organisation_id", "=", organisationId).where("group_id", "=", groupId).where("listed_on", ">=", from).where("listed_on", "<=", to);
}

export function findLoop(db: DbOrTx, loopId: string): Promise<LoopRow | undefined> {
  return db.selectFrom("loops").selectAll().where("id", "=", loopId).executeTakeFirst();
}

/** Loops by id, in one query (the missing are left out). */
export function findLoopsByIds(db: DbOrTx, loopIds: readonly string[]): Promise<LoopRow[]> {
  if (loopIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("loops").selectAll().where("id", "in", loopIds).execute();
}

/** The loop with the viewer's access to its group, or undefined if the loop does not exist. */
export async function loadLoopAccess(db: DbOrTx, loopId: string, userId: string): Promise<LoopAccess | undefined> {
  const loop = await findLoop(db, loopId);
  if (!loop) return undefined;
  const access = await loadGroupAccess(db, loop.group_id, userId);
  return access ? { loop, access } : undefined;
}

export function findAttachment(db: DbOrTx, loop: LoopRow, attachmentId: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom("attachments")
    .selectAll()
    .where("organisation_id", "=", loop.organisation_id)
    .where("loop_id", "=", loop.id)
    .where("id", "=", attachmentId)
    .executeTakeFirst();
}

export function listAttachments(db: DbOrTx, loop: LoopRow): Promise<AttachmentRow[]> {
  return db.selectFrom("attachments").selectAll().where("organisation_id", "=", loop.organisation_id).where("loop_id", "=", loop.id).orderBy("position").execute();
}

/** Everything presenting a page of loops needs beyond the rows, fetched in a few batched queries. */
export interface LoopDetails {
  tags: Map<string, TagRow[]>;
  tasks: Map<string, { id: string; title: string }>;
  attachments: Map<string, AttachmentRow[]>;
  cards: Map<string, { id: string; name: string; picture_key: string | null }>;
  /** The viewer's last reading of each loop. */
  readAt: Map<string, string>;
}

export async function loadLoopDetails(db: DbOrTx, loops: readonly LoopRow[], viewerId: string): Promise<LoopDetails> {
  const details: LoopDetails = { tags: new Map(), tasks: new Map(), attachments: new Map(), cards: new Map(), readAt: new Map() };
  if (loops.length === 0) return details;
  const ids = loops.map((l) => l.id);
  const orgIds = [...new Set(loops.map((l) => l.organisation_id))];
  const [loopTags, attachments, reads] = await Promise.all([
    db.selectFrom("loop_tags").select(["loop_id", "tag_id"]).where("organisation_id", "in", orgIds).where("loop_id", "in", ids).execute(),
    db.selectFrom("attachments").selectAll().where("organisation_id", "in", orgIds).where("loop_id", "in", ids).orderBy("position").execute(),
    db.selectFrom("loop_reads").select(["loop_id", "read_at"]).where("organisation_id", "in", orgIds).where("user_id", "=", viewerId).where("loop_id", "in", ids).execute(),
  ]);
  // Tags and tasks belong to the tasks module: ask it once for every group on the page.
  const byGroup = new Map<string, { org: string; tagIds: Set<string>; taskIds: Set<string> }>();
  const groupOf = new Map(loops.map((l) => [l.id, l.group_id]));
  for (const l of loops) {
    const g = byGroup.get(l.group_id) ?? { org: l.organisation_id, tagIds: new Set(), taskIds: new Set() };
    if (l.task_id) g.taskIds.add(l.task_id);
    byGroup.set(l.group_id, g);
  }
  for (const lt of loopTags) byGroup.get(groupOf.get(lt.loop_id)!)!.tagIds.add(lt.tag_id);
  const tagRows = new Map<string, TagRow>();
  const found = await findTagsAndTasksOfGroups(
    db,
    [...byGroup].map(([groupId, g]) => ({ organisationId: g.org, groupId, tagIds: [...g.tagIds], taskIds: [...g.taskIds] })),
  );
  for (const t of found.tags) tagRows.set(t.id, t);
  for (const t of found.tasks) details.tasks.set(t.id, { id: t.id, title: t.title });
  for (const lt of loopTags) {
    const tag = tagRows.get(lt.tag_id);
    if (tag) details.tags.set(lt.loop_id, [...(details.tags.get(lt.loop_id) ?? []), tag]);
  }
  for (const list of details.tags.values()) list.sort((a, b) => a.position - b.position);
  for (const a of attachments) details.attachments.set(a.loop_id, [...(details.attachments.get(a.loop_id) ?? []), a]);
  for (const r of reads) details.readAt.set(r.loop_id, r.read_at);
  const people = loops.flatMap((l) => [l.sender_id, ...(l.approved_by ? [l.approved_by] : [])]);
  for (const c of await listUserCards(db, people)) details.cards.set(c.id, { id: c.id, name: c.name, picture_key: c.picture_key });
  return details;
}

/** Opaque paging position: the sort instant and id of the last row of a page. */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString("base64url");
}

/** The only instants a cursor carries: toISOString()'s own form, in years 1–9999 (what PostgreSQL's timestamptz reads). */
const CURSOR_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The position a cursor names, or null for anything this server did not make. `Date.parse` alone
 * is not enough: it takes "1" or "March 7", which PostgreSQL refuses with an error (a 500).
 */
export function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString().split("|");
  if (rest.length > 0 || !at || !id || !CURSOR_INSTANT.test(at) || new Date(at).toISOString() !== at || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { at, id };
}

export interface InboxFilter {
  /** The groups whose loops the viewer receives (already authorized), by organisation. */
  groups: readonly { id: string; organisationId: string }[];
  viewerId: string;
  groupId?: string | undefined;
  taskId?: string | undefined;
  kind?: "report" | "free" | undefined;
  tagId?: string | undefined;
  emoji?: number | undefined;
  senderId?: string | undefined;
  /** The loops answering one check-in occurrence (in the groups above only, so another group's matches nothing). */
  checkinOccurrenceId?: string | undefined;
  unread?: boolean | undefined;
  unanswered?: boolean | undefined;
  approved?: boolean | undefined;
  q?: string | undefined;
  /** Loops listed on this day (YYYY-MM-DD) or later. */
  from?: string | undefined;
  /** Loops listed on this day or earlier. */
  to?: string | undefined;
  cursor: { at: string; id: string } | null;
  limit: number;
}

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** A page of the loops the viewer receives, newest first (anonymous loops by their day). */
export async function listInbox(db: DbOrTx, f: InboxFilter): Promise<LoopRow[]> {
  const groups = f.groupId ? f.groups.filter((g) => g.id === f.groupId) : f.groups;
  if (groups.length === 0) return [];
  let q = db
    .selectFrom("loops as l")
    .selectAll("l")
    .where("l.organisation_id", "in", [...new Set(groups.map((g) => g.organisationId))])
    .where("l.group_id", "in", groups.map((g) => g.id))
    .where("l.sender_id", "!=", f.viewerId);
  if (f.taskId) q = q.where("l.task_id", "=", f.taskId);
  if (f.kind === "report") q = q.where("l.task_id", "is not", null);
  if (f.kind === "free") q = q.where("l.task_id", "is", null);
  if (f.emoji) q = q.where("l.emoji", "=", f.emoji);
  // A member filter never matches an anonymous loop.
  if (f.senderId) q = q.where("l.sender_id", "=", f.senderId).where("l.is_anonymous", "=", false);
  if (f.checkinOccurrenceId) q = q.where("l.checkin_occurrence_id", "=", f.checkinOccurrenceId);
  if (f.unanswered !== undefined) q = q.where("l.is_answered", "=", !f.unanswered);
  if (f.approved === true) q = q.where("l.approved_at", "is not", null);
  if (f.approved === false) q = q.where("l.task_id", "is not", null).where("l.approved_at", "is", null);
  if (f.tagId) {
    const tagId = f.tagId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("loop_tags as lt").select("lt.loop_id").whereRef("lt.loop_id", "=", "l.id").whereRef("lt.organisation_id", "=", "l.organisation_id").where("lt.tag_id", "=", tagId)),
    );
  }
  if (f.unread !== undefined) {
    const readAndCurrent = (eb: ExpressionBuilder<Database & { l: LoopsTable }, "l">) =>
      eb.exists(
        eb
          .selectFrom("loop_reads as r")
          .select("r.loop_id")
          .whereRef("r.loop_id", "=", "l.id")
          .whereRef("r.organisation_id", "=", "l.organisation_id")
          .where("r.user_id", "=", f.viewerId)
          .where((e) => e.or([e("l.last_comment_at", "is", null), e("l.last_comment_at", "<=", e.ref("r.read_at"))])),
      );
    q = q.where((eb) => (f.unread ? eb.not(readAndCurrent(eb)) : readAndCurrent(eb)));
  }
  if (f.q) q = q.where(sql<boolean>`lower(l.text) like ${likePattern(f.q)} escape '\\'`);
  if (f.from) q = q.where("l.listed_on", ">=", f.from);
  if (f.to) q = q.where("l.listed_on", "<=", f.to);
  if (f.cursor) {
    const { at, id } = f.cursor;
    q = q.where((eb) => eb.or([eb("l.listed_at", "<", at), eb.and([eb("l.listed_at", "=", at), eb("l.id", "<", id)])]));
  }
  return q.orderBy("l.listed_at", "desc").orderBy("l.id", "desc").limit(f.limit + 1).execute();
}

/** The groups the person has sent loops in (including groups they have since left). */
export async function listMyLoopGroupIds(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("loops").select("group_id").distinct().where("sender_id", "=", userId).execute();
  return rows.map((r) => r.group_id);
}

/** The organisations the person has sent loops in (including groups they have since left). */
export async function listMyLoopOrganisationIds(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("loops").select("organisation_id").distinct().where("sender_id", "=", userId).execute();
  return rows.map((r) => r.organisation_id);
}

/** A page of the viewer's own loops, newest first. */
export async function listMyLoops(
  db: DbOrTx,
  f: { viewerId: string; groupIds: readonly string[]; groupId?: string | undefined; cursor: { at: string; id: string } | null; limit: number },
): Promise<LoopRow[]> {
  const groupIds = f.groupId ? f.groupIds.filter((g) => g === f.groupId) : f.groupIds;
  if (groupIds.length === 0) return [];
  let q = db.selectFrom("loops").selectAll().where("sender_id", "=", f.viewerId).where("group_id", "in", [...groupIds]);
  if (f.cursor) {
    const { at, id } = f.cursor;
    q = q.where((eb) => eb.or([eb("created_at", "<", at), eb.and([eb("created_at", "=", at), eb("id", "<", id)])]));
  }
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(f.limit + 1).execute();
}

/** When each person last opened the loop's thread (read receipts). */
export function listLoopReads(db: DbOrTx, loop: LoopRow) {
  return db.selectFrom("loop_reads").select(["user_id", "read_at"]).where("organisation_id", "=", loop.organisation_id).where("loop_id", "=", loop.id).execute();
}
