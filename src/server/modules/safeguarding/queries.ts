/** Reads of the safeguarding module's tables (safeguarding_contacts, safeguarding_flags, safeguarding_steps). */
import type { After } from "../../db/keyset.js";
import type { DbOrTx } from "../../db/index.js";
import type { LoopRow } from "../../db/types.js";
import type { SafeguardingFlagRow, SafeguardingStatus, SafeguardingStepRow } from "../../db/tables/safeguarding.js";
import { findLoop, findLoopsByIds } from "../loops/queries.js";
import { loadOrgAccess } from "../organisations/queries.js";
import type { FlagAccess, OrgSafeguardingAccess } from "./policy.js";

export async function isContact(db: DbOrTx, organisationId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("safeguarding_contacts")
    .select("user_id")
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The organisation's contacts, longest-serving first. */
export function listContacts(db: DbOrTx, organisationId: string) {
  return db
    .selectFrom("safeguarding_contacts")
    .select(["user_id", "created_at"])
    .where("organisation_id", "=", organisationId)
    .orderBy("created_at")
    .orderBy("user_id")
    .execute();
}

export async function listContactIds(db: DbOrTx, organisationId: string): Promise<string[]> {
  return (await listContacts(db, organisationId)).map((c) => c.user_id);
}

/** The organisation as the actor meets it in safeguarding; undefined when it does not exist. */
export async function loadOrgSafeguardingAccess(db: DbOrTx, orgId: string, userId: string): Promise<OrgSafeguardingAccess | undefined> {
  const org = await loadOrgAccess(db, orgId, userId);
  return org ? { org, isContact: org.member !== null && (await isContact(db, orgId, userId)) } : undefined;
}

/** The flag with the actor's standing and its loop; undefined when it does not exist. */
export async function loadFlagAccess(db: DbOrTx, flagId: string, userId: string): Promise<FlagAccess | undefined> {
  const flag = await db.selectFrom("safeguarding_flags").selectAll().where("id", "=", flagId).executeTakeFirst();
  if (!flag) return undefined;
  const [contact, loop] = await Promise.all([isContact(db, flag.organisation_id, userId), flag.loop_id ? findLoop(db, flag.loop_id) : undefined]);
  return { flag, isContact: contact, loop: loop ?? null };
}

/** The organisation's flags, newest first: all of them, or only those `flaggedBy` made; `before` continues after a page. */
export function listFlags(
  db: DbOrTx,
  f: { organisationId: string; status?: SafeguardingStatus | undefined; flaggedBy?: string | undefined; loopId?: string | undefined; limit: number; before?: After | null },
): Promise<SafeguardingFlagRow[]> {
  let q = db.selectFrom("safeguarding_flags").selectAll().where("organisation_id", "=", f.organisationId);
  const before = f.before;
  if (before) q = q.where((eb) => eb.or([eb("created_at", "<", before.at), eb.and([eb("created_at", "=", before.at), eb("id", "<", before.id)])]));
  if (f.status) q = q.where("status", "=", f.status);
  if (f.flaggedBy) q = q.where("flagged_by", "=", f.flaggedBy);
  if (f.loopId) q = q.where("loop_id", "=", f.loopId);
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(f.limit).execute();
}

/** The loops of many flags, by id (for the sender rule), through the loops module's own query. */
export async function loopsOf(db: DbOrTx, flags: readonly SafeguardingFlagRow[]): Promise<Map<string, LoopRow>> {
  const ids = [...new Set(flags.map((f) => f.loop_id).filter((id): id is string => id !== null))];
  return new Map((await findLoopsByIds(db, ids)).map((l) => [l.id, l]));
}

export function listSteps(db: DbOrTx, flag: SafeguardingFlagRow): Promise<SafeguardingStepRow[]> {
  return db
    .selectFrom("safeguarding_steps")
    .selectAll()
    .where("organisation_id", "=", flag.organisation_id)
    .where("flag_id", "=", flag.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * Loops of a group under a flag that is not closed: the retention purge keeps them (the school may
 * have to hand the content on while a report is under way); once the flag is closed, the group's
 * period applies again.
 */
export async function loopsHeldBySafeguarding(db: DbOrTx, organisationId: string, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("safeguarding_flags")
    .select("loop_id")
    .distinct()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("status", "!=", "closed")
    .where("loop_id", "is not", null)
    .execute();
  return rows.map((r) => r.loop_id!);
}
