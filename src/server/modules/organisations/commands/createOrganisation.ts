import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { OrganisationRow, OrganisationType } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";
import { createJoinCode } from "../../joining/codes.js";
import { rescheduleCheckins } from "../../checkins/commands.js";
import { applySignInRule, closeStreamsOfSignedOut, nextSignInRule, sameSignInRule } from "./signInRule.js";
import { DEFAULT_TIME_ZONE, type SignInRuleChange } from "../../../../shared/schemas/organisations.js";
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
 * of new groups, how exports name comment authors, what erasure does to comments, and the sign-in
 * rule. The audit row names the changed fields and, for the privacy settings, their new values;
 * a sign-in rule change has its own row (commands/signInRule.ts). One transaction for all.
 */
export async function updateOrganisation(
  { ctx, ip, actor, org, name, type, timeZone, minSenders, retentionDefaults, exportCommentAuthors, erasedUserComments, signIn }: CommandBase & {
    actor: Actor;
    org: OrganisationRow;
    name?: string | undefined;
    type?: OrganisationType | undefined;
    timeZone?: string | undefined;
    minSenders?: number | undefined;
    retentionDefaults?: { period?: string | undefined; purpose?: string | undefined } | undefined;
    exportCommentAuthors?: OrganisationRow["export_comment_authors"] | undefined;
    erasedUserComments?: OrganisationRow["erased_user_comments"] | undefined;
    signIn?: SignInRuleChange | undefined;
  },
): Promise<{ org: OrganisationRow; sessionsEnded?: number }> {
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
  // Checked before anything is written: a refused rule leaves the other fields unchanged too.
  const rule = signIn ? nextSignInRule(ctx, actor, org, signIn) : undefined;
  const ruleChanged = rule !== undefined && !sameSignInRule(rule, org);
  const noChange = { org, ...(signIn ? { sessionsEnded: 0 } : {}) };
  if (Object.keys(changes).length === 0 && !ruleChanged) return noChange;
  const { updated, outcome } = await ctx.db.transaction().execute(async (tx) => {
    let updated: OrganisationRow = org;
    if (Object.keys(changes).length > 0) {
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
      updated = { ...updated, ...changes, updated_at: now };
    }
    if (rule && ruleChanged) {
      const outcome = await applySignInRule(tx, { ip, actor, org, rule, now });
      return { updated: { ...updated, ...rule, updated_at: now }, outcome };
    }
    return { updated, outcome: undefined };
  });
  if (outcome) closeStreamsOfSignedOut(ctx, outcome.signedOut);
  return { org: updated, ...(signIn ? { sessionsEnded: outcome?.sessionsEnded ?? 0 } : {}) };
}
