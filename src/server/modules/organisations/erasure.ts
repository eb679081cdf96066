/**
 * The organisations module's part of erasing a person (issue 7; the erasure module orchestrates).
 * An organisation always keeps an administrator: its last one hands over first (409). The
 * organisation decides what an erased person's comments become (`erased_user_comments`).
 */
import type { DbOrTx } from "../../db/index.js";

/** The organisations whose only administrator the person is (in one organisation, or anywhere). */
export async function organisationsOnlyAdministeredBy(db: DbOrTx, userId: string, organisationId: string | null) {
  let q = db
    .selectFrom("organisation_members as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .select(["o.id", "o.name"])
    .where("m.user_id", "=", userId)
    .where("m.is_admin", "=", true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("organisation_members as other")
            .select("other.user_id")
            .whereRef("other.organisation_id", "=", "m.organisation_id")
            .where("other.is_admin", "=", true)
            .where("other.user_id", "!=", userId),
        ),
      ),
    );
  if (organisationId) q = q.where("m.organisation_id", "=", organisationId);
  return q.orderBy("o.name").execute();
}

/** Of these organisations, those that remove an erased person's comments (the others keep them as "Deleted user"). */
export async function organisationsRemovingErasedComments(db: DbOrTx, organisationIds: readonly string[]): Promise<Set<string>> {
  if (organisationIds.length === 0) return new Set();
  const rows = await db.selectFrom("organisations").select("id").where("id", "in", [...organisationIds]).where("erased_user_comments", "=", "remove").execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether the person is a member of another organisation than this one. */
export async function memberElsewhere(db: DbOrTx, userId: string, organisationId: string): Promise<boolean> {
  const row = await db.selectFrom("organisation_members").select("organisation_id").where("user_id", "=", userId).where("organisation_id", "!=", organisationId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Ends the person's membership of the organisation (their safeguarding designation goes with it). */
export async function removeFromOrganisation(tx: DbOrTx, userId: string, organisationId: string): Promise<void> {
  await tx.deleteFrom("organisation_members").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
}

/** Whether anyone but the person is a member of the organisation. */
export async function othersInOrganisation(db: DbOrTx, organisationId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom("organisation_members").select("user_id").where("organisation_id", "=", organisationId).where("user_id", "!=", userId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Deletes organisations with everything in them (ON DELETE CASCADE; their audit rows stay), in the caller's transaction. */
export async function deleteOrganisations(tx: DbOrTx, organisationIds: readonly string[]): Promise<void> {
  if (organisationIds.length > 0) await tx.deleteFrom("organisations").where("id", "in", [...organisationIds]).execute();
}
