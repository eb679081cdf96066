/**
 * The loops module's part of a data export (issue 7): a person's loops, or a group's, read in
 * keyset pages (never all at once), with their tags, task titles and attachments.
 */
import type { DbOrTx } from "../../db/index.js";
import { keysetPages } from "../../db/keyset.js";
import type { LoopRow } from "../../db/types.js";
import { loopPages } from "./export.js";
import { loadLoopDetails, type LoopDetails } from "./queries.js";

/** Every day a loop can be listed on. */
const EVERY_DAY = { from: "0001-01-01", to: "9999-12-31" };

/** Whose loops: one sender's (in all organisations, or one; anonymous ones or not), or one group's. */
export type LoopScope =
  | { senderId: string; organisationId?: string; includeAnonymous: boolean }
  | { organisationId: string; groupId: string };

/**
 * The loops of the scope, a page at a time, oldest first: a sender's by sending time (keyset on
 * created_at, id; `pageSize` each); a group's in the order of their place in lists, as the group's
 * spreadsheet export gives them — an anonymous loop at its day's start, so that its place among
 * the named loops tells its owner no more than its day (design.md §7.3).
 */
export function loopPagesOf(db: DbOrTx, scope: LoopScope, pageSize = 200): AsyncGenerator<LoopRow[]> {
  if (!("senderId" in scope)) return loopPages(db, { organisation_id: scope.organisationId, id: scope.groupId }, EVERY_DAY);
  return keysetPages((after) => {
    let q = db.selectFrom("loops").selectAll().where("sender_id", "=", scope.senderId);
    if (scope.organisationId) q = q.where("organisation_id", "=", scope.organisationId);
    if (!scope.includeAnonymous) q = q.where("is_anonymous", "=", false);
    if (after) q = q.where((eb) => eb.or([eb("created_at", ">", after.at), eb.and([eb("created_at", "=", after.at), eb("id", ">", after.id)])]));
    return q.orderBy("created_at").orderBy("id").limit(pageSize).execute();
  }, pageSize);
}

/** Tags, task titles, attachments and senders' cards of a page of loops. */
export function loopFactsOf(db: DbOrTx, loops: readonly LoopRow[], viewerId: string): Promise<LoopDetails> {
  return loadLoopDetails(db, loops, viewerId);
}

/** Who sent each of the loops and where (a comment's loop, to tell my own loops' threads from others'). */
export async function loopOwnersOf(db: DbOrTx, loopIds: readonly string[]) {
  if (loopIds.length === 0) return new Map<string, { sender_id: string; group_id: string; organisation_id: string; is_anonymous: boolean }>();
  const rows = await db.selectFrom("loops").select(["id", "sender_id", "group_id", "organisation_id", "is_anonymous"]).where("id", "in", [...new Set(loopIds)]).execute();
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}
