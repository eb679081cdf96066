import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { DbOrTx } from "../../../db/index.js";
import type { GroupMemberRow, GroupRole, GroupRow } from "../../../db/types.js";
import { badRequest, conflict, notFound } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import { grantedBy, grantOrgRole, type GrantedBy } from "../../organisations/commands/roles.js";
import { closeStreamsOfSignedOut } from "../../organisations/commands/signInRule.js";
import { findGroupMember } from "../queries.js";

/**
 * Adds a user to a group; joining twice changes nothing (the existing role is kept). Leaders and
 * senders become members of the organisation too; tutors, external by definition, do not.
 * Runs inside the caller's transaction; the caller writes the audit event. `by` is who brings the
 * person in (the organisation's sign-in rule: see grantOrgRole); `signedOut` lists whose sessions
 * ended because of it, for the caller to close their live streams after the commit.
 */
export async function addGroupMember(
  tx: DbOrTx,
  input: { group: Pick<GroupRow, "id" | "organisation_id">; userId: string; role: GroupRole; now: string; by: GrantedBy | null },
): Promise<{ member: GroupMemberRow; added: boolean; signedOut: string[] }> {
  const existing = await findGroupMember(tx, input.group.id, input.userId);
  if (existing) return { member: existing, added: false, signedOut: [] };
  const member: GroupMemberRow = { organisation_id: input.group.organisation_id, group_id: input.group.id, user_id: input.userId, role: input.role, created_at: input.now };
  await tx.insertInto("group_members").values(member).execute();
  const granted = input.role !== "tutor" ? await grantOrgRole(tx, { organisationId: input.group.organisation_id, userId: input.userId, role: null, now: input.now, by: input.by }) : undefined;
  return { member, added: true, signedOut: granted?.signedOut ?? [] };
}

const ownerMustTransfer = () => conflict("owner_must_transfer", "The owner hands the group over to another leader first.");

/** Changes a member's role; the owner stays a leader. */
export async function changeMemberRole(
  { ctx, ip, actor, group, userId, role }: CommandBase & { actor: Actor; group: GroupRow; userId: string; role: GroupRole },
): Promise<GroupMemberRow> {
  const now = ctx.clock().toISOString();
  const { changed, signedOut } = await ctx.db.transaction().execute(async (tx) => {
    const member = await findGroupMember(tx, group.id, userId);
    if (!member) throw notFound();
    if (userId === group.owner_id && role !== "leader") throw ownerMustTransfer();
    if (member.role === role) return { changed: member, signedOut: [] };
    await tx.updateTable("group_members").set({ role }).where("group_id", "=", group.id).where("user_id", "=", userId).execute();
    // A tutor who becomes a leader or sender joins the organisation: its sign-in rule applies.
    const granted = role !== "tutor" ? await grantOrgRole(tx, { organisationId: group.organisation_id, userId, role: null, now, by: grantedBy(ctx, actor) }) : undefined;
    await recordAudit(tx, {
      ip, action: "group.member_role_changed", actorId: actor.userId, organisationId: group.organisation_id, subjectType: "user", subjectId: userId,
      data: { groupId: group.id, from: member.role, to: role }, at: new Date(now),
    });
    return { changed: { ...member, role }, signedOut: granted?.signedOut ?? [] };
  });
  closeStreamsOfSignedOut(ctx, signedOut);
  return changed;
}

/** Removes a member (or, when the actor is the member, leaves). The owner must transfer first. */
export async function removeMember({ ctx, ip, actor, group, userId }: CommandBase & { actor: Actor; group: GroupRow; userId: string }): Promise<void> {
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const member = await findGroupMember(tx, group.id, userId);
    if (!member) throw notFound();
    if (userId === group.owner_id) throw ownerMustTransfer();
    await tx.deleteFrom("group_members").where("group_id", "=", group.id).where("user_id", "=", userId).execute();
    await recordAudit(tx, {
      ip, action: userId === actor.userId ? "group.member_left" : "group.member_removed", actorId: actor.userId, organisationId: group.organisation_id,
      subjectType: "user", subjectId: userId, data: { groupId: group.id, role: member.role }, at: new Date(now),
    });
  });
}

/** Hands the group to another leader, who becomes its owner. */
export async function transferOwnership({ ctx, ip, actor, group, userId }: CommandBase & { actor: Actor; group: GroupRow; userId: string }): Promise<GroupRow> {
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const member = await findGroupMember(tx, group.id, userId);
    if (!member || member.role !== "leader") {
      throw badRequest("validation", "The new owner must be a leader of the group.", { userId: "invalid" });
    }
    await tx.updateTable("groups").set({ owner_id: userId, updated_at: now }).where("id", "=", group.id).where("organisation_id", "=", group.organisation_id).execute();
    await recordAudit(tx, {
      ip, action: "group.ownership_transferred", actorId: actor.userId, organisationId: group.organisation_id, subjectType: "group", subjectId: group.id,
      data: { from: group.owner_id, to: userId }, at: new Date(now),
    });
    return { ...group, owner_id: userId, updated_at: now };
  });
}
