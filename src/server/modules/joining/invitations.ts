/** E-mail invitations: to create groups in an organisation, or to a group with a role. */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import { hashToken, newSecretToken } from "../../auth/tokens.js";
import type { DbOrTx } from "../../db/index.js";
import type { GroupRow, InvitationPurpose, InvitationRow, OrganisationRow } from "../../db/types.js";
import { badRequest, notFound } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { findUserByEmail, findUserById, normaliseEmail } from "../accounts/queries.js";
import { announce, notify } from "../notifications/notify.js";
import { invitationEmail } from "./emails.js";

/** Invitations are valid for two weeks: long enough to span a school holiday week. */
export const INVITATION_TTL_DAYS = 14;

export interface InviteInput extends CommandBase {
  actor: Actor;
  organisation: Pick<OrganisationRow, "id" | "name">;
  group: Pick<GroupRow, "id" | "name"> | null;
  purpose: InvitationPurpose;
  email: string;
}

/** Records an invitation and e-mails its link; an earlier pending one to the same address is replaced. */
export async function inviteByEmail({ ctx, ip, actor, organisation, group, purpose, email }: InviteInput): Promise<InvitationRow> {
  const now = ctx.clock();
  const token = newSecretToken();
  const invitation: InvitationRow = {
    id: randomUUID(),
    organisation_id: organisation.id,
    group_id: group?.id ?? null,
    purpose,
    email: email.trim(),
    email_normalized: normaliseEmail(email),
    token_hash: hashToken(token),
    invited_by: actor.userId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + INVITATION_TTL_DAYS * 86400_000).toISOString(),
    accepted_at: null,
    revoked_at: null,
  };
  const notified = await ctx.db.transaction().execute(async (tx) => {
    let previous = tx
      .updateTable("invitations")
      .set({ revoked_at: invitation.created_at })
      .where("organisation_id", "=", organisation.id)
      .where("email_normalized", "=", invitation.email_normalized)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null);
    previous = group ? previous.where("group_id", "=", group.id) : previous.where("group_id", "is", null);
    await previous.execute();
    await tx.insertInto("invitations").values(invitation).execute();
    await recordAudit(tx, {
      ip, action: "invitation.created", actorId: actor.userId, organisationId: organisation.id, subjectType: "invitation", subjectId: invitation.id,
      data: { purpose, groupId: group?.id ?? null }, at: now,
    });
    // An existing account also finds the invitation in its feed (the e-mail is the invitation itself).
    const invitee = await findUserByEmail(tx, invitation.email);
    return notify(tx, {
      kind: "invitation_received",
      organisationId: organisation.id,
      groupId: group?.id ?? null,
      recipients: invitee ? [invitee.id] : [],
      actorId: actor.userId,
      title: group?.name ?? organisation.name,
      at: invitation.created_at,
    });
  });
  announce(ctx, notified);
  const inviter = await findUserById(ctx.db, actor.userId);
  const url = `${ctx.config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
  await ctx.mailer.send(
    invitationEmail({
      to: invitation.email,
      lang: inviter?.language ?? "en",
      inviterName: inviter?.name ?? "Openloop",
      organisationName: organisation.name,
      groupName: group?.name ?? null,
      purpose,
      url,
      days: INVITATION_TTL_DAYS,
    }),
  );
  return invitation;
}

/** Pending (not accepted, revoked or expired) invitations of a group, or of the organisation when groupId is null. */
export function listPendingInvitations(db: DbOrTx, organisationId: string, groupId: string | null, now: Date): Promise<InvitationRow[]> {
  let q = db
    .selectFrom("invitations")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now.toISOString());
  q = groupId ? q.where("group_id", "=", groupId) : q.where("group_id", "is", null);
  return q.orderBy("created_at", "desc").execute();
}

export async function revokeInvitation(
  { ctx, ip, actor, organisationId, groupId, invitationId }: CommandBase & { actor: Actor; organisationId: string; groupId: string | null; invitationId: string },
): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    const pending = await listPendingInvitations(tx, organisationId, groupId, now);
    if (!pending.some((i) => i.id === invitationId)) throw notFound();
    await tx.updateTable("invitations").set({ revoked_at: now.toISOString() }).where("id", "=", invitationId).execute();
    await recordAudit(tx, { ip, action: "invitation.revoked", actorId: actor.userId, organisationId, subjectType: "invitation", subjectId: invitationId, at: now });
  });
}

export const invalidInvitation = () =>
  badRequest("invalid_token", "This invitation is not valid any more: it was used, withdrawn or has expired. Ask for a new one.");

/** Marks a live invitation accepted (conditional update: one use only) and returns it. */
export async function takeInvitation(tx: DbOrTx, token: string, now: Date): Promise<InvitationRow> {
  const row = await tx.selectFrom("invitations").selectAll().where("token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!row || row.accepted_at || row.revoked_at || Date.parse(row.expires_at) <= now.getTime()) throw invalidInvitation();
  const res = await tx
    .updateTable("invitations")
    .set({ accepted_at: now.toISOString() })
    .where("id", "=", row.id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw invalidInvitation();
  return { ...row, accepted_at: now.toISOString() };
}
