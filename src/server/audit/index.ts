/**
 * Append-only audit events, written by commands inside their own transaction so an action and
 * its record commit or fail together. The table refuses UPDATE and DELETE (migration 0001).
 * Never put passwords, tokens, names or e-mail addresses in `data`.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { DbOrTx } from "../db/index.js";

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

export async function recordAudit(db: DbOrTx, e: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      id: randomUUID(),
      organisation_id: e.organisationId ?? null,
      actor_id: e.actorId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      ip: e.ip ?? null,
      outcome: e.outcome ?? "success",
      data: JSON.stringify(e.data ?? {}),
      created_at: e.at.toISOString(),
    })
    .execute();
}

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** An organisation's audit events, newest first, filtered by action prefix, actor and date range. */
export function listAuditEvents(db: DbOrTx, organisationId: string, f: AuditFilter) {
  let q = db.selectFrom("audit_events").selectAll().where("organisation_id", "=", organisationId);
  // A prefix match; LIKE's own wildcards in the filter are escaped, and actions are lower case.
  if (f.action) q = q.where(sql<boolean>`action like ${`${f.action.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  if (f.actorId) q = q.where("actor_id", "=", f.actorId);
  if (f.from) q = q.where("created_at", ">=", f.from);
  if (f.to) q = q.where("created_at", "<", f.to);
  return q.orderBy("created_at", "desc").orderBy("id").limit(f.limit).execute();
}
