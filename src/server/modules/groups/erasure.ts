/**
 * The groups module's part of erasing a person (issue 7; the erasure module orchestrates). A group
 * always has an owner: its owner hands it over first (the erasure answers 409 naming the groups).
 * Memberships go with the account (ON DELETE CASCADE), or here for one organisation's erasure.
 */
import type { DbOrTx } from "../../db/index.js";

/** The groups the person owns (in one organisation, or anywhere): they must be handed over first. */
export function groupsOwnedBy(db: DbOrTx, userId: string, organisationId: string | null) {
  let q = db.selectFrom("groups").select(["id", "name", "organisation_id"]).where("owner_id", "=", userId);
  if (organisationId) q = q.where("organisation_id", "=", organisationId);
  return q.orderBy("name").execute();
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
