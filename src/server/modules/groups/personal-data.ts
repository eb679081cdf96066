/** The groups module's part of a data export (issue 7): a person's group memberships, and groups by id with their role titles. */
import type { DbOrTx } from "../../db/index.js";
import type { GroupRow } from "../../db/types.js";

/** The person's groups (optionally of one organisation) with their role in each. */
export async function groupMembershipsOf(db: DbOrTx, userId: string, organisationId?: string) {
  let q = db
    .selectFrom("group_members as m")
    .innerJoin("groups as g", (j) => j.onRef("g.id", "=", "m.group_id").onRef("g.organisation_id", "=", "m.organisation_id"))
    .select(["g.id", "g.organisation_id", "g.name", "g.type", "m.role", "m.created_at", "g.owner_id"])
    .where("m.user_id", "=", userId);
  if (organisationId) q = q.where("m.organisation_id", "=", organisationId);
  return q.orderBy("g.name").execute();
}

/** Groups by id (their names and role titles present other people by role). */
export async function groupsById(db: DbOrTx, ids: readonly string[]): Promise<Map<string, GroupRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("groups").selectAll().where("id", "in", [...new Set(ids)]).execute();
  return new Map(rows.map((g) => [g.id, g]));
}
