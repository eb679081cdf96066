/**
 * Append-only audit events, written by commands inside their own transaction so an action and
 * its record commit or fail together. The table refuses UPDATE and DELETE (migration 0001).
 * Never put passwords, tokens, names or e-mail addresses in `data`.
 */
import { randomUUID } from "node:crypto";
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
