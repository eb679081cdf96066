import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { OrganisationRow, OrganisationType } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";
import { createJoinCode } from "../../joining/codes.js";
import { rescheduleCheckins } from "../../checkins/commands.js";
import { DEFAULT_TIME_ZONE } from "../../../../shared/schemas/organisations.js";
import { DEFAULT_MIN_SENDERS } from "../../../../shared/schemas/statistics.js";
import { DEFAULT_RETENTION_PERIOD } from "../../../../shared/schemas/retention.js";

/** Creates an organisation; its creator becomes administrator and group creator. */
export async function createOrganisation(
  { ctx, ip, actor, name, type, timeZone = DEFAULT_TIME_ZONE }: CommandBase & { actor: Actor; name: string; type: OrganisationType; timeZone?: string },
) {
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const org: OrganisationRow = {
      id: randomUUID(),
      name,
      type,
      time_zone: timeZone,
      statistics_min_senders: DEFAULT_MIN_SENDERS,
      default_retention_period: DEFAULT_RETENTION_PERIOD,
      default_retention_purpose: "",
      export_comment_authors: "role",
      erased_user_comments: "keep",
      is_password_sign_in_enabled: true,
      is_oidc_sign_in_enabled: true,
      required_oidc_domain: null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto("organisations").values(org).execute();
    const member = { organisation_id: org.id, user_id: actor.userId, is_admin: true, is_group_creator: true, created_at: now };
    await tx.insertInto("organisation_members").values(member).execute();
    await createJoinCode(tx, { organisationId: org.id, groupId: null, purpose: "group_creator", now });
    await recordAudit(tx, { ip, action: "organisation.created", actorId: actor.userId, organisationId: org.id, subjectType: "organisation", subjectId: org.id, at: new Date(now) });
    return { org, member };
  });
}

/**
 * Changes an organisation's settings: name, type, time zone, statistics' k, the retention defaults
 * of new groups, how exports name comment authors and what erasure does to comments. The audit row
 * names the changed fields and, for the privacy settings, their new values.
 */
export async function updateOrganisation(
  { ctx, ip, actor, org, name, type, timeZone, minSenders, retentionDefaults, exportCommentAuthors, erasedUserComments }: CommandBase & {
    actor: Actor;
    org: OrganisationRow;
    name?: string | undefined;
    type?: OrganisationType | undefined;
    timeZone?: string | undefined;
    minSenders?: number | undefined;
    retentionDefaults?: { period?: string | undefined; purpose?: string | undefined } | undefined;
    exportCommentAuthors?: OrganisationRow["export_comment_authors"] | undefined;
    erasedUserComments?: OrganisationRow["erased_user_comments"] | undefined;
  },
): Promise<OrganisationRow> {
  const now = ctx.clock().toISOString();
  const changes = {
    ...(name !== undefined ? { name } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(timeZone !== undefined ? { time_zone: timeZone } : {}),
    ...(minSenders !== undefined ? { statistics_min_senders: minSenders } : {}),
    ...(retentionDefaults?.period !== undefined ? { default_retention_period: retentionDefaults.period } : {}),
    ...(retentionDefaults?.purpose !== undefined ? { default_retention_purpose: retentionDefaults.purpose } : {}),
    ...(exportCommentAuthors !== undefined ? { export_comment_authors: exportCommentAuthors } : {}),
    ...(erasedUserComments !== undefined ? { erased_user_comments: erasedUserComments } : {}),
  };
  if (Object.keys(changes).length === 0) return org;
  return ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("organisations").set({ ...changes, updated_at: now }).where("id", "=", org.id).execute();
    // Check-ins run in the organisation's time zone: their next occurrence moves with it.
    if (timeZone !== undefined && timeZone !== org.time_zone) await rescheduleCheckins(tx, org.id, timeZone, new Date(now));
    await recordAudit(tx, {
      ip, action: "organisation.updated", actorId: actor.userId, organisationId: org.id, subjectType: "organisation", subjectId: org.id,
      data: {
        fields: Object.keys(changes).join(","),
        ...(changes.default_retention_period !== undefined ? { default_retention_period: changes.default_retention_period } : {}),
        ...(changes.export_comment_authors !== undefined ? { export_comment_authors: changes.export_comment_authors } : {}),
        ...(changes.erased_user_comments !== undefined ? { erased_user_comments: changes.erased_user_comments } : {}),
      },
      at: new Date(now),
    });
    return { ...org, ...changes, updated_at: now };
  });
}
