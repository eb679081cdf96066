/**
 * Audit rows about loops. For an anonymous loop a row must not tie a person to it: it names no
 * actor, no loop id and no address, and its time is the day only — the organisation's audit
 * view is a leader-facing surface (issue 4, design.md §7.3). Its sending is dated by the day it
 * is listed on (`listed_on`, the organisation's day), like everywhere else: its UTC day beside that
 * one would narrow down when it was sent.
 */
import { recordAudit } from "../../../audit/index.js";
import type { DbOrTx } from "../../../db/index.js";
import type { LoopRow } from "../../../db/types.js";

/** The start of the UTC day of an instant, or of a day (YYYY-MM-DD): what date-only views show as that date. */
export const dayOf = (instantOrDay: string) => `${instantOrDay.slice(0, 10)}T00:00:00.000Z`;

/**
 * Writes the audit row of an act on a loop — or, given `commentId`, on a comment in its thread —
 * with the anonymity rules above.
 */
export async function auditLoop(
  db: DbOrTx,
  e: {
    loop: LoopRow;
    action: string;
    actorId: string;
    ip: string | null;
    at: string;
    commentId?: string;
    data?: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  const { loop } = e;
  // The sender's own acts on their anonymous loop stay anonymous; a leader's acts are theirs.
  const hidden = loop.is_anonymous && e.actorId === loop.sender_id;
  await recordAudit(db, {
    action: e.action,
    actorId: hidden ? null : e.actorId,
    organisationId: loop.organisation_id,
    subjectType: e.commentId ? "comment" : "loop",
    subjectId: loop.is_anonymous ? null : (e.commentId ?? loop.id),
    ip: hidden ? null : e.ip,
    data: { group: loop.group_id, ...(loop.is_anonymous ? { anonymous: true } : e.commentId ? { loop: loop.id } : {}), ...e.data },
    at: new Date(hidden ? dayOf(e.action === "loop.sent" ? loop.listed_on : e.at) : e.at),
  });
}
