/**
 * The groups module's part of erasing a person (issue 7; the erasure module orchestrates). A group
 * always has an owner: its owner hands it over first (the erasure answers 409 naming the groups) —
 * unless nobody else is in it and no one else's loop is in it, when it goes with its owner.
 * Memberships go with the account (ON DELETE CASCADE), or here for one organisation's erasure.
 */
import type { DbOrTx } from "../../db/index.js";

/** The groups the person owns (in one organisation, or anywhere), each with whether anyone else is a member of it. */
export async function groupsOwnedBy(db: DbOrTx, userId: string, organisationId: string | null) {
  let q = db
    .selectFrom("groups as g")
    .select((eb) => [
      "g.id",
      "g.name",
      "g.organisation_id",
      eb
        .exists(eb.selectFrom("group_members as m").select("m.user_id").whereRef("m.group_id", "=", "g.id").where("m.user_id", "!=", userId))
        .as("has_others"),
    ])
    .where("g.owner_id", "=", userId);
  if (organisationId) q = q.where("g.organisation_id", "=", organisationId);
  const rows = await q.orderBy("g.name").execute();
  // SQLite answers EXISTS with 0/1.
  return rows.map((r) => ({ id: r.id, name: r.name, organisation_id: r.organisation_id, hasOthers: Boolean(r.has_others) }));
}

/** The ids of every group of the organisation. */
export async function groupIdsIn(db: DbOrTx, organisationId: string): Promise<string[]> {
  return (await db.selectFrom("groups").select("id").where("organisation_id", "=", organisationId).execute()).map((r) => r.id);
}

/** Deletes groups with everything in them (ON DELETE CASCADE), in the caller's transaction. */
export async function deleteGroups(tx: DbOrTx, groupIds: readonly string[]): Promise<void> {
  if (groupIds.length > 0) await tx.deleteFrom("groups").where("id", "in", [...groupIds]).execute();
}

/** The groups the person is a member of (in one organisation, or anywhere). */
export async function groupIdsOf(db: DbOrTx, userId: string, organisationId: string | null): Promise<string[]> {
  let q = db.selectFrom("group_members").select("group_id").where("user_id", "=", userId);
  if (organisationId) q = q.where("organisation_id", "=", organisationId);
  return (await q.execute()).map((r) => r.group_id);
}

/** Whether the person is in a group of another organisation than this one (a tutor has no organisation row). */
export async function inGroupsOutside(db: DbOrTx, userId: string, organisationId: string): Promise<boolean> {
  const row = await db.selectFrom("group_members").select("group_id").where("user_id", "=", userId).where("organisation_id", "!=", organisationId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Removes the person from every group of the organisation, in the caller's transaction. */
export async function removeFromGroupsIn(tx: DbOrTx, userId: string, organisationId: string): Promise<void> {
  await tx.deleteFrom("group_members").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
}
