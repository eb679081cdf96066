/** Reads of the groups module's tables. */
import { compiledOnce } from "../../db/compiled.js";
import type { Db, DbOrTx } from "../../db/index.js";
import type { GroupMemberRow, GroupRow } from "../../db/types.js";
import { findOrganisations, isMemberOfAny, listMyOrganisations, loadOrgAccess } from "../organisations/queries.js";
import type { GroupAccess } from "./policy.js";

export function findGroup(db: DbOrTx, groupId: string): Promise<GroupRow | undefined> {
  return db.selectFrom("groups").selectAll().where("id", "=", groupId).executeTakeFirst();
}

export function findGroupMember(db: DbOrTx, groupId: string, userId: string): Promise<GroupMemberRow | undefined> {
  return db.selectFrom("group_members").selectAll().where("group_id", "=", groupId).where("user_id", "=", userId).executeTakeFirst();
}

const groupWithRole = compiledOnce(2, (db, userId, groupId) =>
  db
    .selectFrom("groups as g")
    .leftJoin("group_members as gm", (j) => j.onRef("gm.group_id", "=", "g.id").onRef("gm.organisation_id", "=", "g.organisation_id").on("gm.user_id", "=", userId!))
    .selectAll("g")
    .select("gm.role as member_role")
    .where("g.id", "=", groupId!),
);

/** The group as the user sees it (role and organisation standing), or undefined if missing. */
export async function loadGroupAccess(db: DbOrTx, groupId: string, userId: string): Promise<GroupAccess | undefined> {
  // The group with the actor's role in one statement, then their organisation standing in
  // another: this runs on nearly every request of the product (bench/RESULTS.md).
  const [row] = await groupWithRole(db, userId, groupId);
  if (!row) return undefined;
  const { member_role, ...group } = row;
  const org = await loadOrgAccess(db, group.organisation_id, userId);
  return { group, organisationName: org?.org.name ?? "", role: member_role ?? null, isOrgAdmin: org?.member?.is_admin === true };
}

/** Every group the user is a member of, plus every group of the organisations they administer. */
export async function listGroupsForUser(db: DbOrTx, userId: string): Promise<GroupAccess[]> {
  const orgs = await listMyOrganisations(db, userId);
  const adminOrgIds = orgs.filter((o) => o.member?.is_admin).map((o) => o.org.id);
  const memberships = await db.selectFrom("group_members").select(["group_id", "role"]).where("user_id", "=", userId).execute();
  const groupIds = memberships.map((m) => m.group_id);
  if (groupIds.length === 0 && adminOrgIds.length === 0) return [];
  const groups = await db
    .selectFrom("groups")
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(groupIds.length ? [eb("id", "in", groupIds)] : []),
        ...(adminOrgIds.length ? [eb("organisation_id", "in", adminOrgIds)] : []),
      ]),
    )
    .orderBy("name")
    .execute();
  const orgNames = new Map(orgs.map((o) => [o.org.id, o.org.name]));
  // Tutors are not organisation members: fetch the names of their groups' organisations.
  const missing = [...new Set(groups.map((g) => g.organisation_id).filter((id) => !orgNames.has(id)))];
  for (const o of await findOrganisations(db, missing)) orgNames.set(o.id, o.name);
  const roles = new Map(memberships.map((m) => [m.group_id, m.role]));
  return groups.map((group) => ({
    group,
    organisationName: orgNames.get(group.organisation_id) ?? "",
    role: roles.get(group.id) ?? null,
    isOrgAdmin: adminOrgIds.includes(group.organisation_id),
  }));
}

/** Groups by id, in any organisation (names for lists that span groups, e.g. the feed). */
export async function findGroups(db: DbOrTx, ids: readonly string[]): Promise<GroupRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("groups").selectAll().where("id", "in", [...new Set(ids)]).execute();
}

// Who an ability reaches, as one fixed-shape query each (sending a loop asks for its readers).
const memberIdsOf = (db: Db, org: string, group: string) =>
  db.selectFrom("group_members").select("user_id").where("organisation_id", "=", org).where("group_id", "=", group);
const everyMemberId = compiledOnce(2, (db, org, group) => memberIdsOf(db, org!, group!));
const leadingMemberIds = compiledOnce(2, (db, org, group) => memberIdsOf(db, org!, group!).where("role", "in", ["leader", "tutor"]));
const senderIds = compiledOnce(2, (db, org, group) => memberIdsOf(db, org!, group!).where("role", "=", "sender"));

