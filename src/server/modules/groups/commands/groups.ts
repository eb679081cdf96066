import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { GroupRow, GroupType } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";
import { defaultRoleTitles, type RoleTitles } from "../../../../shared/schemas/groups.js";
import { createJoinCode } from "../../joining/codes.js";
import { copyPackageIntoGroup } from "../../tasks/commands/packages.js";
import type { PackageContent } from "../../../../shared/schemas/tasks.js";
import { findRetentionDefaults } from "../../organisations/queries.js";
import { DEFAULT_RETENTION_PERIOD, isShorterPeriod } from "../../../../shared/schemas/retention.js";
import { addGroupMember } from "./members.js";
import { grantedBy } from "../../organisations/commands/roles.js";

const titleColumns = (t: RoleTitles) => ({
  leader_title_en: t.leader.en,
  leader_title_sv: t.leader.sv,
  sender_title_en: t.sender.en,
  sender_title_sv: t.sender.sv,
});

export interface CreateGroupInput extends CommandBase {
  actor: Actor;
  organisationId: string;
  name: string;
  description: string;
  type: GroupType;
  hasStudentMembers: boolean;
  roleTitles?: RoleTitles | undefined;
  anonymousLoopsAllowed?: boolean | undefined;
  /** A content package to start from, resolved by the caller (tasks module's resolvePackageContent). */
  fromPackage?: { id: string; content: PackageContent } | undefined;
}

/**
 * Creates a group; the creator is its owner and a leader. A sender code is made at once. The
 * group starts with its organisation's retention period and purpose.
 */
export async function createGroup(input: CreateGroupInput): Promise<GroupRow> {
  const { ctx, ip, actor } = input;
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const retention = await findRetentionDefaults(tx, input.organisationId);
    const group: GroupRow = {
      id: randomUUID(),
      organisation_id: input.organisationId,
      name: input.name,
      description: input.description,
      type: input.type,
      has_student_members: input.hasStudentMembers,
      ...titleColumns(input.roleTitles ?? input.fromPackage?.content.roleTitles ?? defaultRoleTitles(input.hasStudentMembers)),
      owner_id: actor.userId,
      is_active: true,
      anonymous_loops_enabled: input.anonymousLoopsAllowed ?? true,
      retention_period: retention?.period ?? DEFAULT_RETENTION_PERIOD,
      retention_purpose: retention?.purpose ?? "",
      retention_changed_at: null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto("groups").values(group).execute();
    await addGroupMember(tx, { group, userId: actor.userId, role: "leader", now, by: grantedBy(ctx, actor) });
    await createJoinCode(tx, { organisationId: group.organisation_id, groupId: group.id, purpose: "sender", now });
    if (input.fromPackage) {
      await copyPackageIntoGroup(tx, { group, packageId: input.fromPackage.id, content: input.fromPackage.content, actorId: actor.userId, ip, now });
    }
    await recordAudit(tx, { ip, action: "group.created", actorId: actor.userId, organisationId: group.organisation_id, subjectType: "group", subjectId: group.id, at: new Date(now) });
    return group;
  });
}

export interface UpdateGroupInput extends CommandBase {
  actor: Actor;
  group: GroupRow;
  name?: string | undefined;
  description?: string | undefined;
  type?: GroupType | undefined;
  hasStudentMembers?: boolean | undefined;
  roleTitles?: RoleTitles | undefined;
  anonymousLoopsAllowed?: boolean | undefined;
  retention?: { period?: string | undefined; purpose?: string | undefined } | undefined;
}

/**
 * Changes the group's settings. A retention change is audited on its own (group.retention_changed,
 * with the periods); a shorter period restarts the 14 days' notice before anything is removed.
 */
export async function updateGroup({ ctx, ip, actor, group, roleTitles, retention, ...fields }: UpdateGroupInput): Promise<GroupRow> {
  const now = ctx.clock().toISOString();
  const period = retention?.period !== undefined && retention.period !== group.retention_period ? retention.period : undefined;
  const purpose = retention?.purpose !== undefined && retention.purpose !== group.retention_purpose ? retention.purpose : undefined;
  const changes = {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(fields.type !== undefined ? { type: fields.type } : {}),
    ...(fields.hasStudentMembers !== undefined ? { has_student_members: fields.hasStudentMembers } : {}),
    ...(roleTitles ? titleColumns(roleTitles) : {}),
    ...(fields.anonymousLoopsAllowed !== undefined ? { anonymous_loops_enabled: fields.anonymousLoopsAllowed } : {}),
  };
  const retentionChanges = {
    ...(period !== undefined ? { retention_period: period } : {}),
    ...(purpose !== undefined ? { retention_purpose: purpose } : {}),
    ...(period !== undefined && isShorterPeriod(period, group.retention_period, new Date(now)) ? { retention_changed_at: now } : {}),
  };
  if (Object.keys(changes).length === 0 && Object.keys(retentionChanges).length === 0) return group;
  return ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("groups")
      .set({ ...changes, ...retentionChanges, updated_at: now })
      .where("id", "=", group.id)
      .where("organisation_id", "=", group.organisation_id)
      .execute();
    const audit = { ip, actorId: actor.userId, organisationId: group.organisation_id, subjectType: "group", subjectId: group.id, at: new Date(now) };
    if (Object.keys(changes).length > 0) await recordAudit(tx, { ...audit, action: "group.updated", data: { fields: Object.keys(changes).join(",") } });
    if (period !== undefined || purpose !== undefined) {
      await recordAudit(tx, {
        ...audit,
        action: "group.retention_changed",
        data: { period: period ?? group.retention_period, previous_period: group.retention_period, purpose_changed: purpose !== undefined },
      });
    }
    return { ...group, ...changes, ...retentionChanges, updated_at: now };
  });
}

/** Inactivates or reactivates a group: inactive, it is hidden from members and read-only. */
export async function setGroupActive({ ctx, ip, actor, group, active }: CommandBase & { actor: Actor; group: GroupRow; active: boolean }): Promise<GroupRow> {
  if (group.is_active === active) return group;
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("groups").set({ is_active: active, updated_at: now }).where("id", "=", group.id).where("organisation_id", "=", group.organisation_id).execute();
    await recordAudit(tx, {
      ip, action: active ? "group.reactivated" : "group.inactivated", actorId: actor.userId, organisationId: group.organisation_id,
      subjectType: "group", subjectId: group.id, at: new Date(now),
    });
    return { ...group, is_active: active, updated_at: now };
  });
}
