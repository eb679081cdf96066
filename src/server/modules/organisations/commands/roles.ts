import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { DbOrTx } from "../../../db/index.js";
import type { OrganisationRow } from "../../../db/types.js";
import { badRequest, conflict, notFound } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import { findUserByEmail } from "../../accounts/queries.js";
import { inviteByEmail } from "../../joining/invitations.js";
import { announce, notify } from "../../notifications/notify.js";
import { countAdmins, findMember } from "../queries.js";

type Role = "is_admin" | "is_group_creator";

/**
 * Gives a user a role in the organisation, creating their membership if needed. Used by the
 * commands below and by joining (an organisation code or invitation makes a group creator).
 */
export async function grantOrgRole(tx: DbOrTx, input: { organisationId: string; userId: string; role: Role | null; now: string }): Promise<void> {
  const flags = { is_admin: input.role === "is_admin", is_group_creator: input.role === "is_group_creator" };
  await tx
    .insertInto("organisation_members")
    .values({ organisation_id: input.organisationId, user_id: input.userId, ...flags, created_at: input.now })
    .onConflict((oc) => (input.role ? oc.columns(["organisation_id", "user_id"]).doUpdateSet({ [input.role]: true }) : oc.doNothing()))
    .execute();
}

const noAccount = () => badRequest("validation", "No account uses this e-mail address.", { email: "no_account" });

/** Makes an existing account an administrator of the organisation. */
export async function addAdmin({ ctx, ip, actor, org, email }: CommandBase & { actor: Actor; org: OrganisationRow; email: string }) {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) throw noAccount();
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await grantOrgRole(tx, { organisationId: org.id, userId: user.id, role: "is_admin", now });
    await recordAudit(tx, { ip, action: "organisation.admin_added", actorId: actor.userId, organisationId: org.id, subjectType: "user", subjectId: user.id, at: new Date(now) });
  });
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
  const notified = await ctx.db.transaction().execute(async (tx) => {
    const before = await findMember(tx, org.id, user.id);
    await grantOrgRole(tx, { organisationId: org.id, userId: user.id, role: "is_group_creator", now });
    await recordAudit(tx, { ip, action: "organisation.group_creator_added", actorId: actor.userId, organisationId: org.id, subjectType: "user", subjectId: user.id, at: new Date(now) });
    // Told once, when the right is new (granting it again changes nothing).
    const recipients = before?.is_group_creator ? [] : [user.id];
    return notify(tx, { kind: "group_creator_granted", organisationId: org.id, groupId: null, recipients, actorId: actor.userId, at: now });
  });
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