/**
 * The ids of the members to whom `groupPolicy` grants the ability (the same rules, as one
 * query): `readLoops` leaders and tutors — in a flat group everyone; `sendLoop` senders — in a
 * flat group everyone; `readPosts` every member. Nobody while the group is inactive. For
 * notification recipients; the caller drops the actor.
 */
export async function listMemberIdsWho(db: DbOrTx, group: GroupRow, ability: "readLoops" | "sendLoop" | "readPosts"): Promise<string[]> {
  if (!group.is_active) return [];
  const query = group.type === "flat" || ability === "readPosts" ? everyMemberId : ability === "readLoops" ? leadingMemberIds : senderIds;
  return (await query(db, group.organisation_id, group.id)).map((r) => r.user_id);
}

/**
 * Every group of the organisation with how many members may send loops in it now, by the rule of
 * `listMemberIdsWho(…, "sendLoop")` as one query: senders, every member of a flat group, nobody
 * while the group is inactive. By name.
 */
export async function listGroupsWithSenderCounts(db: DbOrTx, organisationId: string): Promise<{ group: GroupRow; senders: number }[]> {
  const rows = await db
    .selectFrom("groups as g")
    .leftJoin("group_members as gm", (j) =>
      j
        .onRef("gm.group_id", "=", "g.id")
        .onRef("gm.organisation_id", "=", "g.organisation_id")
        .on((eb) => eb.or([eb("g.type", "=", "flat"), eb("gm.role", "=", "sender")])),
    )
    .selectAll("g")
    .select((eb) => eb.fn.count<number>("gm.user_id").as("sender_count"))
    .where("g.organisation_id", "=", organisationId)
    .groupBy("g.id")
    .orderBy("g.name")
    .execute();
  return rows.map(({ sender_count, ...group }) => ({ group, senders: group.is_active ? Number(sender_count) : 0 }));
}

export function listGroupMembers(db: DbOrTx, groupId: string): Promise<GroupMemberRow[]> {
  return db.selectFrom("group_members").selectAll().where("group_id", "=", groupId).orderBy("created_at").execute();
}

/** Group memberships in one organisation, with the group's name (for the organisation's member list). */
export function listMembershipsInOrganisation(db: DbOrTx, organisationId: string) {
  return db
    .selectFrom("group_members as gm")
    .innerJoin("groups as g", (j) => j.onRef("g.id", "=", "gm.group_id").onRef("g.organisation_id", "=", "gm.organisation_id"))
    .select(["gm.user_id", "gm.group_id", "gm.role", "g.name", "g.owner_id"])
    .where("gm.organisation_id", "=", organisationId)
    .orderBy("g.name")
    .execute();
}

/**
 * True when the viewer may see the subject's name and picture: they share an active group in
 * which either of them leads, or which is flat (peers) — senders of a hierarchical group do not
 * see each other — or the viewer administers an organisation the subject belongs to (its member
 * list shows them).
 */
export async function canSeeEachOther(db: DbOrTx, viewerId: string, subjectId: string): Promise<boolean> {
  const row = await db
    .selectFrom("group_members as a")
    .innerJoin("group_members as b", (j) => j.onRef("b.group_id", "=", "a.group_id").onRef("b.organisation_id", "=", "a.organisation_id"))
    .innerJoin("groups as g", (j) => j.onRef("g.id", "=", "a.group_id").onRef("g.organisation_id", "=", "a.organisation_id"))
    .select("a.group_id")
    .where("a.user_id", "=", viewerId)
    .where("b.user_id", "=", subjectId)
    .where("g.is_active", "=", true)
    .where((eb) => eb.or([eb("g.type", "=", "flat"), eb("a.role", "!=", "sender"), eb("b.role", "!=", "sender")]))
    .executeTakeFirst();
  if (row) return true;
  const adminOf = (await listMyOrganisations(db, viewerId)).filter((o) => o.member?.is_admin).map((o) => o.org.id);
  if (adminOf.length === 0) return false;
  const inGroup = await db.selectFrom("group_members").select("group_id").where("user_id", "=", subjectId).where("organisation_id", "in", adminOf).executeTakeFirst();
  return inGroup !== undefined || (await isMemberOfAny(db, subjectId, adminOf));
}

/** Every group of the instance in pages by id (the retention job walks them all). */
export function listGroupsPage(db: DbOrTx, afterId: string | null, limit: number): Promise<GroupRow[]> {
  let q = db.selectFrom("groups").selectAll().orderBy("id").limit(limit);
  if (afterId !== null) q = q.where("id", ">", afterId);
  return q.execute();
}
