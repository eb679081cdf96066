/** Reads of the organisations module's tables. */
import { DEFAULT_TIME_ZONE } from "../../../shared/schemas/organisations.js";
import { compiledOnce } from "../../db/compiled.js";
import type { DbOrTx } from "../../db/index.js";
import type { OrganisationMemberRow, OrganisationRow } from "../../db/types.js";
import type { OrgAccess } from "./policy.js";

const organisationWithMember = compiledOnce(2, (db, userId, orgId) =>
  db
    .selectFrom("organisations as o")
    .leftJoin("organisation_members as m", (j) => j.onRef("m.organisation_id", "=", "o.id").on("m.user_id", "=", userId!))
    .selectAll("o")
    .select(["m.user_id as member_user_id", "m.is_admin", "m.is_group_creator"])
    .where("o.id", "=", orgId!),
);

/** The organisation as the user sees it; undefined when it does not exist. */
export async function loadOrgAccess(db: DbOrTx, orgId: string, userId: string): Promise<OrgAccess | undefined> {
  // One statement: every group request asks this (through groups.loadGroupAccess).
  const [row] = await organisationWithMember(db, userId, orgId);
  if (!row) return undefined;
  const { member_user_id, is_admin, is_group_creator, ...org } = row;
  return { org, member: member_user_id ? { is_admin: is_admin === true, is_group_creator: is_group_creator === true } : null };
}

/** The retention period and purpose new groups of the organisation start with. */
export function findRetentionDefaults(db: DbOrTx, orgId: string): Promise<{ period: string; purpose: string } | undefined> {
  return db
    .selectFrom("organisations")
    .select(["default_retention_period as period", "default_retention_purpose as purpose"])
    .where("id", "=", orgId)
    .executeTakeFirst();
}

export function findMember(db: DbOrTx, orgId: string, userId: string): Promise<OrganisationMemberRow | undefined> {
  return db
    .selectFrom("organisation_members")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Every organisation the user belongs to, with their membership. */
export async function listMyOrganisations(db: DbOrTx, userId: string): Promise<OrgAccess[]> {
  const rows = await db
    .selectFrom("organisations")
    .innerJoin("organisation_members as m", "m.organisation_id", "organisations.id")
    .selectAll("organisations")
    .select(["m.is_admin", "m.is_group_creator"])
    .where("m.user_id", "=", userId)
    .orderBy("organisations.name")
    .execute();
  return rows.map(({ is_admin, is_group_creator, ...org }) => ({ org: org as OrganisationRow, member: { is_admin, is_group_creator } }));
}

/** Membership rows of an organisation. */
export function listMemberRows(db: DbOrTx, orgId: string): Promise<OrganisationMemberRow[]> {
  return db.selectFrom("organisation_members").selectAll().where("organisation_id", "=", orgId).execute();
}

const countMembersOf = (db: DbOrTx, orgId: string) =>
  db
    .selectFrom("organisation_members")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("organisation_id", "=", orgId);

export async function countAdmins(db: DbOrTx, orgId: string): Promise<number> {
  return Number((await countMembersOf(db, orgId).where("is_admin", "=", true).executeTakeFirstOrThrow()).count);
}

/** How many people belong to the organisation (tutors are guests of their groups, not members). */
export async function countMembers(db: DbOrTx, orgId: string): Promise<number> {
  return Number((await countMembersOf(db, orgId).executeTakeFirstOrThrow()).count);
}

export async function findOrganisations(db: DbOrTx, ids: readonly string[]): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("organisations").selectAll().where("id", "in", [...ids]).execute();
}

// Every loop sent asks it: compiled once.
const timeZoneOf = compiledOnce(1, (db, orgId) => db.selectFrom("organisations").select("time_zone").where("id", "=", orgId!));

/** The organisation's IANA time zone (schedules, digests, periods and the days loops are listed on run in it). */
export async function organisationTimeZone(db: DbOrTx, organisationId: string): Promise<string> {
  const [row] = await timeZoneOf(db, organisationId);
  return row?.time_zone ?? DEFAULT_TIME_ZONE;
}

/** True when the user has a membership row in any of the organisations. */
export async function isMemberOfAny(db: DbOrTx, userId: string, orgIds: readonly string[]): Promise<boolean> {
  if (orgIds.length === 0) return false;
  const row = await db.selectFrom("organisation_members").select("user_id").where("user_id", "=", userId).where("organisation_id", "in", [...orgIds]).executeTakeFirst();
  return row !== undefined;
}
