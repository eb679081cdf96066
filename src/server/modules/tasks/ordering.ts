/**
 * Tasks and tags are both lists a group's leaders keep in order: what they share (counting,
 * the next position, a complete reordering) is written once here, for either table.
 */
import type { DbOrTx, Tx } from "../../db/index.js";
import { badRequest } from "../../http/errors.js";

/** The tables of the module whose rows are ordered per group by `position`. */
export type OrderedTable = "tasks" | "tags";

const inGroup = (db: DbOrTx, table: OrderedTable, organisationId: string, groupId: string) =>
  db.selectFrom(table).where("organisation_id", "=", organisationId).where("group_id", "=", groupId);

/** How many rows the group has in the table (for the per-group limits). */
export async function countInGroup(db: DbOrTx, table: OrderedTable, organisationId: string, groupId: string): Promise<number> {
  const row = await inGroup(db, table, organisationId, groupId)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The position after the group's last row: new tasks and tags go last. */
export async function nextPosition(tx: Tx, table: OrderedTable, organisationId: string, groupId: string): Promise<number> {
  const row = await inGroup(tx, table, organisationId, groupId)
    .select((eb) => eb.fn.max("position").as("last"))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/**
 * Gives the group's rows the order of `ids`, which must name every row exactly once (400
 * `ids: invalid_value` otherwise): a list made before someone added an item would drop it silently.
 */
export async function reorder(tx: Tx, table: OrderedTable, organisationId: string, groupId: string, ids: readonly string[]): Promise<void> {
  const existing = new Set((await inGroup(tx, table, organisationId, groupId).select("id").execute()).map((r) => r.id));
  const given = new Set(ids);
  if (given.size !== ids.length || given.size !== existing.size || ids.some((id) => !existing.has(id))) {
    throw badRequest("validation", "List every item of the group exactly once.", { ids: "invalid_value" });
  }
  for (const [position, id] of ids.entries()) {
    await tx.updateTable(table).set({ position }).where("organisation_id", "=", organisationId).where("group_id", "=", groupId).where("id", "=", id).execute();
  }
}
