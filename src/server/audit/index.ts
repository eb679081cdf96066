/**
 * Append-only audit events, written by commands inside their own transaction so an action and
 * its record commit or fail together. The table refuses UPDATE and DELETE (migration 0001).
 * Never put passwords, tokens, names or e-mail addresses in `data`. User ids are stored as
 * pseudonyms (pseudonyms.ts) and read back as ids while the person exists.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { compiledOnce } from "../db/compiled.js";
import type { DbOrTx } from "../db/index.js";
import { actorPseudonyms, pseudonymise, resolvePseudonyms } from "./pseudonyms.js";

export interface AuditEvent {
  action: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  organisationId?: string | null;
  ip?: string | null;
  outcome?: "success" | "denied" | "failure";
  data?: Record<string, string | number | boolean | null>;
  at: Date;
}

const insertAudit = compiledOnce(10, (db, id, organisationId, actorId, action, subjectType, subjectId, ip, outcome, data, createdAt) =>
  db.insertInto("audit_events").values({
    id: id!,
    organisation_id: organisationId!,
    actor_id: actorId!,
    action: action!,
    subject_type: subjectType!,
    subject_id: subjectId!,
    ip: ip!,
    outcome: outcome as AuditEvent["outcome"] & string,
    data: data!,
    created_at: createdAt!,
  }),
);

/** Writes one event, its user ids as pseudonyms; in the caller's transaction when given one. Every command does, so it is compiled once. */
export async function recordAudit(db: DbOrTx, e: AuditEvent): Promise<void> {
  const ids = await pseudonymise(db, { actorId: e.actorId, subjectType: e.subjectType, subjectId: e.subjectId, data: e.data ?? {} });
  await insertAudit(
    db,
    randomUUID(),
    e.organisationId ?? null,
    ids.actorId,
    e.action,
    e.subjectType,
    ids.subjectId,
    e.ip ?? null,
    e.outcome ?? "success",
    JSON.stringify(ids.data),
    e.at.toISOString(),
  );
}

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** An organisation's audit events matching the filter (action prefix, actor, date range). */
function filteredAuditEvents(db: DbOrTx, organisationId: string, f: Omit<AuditFilter, "limit">) {
  let q = db.selectFrom("audit_events").where("organisation_id", "=", organisationId);
  // A prefix match; LIKE's own wildcards in the filter are escaped, and actions are lower case.
  if (f.action) q = q.where(sql<boolean>`action like ${`${f.action.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  // A person's id matches their pseudonym; a pseudonym (a deleted user's) matches itself.
  if (f.actorId) {
    const actorId = f.actorId;
    q = q.where((eb) => eb.or([eb("actor_id", "in", actorPseudonyms(db, actorId)), eb("actor_id", "=", actorId)]));
  }
  if (f.from) q = q.where("created_at", ">=", f.from);
  if (f.to) q = q.where("created_at", "<", f.to);
  return q;
}

/** An organisation's audit events, newest first, filtered by action prefix, actor and date range; user ids resolved while their people exist. */
export async function listAuditEvents(db: DbOrTx, organisationId: string, f: AuditFilter) {
  return resolvePseudonyms(db, await filteredAuditEvents(db, organisationId, f).selectAll().orderBy("created_at", "desc").orderBy("id").limit(f.limit).execute());
}

/** How many events the filter matches (recorded with a CSV export). */
export async function countAuditEvents(db: DbOrTx, organisationId: string, f: Omit<AuditFilter, "limit">): Promise<number> {
  const row = await filteredAuditEvents(db, organisationId, f).select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Every event the filter matches, newest first, a page at a time (keyset on created_at, id): for the CSV export. */
export async function* auditEventPages(db: DbOrTx, organisationId: string, f: Omit<AuditFilter, "limit">, pageSize = 500) {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = filteredAuditEvents(db, organisationId, f).selectAll();
    if (after) {
      const { at, id } = after;
      q = q.where((eb) => eb.or([eb("created_at", "<", at), eb.and([eb("created_at", "=", at), eb("id", ">", id)])]));
    }
    const rows = await q.orderBy("created_at", "desc").orderBy("id").limit(pageSize).execute();
    if (rows.length > 0) yield await resolvePseudonyms(db, rows);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.created_at, id: last.id };
  }
}
