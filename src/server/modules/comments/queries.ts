/** Reads of the comments module's tables (comments, comment_bank). */
import type { DbOrTx } from "../../db/index.js";
import type { CommentBankRow, CommentRow, LoopRow } from "../../db/types.js";

export function findComment(db: DbOrTx, commentId: string): Promise<CommentRow | undefined> {
  return db.selectFrom("comments").selectAll().where("id", "=", commentId).executeTakeFirst();
}

export function listComments(db: DbOrTx, loop: LoopRow): Promise<CommentRow[]> {
  return db
    .selectFrom("comments")
    .selectAll()
    .where("organisation_id", "=", loop.organisation_id)
    .where("loop_id", "=", loop.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Everyone who has written in the loop's thread (deleted comments too: they took part). */
export async function listThreadAuthorIds(db: DbOrTx, loop: LoopRow): Promise<string[]> {
  const rows = await db.selectFrom("comments").select("author_id").distinct().where("organisation_id", "=", loop.organisation_id).where("loop_id", "=", loop.id).execute();
  return rows.map((r) => r.author_id).filter((id): id is string => id !== null);
}

/** The leader's own saved comments in the organisation and those shared in the group. */
export function listBank(db: DbOrTx, organisationId: string, groupId: string, userId: string): Promise<CommentBankRow[]> {
  return db
    .selectFrom("comment_bank")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where((eb) => eb.or([eb.and([eb("owner_id", "=", userId), eb("group_id", "is", null)]), eb("group_id", "=", groupId)]))
    .orderBy("created_at", "desc")
    .execute();
}

export function findBankItem(db: DbOrTx, itemId: string): Promise<CommentBankRow | undefined> {
  return db.selectFrom("comment_bank").selectAll().where("id", "=", itemId).executeTakeFirst();
}

export async function countBank(db: DbOrTx, organisationId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("comment_bank")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("organisation_id", "=", organisationId)
    .where("owner_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
