/** The organisations module's part of a data export (issue 7): a person's organisation memberships and the export setting. */
import type { DbOrTx } from "../../db/index.js";

/** The person's organisations (optionally one) with their standing in each. */
export async function organisationMembershipsOf(db: DbOrTx, userId: string, organisationId?: string) {
  let q = db
    .selectFrom("organisation_members as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .select(["o.id", "o.name", "m.is_admin", "m.is_group_creator", "m.created_at"])
    .where("m.user_id", "=", userId);
  if (organisationId) q = q.where("m.organisation_id", "=", organisationId);
  return q.orderBy("o.name").execute();
}

/** How each organisation wants other people's comments shown in an export: by role title (the default) or by name (`export_comment_authors`). */
export async function commentAuthorStyleOf(db: DbOrTx, organisationIds: readonly string[]): Promise<Map<string, "role" | "name">> {
  if (organisationIds.length === 0) return new Map();
  const rows = await db.selectFrom("organisations").select(["id", "export_comment_authors"]).where("id", "in", [...new Set(organisationIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.export_comment_authors]));
}

/** Organisation names by id. */
export async function organisationNamesOf(db: DbOrTx, organisationIds: readonly string[]): Promise<Map<string, string>> {
  if (organisationIds.length === 0) return new Map();
  const rows = await db.selectFrom("organisations").select(["id", "name"]).where("id", "in", [...new Set(organisationIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
