/** Joining by code or by invitation: one place decides what a code or an invitation opens. */
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DbOrTx } from "../../db/index.js";
import type { InvitationPurpose } from "../../db/types.js";
import { badRequest, HttpError } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { grantedBy, grantOrgRole, type GrantedBy } from "../organisations/commands/roles.js";
import { addGroupMember } from "../groups/commands/members.js";
import { findGroup } from "../groups/queries.js";
import { findJoinCodeByCode } from "./codes.js";
import { takeInvitation } from "./invitations.js";

export interface JoinOutcome {
  kind: "group" | "organisation";
  organisationId: string;
  groupId: string | null;
  role: InvitationPurpose;
}

/** The same answer for a wrong, expired, switched-off or inactive-group code: nothing to probe. */
const invalidCode = () =>
  badRequest("invalid_code", "This code does not work. Check it, or ask your teacher or leader for a new one.", { code: "invalid" });

/**
 * Enters what a code or invitation opens, as the signed-in person themselves: the organisation's
 * sign-in rule is checked against their current session (grantOrgRole: 403 sign_in_method_not_allowed).
 */
async function enter(
  tx: DbOrTx,
  input: { organisationId: string; groupId: string | null; purpose: InvitationPurpose; by: GrantedBy; now: string },
): Promise<{ outcome: JoinOutcome; changed: boolean }> {
  const userId = input.by.actor.userId;
  if (input.purpose === "group_creator") {
    await grantOrgRole(tx, { organisationId: input.organisationId, userId, role: "is_group_creator", now: input.now, by: input.by });
    return { outcome: { kind: "organisation", organisationId: input.organisationId, groupId: null, role: "group_creator" }, changed: true };
  }
  const group = input.groupId ? await findGroup(tx, input.groupId) : undefined;
  if (!group || !group.is_active) throw invalidCode();
  const { member, added } = await addGroupMember(tx, { group, userId, role: input.purpose, now: input.now, by: input.by });
  return { outcome: { kind: "group", organisationId: group.organisation_id, groupId: group.id, role: member.role }, changed: added };
}

/** Joins what a code opens. Rate-limited per person and per address (no code guessing). */
export async function joinByCode({ ctx, ip, actor, code }: CommandBase & { actor: Actor; code: string }): Promise<JoinOutcome> {
  await ctx.limiters.joinCodePerUser.consume(actor.userId);
  await ctx.limiters.joinCodePerIp.consume(ip ?? "unknown");
  const now = ctx.clock();
  const refused = () =>
    recordAudit(ctx.db, { ip, action: "join.code_refused", actorId: actor.userId, subjectType: "join_code", subjectId: null, outcome: "denied", at: now });
  const row = await findJoinCodeByCode(ctx.db, code);
  if (!row || !row.is_enabled || (row.expires_at && Date.parse(row.expires_at) <= now.getTime())) {
    await refused();
    throw invalidCode();
  }
  const joined = await ctx.db.transaction().execute(async (tx) => {
    const { outcome, changed } = await enter(tx, { organisationId: row.organisation_id, groupId: row.group_id, purpose: row.purpose, by: grantedBy(ctx, actor), now: now.toISOString() });
    if (changed) {
      await recordAudit(tx, {
        ip, action: "join.by_code", actorId: actor.userId, organisationId: row.organisation_id, subjectType: outcome.kind, subjectId: outcome.groupId ?? outcome.organisationId,
        data: { role: outcome.role }, at: now,
      });
    }
    return outcome;
  }).catch(async (err: unknown) => {
    // The transaction rolled back; the refusal (e.g. an inactive group's code) is still recorded.
    if (err instanceof HttpError && err.code === "invalid_code") await refused();
    // The code was right: signing in another way and trying again is not guessing.
    if (err instanceof HttpError && err.code === "sign_in_method_not_allowed") await ctx.limiters.joinCodePerUser.refund(actor.userId);
    throw err;
  });
  // A code that worked does not count against the person's tries.
  await ctx.limiters.joinCodePerUser.refund(actor.userId);
  return joined;
}

/** Accepts an e-mail invitation with the signed-in account. */
export async function acceptInvitation({ ctx, ip, actor, token }: CommandBase & { actor: Actor; token: string }): Promise<JoinOutcome> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (tx) => {
    const inv = await takeInvitation(tx, token, now);
    const { outcome } = await enter(tx, { organisationId: inv.organisation_id, groupId: inv.group_id, purpose: inv.purpose, by: grantedBy(ctx, actor), now: now.toISOString() });
    await recordAudit(tx, {
      ip, action: "invitation.accepted", actorId: actor.userId, organisationId: inv.organisation_id, subjectType: "invitation", subjectId: inv.id,
      data: { role: outcome.role }, at: now,
    });
    return outcome;
  });
}
