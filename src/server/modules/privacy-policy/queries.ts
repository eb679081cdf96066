/** Reads of the privacy-policy module's tables; other modules call these, never the tables. */
import type { DbOrTx } from "../../db/index.js";
import type { PolicyVersionRow } from "../../db/tables/privacy-policy.js";

/** A version without its text: what lists and a user's standing need. */
export type PolicyVersionHead = Omit<PolicyVersionRow, "body_en" | "body_sv">;

/** Every version, oldest first (a version's number is its place in this list). An instance has tens, not thousands. */
export function listVersionHeads(db: DbOrTx): Promise<PolicyVersionHead[]> {
  return db
    .selectFrom("privacy_policy_versions")
    .select(["id", "significance", "summary_en", "summary_sv", "published_at"])
    .orderBy("published_at")
    .orderBy("id")
    .execute();
}

export function findVersion(db: DbOrTx, id: string): Promise<PolicyVersionRow | undefined> {
  return db.selectFrom("privacy_policy_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The version in force: the one published last, or undefined before the first. */
export function findCurrentVersion(db: DbOrTx): Promise<PolicyVersionRow | undefined> {
  return db.selectFrom("privacy_policy_versions").selectAll().orderBy("published_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
}

/** The newest version the user accepted (at sign-up or by acknowledging), if any. */
export function findLatestAcceptance(db: DbOrTx, userId: string) {
  return db
    .selectFrom("privacy_policy_acceptances as a")
    .innerJoin("privacy_policy_versions as v", "v.id", "a.version_id")
    .select(["a.version_id", "a.accepted_at", "a.how", "v.published_at"])
    .where("a.user_id", "=", userId)
    .orderBy("v.published_at", "desc")
    .orderBy("v.id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function hasDismissed(db: DbOrTx, userId: string, versionId: string): Promise<boolean> {
  const row = await db.selectFrom("privacy_policy_dismissals").select("version_id").where("user_id", "=", userId).where("version_id", "=", versionId).executeTakeFirst();
  return row !== undefined;
}

/** One entry of a user's policy consents, as their data export lists them. */
export interface PolicyConsent {
  versionId: string;
  versionPublishedAt: string;
  significance: "minor" | "significant";
  at: string;
  /** sign_up / acknowledged: the user accepted the version; banner_dismissed: they closed a minor change's notice. */
  how: "sign_up" | "acknowledged" | "banner_dismissed";
}

/** Every acceptance (and closed banner) of the user, oldest first: the "consents" of their data export. */
export async function listPolicyAcceptancesOf(db: DbOrTx, userId: string): Promise<PolicyConsent[]> {
  const [accepted, dismissed] = await Promise.all([
    db
      .selectFrom("privacy_policy_acceptances as a")
      .innerJoin("privacy_policy_versions as v", "v.id", "a.version_id")
      .select(["a.version_id", "v.published_at", "v.significance", "a.accepted_at as at", "a.how"])
      .where("a.user_id", "=", userId)
      .execute(),
    db
      .selectFrom("privacy_policy_dismissals as d")
      .innerJoin("privacy_policy_versions as v", "v.id", "d.version_id")
      .select(["d.version_id", "v.published_at", "v.significance", "d.dismissed_at as at"])
      .where("d.user_id", "=", userId)
      .execute(),
  ]);
  const all: PolicyConsent[] = [
    ...accepted.map((r) => ({ versionId: r.version_id, versionPublishedAt: r.published_at, significance: r.significance, at: r.at, how: r.how })),
    ...dismissed.map((r) => ({ versionId: r.version_id, versionPublishedAt: r.published_at, significance: r.significance, at: r.at, how: "banner_dismissed" as const })),
  ];
  return all.sort((a, b) => a.at.localeCompare(b.at) || a.versionId.localeCompare(b.versionId));
}
