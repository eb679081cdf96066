/**
 * Safeguarding: one verb per function, each in one transaction with its audit row. The audit
 * rows name the flag (or the contact) and who acted — never the loop's text, the notes or the
 * sender: administrators read the audit log, and those who are not contacts may know that a
 * flag exists and who handled it, nothing more.
 */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DbOrTx } from "../../db/index.js";
import type { LoopRow } from "../../db/types.js";
import type { SafeguardingFlagRow, SafeguardingReason, SafeguardingStatus, SafeguardingStepRow } from "../../db/tables/safeguarding.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { announce, notify } from "../notifications/notify.js";
import { findMember } from "../organisations/queries.js";
import { listContactIds } from "./queries.js";

type Audited = { actor: Actor; ip: string | null; at: Date };

async function auditFlag(db: DbOrTx, flag: SafeguardingFlagRow, action: string, a: Audited, data: Record<string, string | boolean> = {}) {
  await recordAudit(db, { action, actorId: a.actor.userId, organisationId: flag.organisation_id, subjectType: "safeguarding_flag", subjectId: flag.id, ip: a.ip, data, at: a.at });
}

/** Designates a member of the organisation as a safeguarding contact; designating one again changes nothing. */
export async function addContact({ ctx, ip, actor, organisationId, userId }: CommandBase & { actor: Actor; organisationId: string; userId: string }): Promise<void> {
  const at = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await findMember(tx, organisationId, userId))) throw badRequest("validation", "Only a member of the organisation can be a safeguarding contact.", { userId: "invalid" });
    const added = await tx
      .insertInto("safeguarding_contacts")
      .values({ organisation_id: organisationId, user_id: userId, added_by: actor.userId, created_at: at.toISOString() })
      .onConflict((oc) => oc.columns(["organisation_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await recordAudit(tx, { action: "safeguarding.contact_added", actorId: actor.userId, organisationId, subjectType: "user", subjectId: userId, ip, at });
  });
}

/** Ends a person's designation as safeguarding contact (404 when they are none). */
export async function removeContact({ ctx, ip, actor, organisationId, userId }: CommandBase & { actor: Actor; organisationId: string; userId: string }): Promise<void> {
  const at = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    const removed = await tx.deleteFrom("safeguarding_contacts").where("organisation_id", "=", organisationId).where("user_id", "=", userId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound();
    await recordAudit(tx, { action: "safeguarding.contact_removed", actorId: actor.userId, organisationId, subjectType: "user", subjectId: userId, ip, at });
  });
}

/**
 * Flags a loop "requires reporting" and tells the organisation's safeguarding contacts at once
 * (feed and e-mail). The feed item names the flagging leader and the group, never the loop's
 * text or its sender; a contact who sent the loop is not told.
 */
export async function flagLoop(
  input: CommandBase & { actor: Actor; loop: LoopRow; reason: SafeguardingReason; note: string },
): Promise<SafeguardingFlagRow> {
  const { ctx, ip, actor, loop } = input;
  const at = ctx.clock();
  const now = at.toISOString();
  const flag: SafeguardingFlagRow = {
    id: randomUUID(),
    organisation_id: loop.organisation_id,
    group_id: loop.group_id,
    loop_id: loop.id,
    flagged_by: actor.userId,
    reason: input.reason,
    note: input.note,
    status: "open",
    created_at: now,
    updated_at: now,
  };
  const notified = await ctx.db.transaction().execute(async (tx) => {
    const all = await listContactIds(tx, loop.organisation_id);
    const contacts = all.filter((id) => id !== loop.sender_id);
    // For an anonymous loop the answer must not depend on who sent it: a 409 when the only contact
    // is its sender would name the sender to the leader, who can list the contacts.
    if ((loop.is_anonymous ? all : contacts).length === 0) {
      throw conflict("conflict", "Your organisation has no safeguarding contacts yet. Ask an administrator to name them, and follow your school's routine meanwhile.");
    }
    await tx.insertInto("safeguarding_flags").values(flag).execute();
    await auditFlag(tx, flag, "safeguarding.flagged", { actor, ip, at });
    return notify(tx, {
      kind: "safeguarding_flagged",
      organisationId: flag.organisation_id,
      groupId: flag.group_id,
      recipients: contacts,
      actorId: actor.userId,
      at: now,
    });
  });
  announce(ctx, notified);
  return flag;
}

/** A contact records what was done: the flag takes the step's status, and the step joins its history. */
export async function recordStep(
  input: CommandBase & { actor: Actor; flag: SafeguardingFlagRow; status: SafeguardingStatus; note: string },
): Promise<{ flag: SafeguardingFlagRow; step: SafeguardingStepRow }> {
  const { ctx, ip, actor } = input;
  const at = ctx.clock();
  const now = at.toISOString();
  const step: SafeguardingStepRow = {
    id: randomUUID(),
    organisation_id: input.flag.organisation_id,
    flag_id: input.flag.id,
    actor_id: actor.userId,
    status: input.status,
    note: input.note,
    created_at: now,
  };
  const flag: SafeguardingFlagRow = { ...input.flag, status: input.status, updated_at: now };
  const notified = await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto("safeguarding_steps").values(step).execute();
    await tx
      .updateTable("safeguarding_flags")
      .set({ status: input.status, updated_at: now })
      .where("organisation_id", "=", flag.organisation_id)
      .where("id", "=", flag.id)
      .execute();
    await auditFlag(tx, flag, "safeguarding.step_recorded", { actor, ip, at }, { status: input.status });
    // The flagging leader hears that something was done (the feed and e-mail carry no note and no loop text).
    const flagger = flag.flagged_by;
    if (!flagger || flagger === actor.userId) return null;
    return notify(tx, { kind: "safeguarding_step", organisationId: flag.organisation_id, groupId: flag.group_id, recipients: [flagger], actorId: actor.userId, at: now });
  });
  if (notified) announce(ctx, notified);
  return { flag, step };
}

/** Records that someone opened a flagged loop (or one of its files): every safeguarding view is in the audit log. */
export async function recordView({ ctx, ip, actor, flag, what }: CommandBase & { actor: Actor; flag: SafeguardingFlagRow; what: "flag" | "attachment" }): Promise<void> {
  await auditFlag(ctx.db, flag, what === "flag" ? "safeguarding.flag_viewed" : "safeguarding.attachment_downloaded", { actor, ip, at: ctx.clock() });
}
