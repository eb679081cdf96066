/**
 * Privacy policy versions: one verb per function, each in one transaction with its audit row.
 * A published version never changes (the database refuses it); a new one is published instead.
 */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DbOrTx } from "../../db/index.js";
import type { PolicyVersionRow } from "../../db/tables/privacy-policy.js";
import { badRequest } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import type { PublishPolicyBody } from "../../../shared/schemas/privacy-policy.js";
import { findCurrentVersion } from "./queries.js";
import { POLICY_MAIL_JOB } from "./jobs.js";

/**
 * Publishes a new version; a significant one starts the e-mail to every user (after the commit).
 * The actor is null only for the demo seed's first version.
 */
export async function publishPolicyVersion(input: CommandBase & { actor: Actor | null } & Required<PublishPolicyBody>): Promise<PolicyVersionRow> {
  const { ctx, ip, actor } = input;
  const now = ctx.clock();
  const version: PolicyVersionRow = {
    id: randomUUID(),
    significance: input.significance,
    summary_en: input.summary.en,
    summary_sv: input.summary.sv,
    body_en: input.body.en,
    body_sv: input.body.sv,
    published_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto("privacy_policy_versions").values(version).execute();
    if (version.significance === "significant") {
      // An e-mail still going out about an earlier version stops: this one tells of both.
      await tx.updateTable("privacy_policy_mailings").set({ done_at: version.published_at, cursor: null }).where("done_at", "is", null).execute();
      await tx.insertInto("privacy_policy_mailings").values({ version_id: version.id, cursor: null, done_at: null }).execute();
    }
    await recordAudit(tx, {
      action: "privacy_policy.published",
      actorId: actor?.userId ?? null,
      subjectType: "privacy_policy_version",
      subjectId: version.id,
      ip,
      data: { significance: version.significance },
      at: now,
    });
  });
  if (version.significance === "significant") await ctx.jobs.enqueue(POLICY_MAIL_JOB, {});
  return version;
}

/** A refusal naming the field that carried a version other than the current one. */
function notCurrent(field: string, missing: boolean) {
  return missing
    ? badRequest("validation", "Read and accept the privacy policy to continue.", { [field]: "required" })
    : badRequest("validation", "The privacy policy has changed since this page was opened: read the current version and accept that.", { [field]: "invalid_value" });
}

/** The current version, when `versionId` names it; otherwise a 400 on `field`. */
async function requireCurrent(db: DbOrTx, versionId: string | undefined, field: string): Promise<PolicyVersionRow | undefined> {
  const current = await findCurrentVersion(db);
  if (current && current.id !== versionId) throw notCurrent(field, versionId === undefined);
  return current;
}

/**
 * At sign-up, inside the registration's transaction: once a policy is published, the new account
 * must name the current version it accepted (a missing or older one is a 400 on `field`). Recorded.
 */
export async function recordSignUpAcceptance(tx: DbOrTx, input: { userId: string; versionId: string | undefined; now: Date; field: string }): Promise<void> {
  const current = await requireCurrent(tx, input.versionId, input.field);
  if (!current) return;
  await tx.insertInto("privacy_policy_acceptances").values({ user_id: input.userId, version_id: current.id, accepted_at: input.now.toISOString(), how: "sign_up" }).execute();
}

/** The user acknowledges the current version (after a significant change, or any time). */
export async function acknowledgePolicy(input: CommandBase & { actor: Actor; versionId: string }): Promise<void> {
  const { ctx, ip, actor } = input;
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    const current = await requireCurrent(tx, input.versionId, "versionId");
    if (!current) throw notCurrent("versionId", false);
    const inserted = await tx
      .insertInto("privacy_policy_acceptances")
      .values({ user_id: actor.userId, version_id: current.id, accepted_at: now.toISOString(), how: "acknowledged" })
      .onConflict((oc) => oc.columns(["user_id", "version_id"]).doNothing())
      .executeTakeFirst();
    // Acknowledging again records nothing new.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await recordAudit(tx, { action: "privacy_policy.acknowledged", actorId: actor.userId, subjectType: "privacy_policy_version", subjectId: current.id, ip, at: now });
  });
}

/** The user closes the banner of the current (minor) version; it stays closed on their other devices. */
export async function dismissPolicyBanner(input: CommandBase & { actor: Actor; versionId: string }): Promise<void> {
  const { ctx, actor } = input;
  const current = await requireCurrent(ctx.db, input.versionId, "versionId");
  if (!current) throw notCurrent("versionId", false);
  await ctx.db
    .insertInto("privacy_policy_dismissals")
    .values({ user_id: actor.userId, version_id: current.id, dismissed_at: ctx.clock().toISOString() })
    .onConflict((oc) => oc.columns(["user_id", "version_id"]).doNothing())
    .execute();
}
