/**
 * The loops module's part of a data export (issue 7): a person's loops, or a group's, read in
 * keyset pages (never all at once), with their tags, task titles and attachments.
 */
import type { DbOrTx } from "../../db/index.js";
import { keysetPages } from "../../db/keyset.js";
import type { LoopRow } from "../../db/types.js";
import { loadLoopDetails, type LoopDetails } from "./queries.js";

/** Whose loops: one sender's (in all organisations, or one; anonymous ones or not), or one group's. */
export type LoopScope =
  | { senderId: string; organisationId?: string; includeAnonymous: boolean }
  | { organisationId: string; groupId: string };

/** The loops of the scope, `pageSize` at a time, oldest first (keyset on created_at, id). */
export function loopPagesOf(db: DbOrTx, scope: LoopScope, pageSize = 200): AsyncGenerator<LoopRow[]> {
  return keysetPages((after) => {
    let q = db.selectFrom("loops").selectAll();
    if ("senderId" in scope) {
      q = q.where("sender_id", "=", scope.senderId);
      if (scope.organisationId) q = q.where("organisation_id", "=", scope.organisationId);
      if (!scope.includeAnonymous) q = q.where("is_anonymous", "=", false);
    } else {
      q = q.where("organisation_id", "=", scope.organisationId).where("group_id", "=", scope.groupId);
    }
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
