import type { AppContext, CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { revokeSessionsNotMeeting } from "../../../auth/sessions.js";
import type { DbOrTx } from "../../../db/index.js";
import type { OrganisationRow } from "../../../db/types.js";
import { badRequest, conflict, notFound } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import { findUserByEmail } from "../../accounts/queries.js";
import { inviteByEmail } from "../../joining/invitations.js";
import { announce, notify } from "../../notifications/notify.js";
import { countAdmins, findMember } from "../queries.js";
import { actorSignIn, isOpenRule, meetsSignInRule, providerNameOf, signInNotAllowed } from "../sign-in-rules.js";
import { closeStreamsOfSignedOut } from "./signInRule.js";

type Role = "is_admin" | "is_group_creator";

/**
 * Who brings a person into an organisation, for its sign-in rule (issue 8): an actor (with the
 * provider's name for the refusal's message), or null for the system (the demo's seed).
 */
export interface GrantedBy {
  actor: Actor;
  providerName: string;
}

/** The actor as GrantedBy, from the command's context. */
export const grantedBy = (ctx: Pick<AppContext, "oidc" | "config">, actor: Actor): GrantedBy => ({ actor, providerName: providerNameOf(ctx) });

/**
 * Gives a user a role in the organisation, creating their membership if needed. Used by the
 * commands below, by joining (an organisation code or invitation makes a group creator) and by
 * group membership (leaders and senders are members of the organisation).
 *
 * The organisation's sign-in rule holds for every live session of a member, so a new member is
 * checked here, once for every way in: a person joining themselves must be signed in in a way the
 * rule accepts (403 sign_in_method_not_allowed, nothing written); the new member's other sessions
 * that break the rule end (returned, so the caller closes their live streams after the commit).
 */
export async function grantOrgRole(
  tx: DbOrTx,
  input: { organisationId: string; userId: string; role: Role | null; now: string; by: GrantedBy | null },
): Promise<{ signedOut: string[] }> {
  const flags = { is_admin: input.role === "is_admin", is_group_creator: input.role === "is_group_creator" };
  const isNew = (await findMember(tx, input.organisationId, input.userId)) === undefined;
  let signedOut: string[] = [];
  if (isNew) {
    const org = await tx
      .selectFrom("organisations")
      .select(["id", "name", "is_password_sign_in_enabled", "is_oidc_sign_in_enabled", "required_oidc_domain"])
      .where("id", "=", input.organisationId)
      .executeTakeFirstOrThrow();
    if (!isOpenRule(org)) {
      const { by } = input;
      if (by && by.actor.userId === input.userId && !meetsSignInRule(org, actorSignIn(by.actor))) throw signInNotAllowed(org, by.providerName);
      signedOut = (await revokeSessionsNotMeeting(tx, [input.userId], (facts) => meetsSignInRule(org, facts))).userIds;
    }
  }
  await tx
    .insertInto("organisation_members")
    .values({ organisation_id: input.organisationId, user_id: input.userId, ...flags, created_at: input.now })
    .onConflict((oc) => (input.role ? oc.columns(["organisation_id", "user_id"]).doUpdateSet({ [input.role]: true }) : oc.doNothing()))
    .execute();
  return { signedOut };
}

const noAccount = () => badRequest("validation", "No account uses this e-mail address.", { email: "no_account" });

/** Makes an existing account an administrator of the organisation. */
export async function addAdmin({ ctx, ip, actor, org, email }: CommandBase & { actor: Actor; org: OrganisationRow; email: string }) {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) throw noAccount();
  const now = ctx.clock().toISOString();
  const { signedOut } = await ctx.db.transaction().execute(async (tx) => {
    const granted = await grantOrgRole(tx, { organisationId: org.id, userId: user.id, role: "is_admin", now, by: grantedBy(ctx, actor) });
    await recordAudit(tx, { ip, action: "organisation.admin_added", actorId: actor.userId, organisationId: org.id, subjectType: "user", subjectId: user.id, at: new Date(now) });
    return granted;
  });
  closeStreamsOfSignedOut(ctx, signedOut);
}

/** Removes an administrator; the last one can never be removed. */
export async function removeAdmin({ ctx, ip, actor, org, userId }: CommandBase & { actor: Actor; org: OrganisationRow; userId: string }) {
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    // Touching the organisation's row first serialises concurrent removals on PostgreSQL, so two
    // administrators removing each other cannot leave the organisation without one.
    await tx.updateTable("organisations").set({ updated_at: now }).where("id", "=", org.id).execute();
    const member = await findMember(tx, org.id, userId);
    if (!member?.is_admin) throw notFound();
    if ((await countAdmins(tx, org.id)) <= 1) throw conflict("last_admin", "An organisation always keeps at least one administrator.");
    await tx.updateTable("organisation_members").set({ is_admin: false }).where("organisation_id", "=", org.id).where("user_id", "=", userId).execute();
    await recordAudit(tx, { ip, action: "organisation.admin_removed", actorId: actor.userId, organisationId: org.id, subjectType: "user", subjectId: userId, at: new Date(now) });
  });
}

/** An existing account becomes group creator at once; an unknown address gets an invitation e-mail. */
export async function addGroupCreator(
  { ctx, ip, actor, org, email }: CommandBase & { actor: Actor; org: OrganisationRow; email: string },
): Promise<"granted" | "invited"> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) {
    await inviteByEmail({ ctx, ip, actor, organisation: org, group: null, purpose: "group_creator", email });
    return "invited";
  }
  const now = ctx.clock().toISOString();
  const { notified, signedOut } = await ctx.db.transaction().execute(async (tx) => {
    const before = await findMember(tx, org.id, user.id);
    const granted = await grantOrgRole(tx, { organisationId: org.id, userId: user.id, role: "is_group_creator", now, by: grantedBy(ctx, actor) });
    await recordAudit(tx, { ip, action: "organisation.group_creator_added", actorId: actor.userId, organisationId: org.id, subjectType: "user", subjectId: user.id, at: new Date(now) });
    // Told once, when the right is new (granting it again changes nothing).
    const recipients = before?.is_group_creator ? [] : [user.id];
    const notified = await notify(tx, { kind: "group_creator_granted", organisationId: org.id, groupId: null, recipients, actorId: actor.userId, at: now });
    return { notified, signedOut: granted.signedOut };
  });
  closeStreamsOfSignedOut(ctx, signedOut);
  announce(ctx, notified);
  return "granted";
}

export async function removeGroupCreator({ ctx, ip, actor, org, userId }: CommandBase & { actor: Actor; org: OrganisationRow; userId: string }) {
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const member = await findMember(tx, org.id, userId);
    if (!member?.is_group_creator) throw notFound();
    await tx.updateTable("organisation_members").set({ is_group_creator: false }).where("organisation_id", "=", org.id).where("user_id", "=", userId).execute();
    await recordAudit(tx, { ip, action: "organisation.group_creator_removed", actorId: actor.userId, organisationId: org.id, subjectType: "user", subjectId: userId, at: new Date(now) });
  });
}
