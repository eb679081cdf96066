/**
 * The e-mail about a significant privacy policy version goes to every user who had an account when
 * it was published (those who sign up later accept it then), in batches of MAIL_BATCH by user id.
 * The progress lives in `privacy_policy_mailings`: a batch is claimed by moving the cursor with a
 * conditional update before its e-mails go, so two runners never send the same batch (at most
 * once). Publishing enqueues POLICY_MAIL_JOB; the scheduled sweep finishes what a restart cut off.
 */
import type { AppContext } from "../../app.js";
import { describeMailFailure } from "../../mail/mailer.js";
import { listAccountsForMail } from "../accounts/queries.js";
import { policyChangedEmail } from "./emails.js";

export const POLICY_MAIL_JOB = "privacyPolicy.mail";
export const POLICY_MAIL_SWEEP_JOB = "privacyPolicy.mailSweep";
/** Users per claimed batch: small enough that a crash loses few e-mails, large enough for few queries. */
export const MAIL_BATCH = 100;
const SWEEP_EVERY_MS = 60_000;

export function registerPrivacyPolicyJobs(ctx: AppContext): void {
  ctx.jobs.handle(POLICY_MAIL_JOB, () => sendPolicyMail(ctx));
  ctx.jobs.every(POLICY_MAIL_SWEEP_JOB, SWEEP_EVERY_MS, () => sendPolicyMail(ctx));
}

/** Sends every unsent batch of every unfinished mailing (`batchSize` is for tests). */
export async function sendPolicyMail(ctx: AppContext, batchSize = MAIL_BATCH): Promise<void> {
  for (;;) {
    const mailing = await ctx.db
      .selectFrom("privacy_policy_mailings as m")
      .innerJoin("privacy_policy_versions as v", "v.id", "m.version_id")
      .select(["m.version_id", "m.cursor", "v.published_at", "v.summary_en", "v.summary_sv"])
      .where("m.done_at", "is", null)
      .orderBy("v.published_at")
      .limit(1)
      .executeTakeFirst();
    if (!mailing) return;
    const batch = await listAccountsForMail(ctx.db, { afterId: mailing.cursor, createdAtOrBefore: mailing.published_at, limit: batchSize });
    const done = batch.length < batchSize;
    const claim = await ctx.db
      .updateTable("privacy_policy_mailings")
      // A finished mailing keeps no user's id (erasure must find none anywhere).
      .set({ cursor: done ? null : (batch.at(-1)?.id ?? mailing.cursor), done_at: done ? ctx.clock().toISOString() : null })
      .where("version_id", "=", mailing.version_id)
      .where("done_at", "is", null)
      .where("cursor", mailing.cursor === null ? "is" : "=", mailing.cursor)
      .executeTakeFirst();
    // Another runner took this batch (or a newer version ended the mailing): look again.
    if (Number(claim.numUpdatedRows) !== 1) continue;
    const version = { id: mailing.version_id, publishedAt: mailing.published_at, summary: { en: mailing.summary_en, sv: mailing.summary_sv } };
    let failed = 0;
    for (const user of batch) {
      try {
        await ctx.mailer.send(policyChangedEmail(user, version, ctx.config.publicUrl));
      } catch (err) {
        failed++;
        ctx.log.error({ failure: describeMailFailure(err), version: version.id }, "privacy policy e-mail could not be sent");
      }
    }
    if (failed > 0) ctx.log.warn({ version: version.id, failed, of: batch.length }, "privacy policy e-mails not sent (they will see the notice in the app)");
  }
}
