/** The tables of the privacy-policy module (issue 7), created by migration 0006_privacy_policy. */
import type { Selectable } from "kysely";

/** Timestamps are ISO 8601 UTC strings (see ../types.ts). */
type Timestamp = string;

/** One published version of the instance's privacy policy. Never updated or deleted (triggers refuse it). */
export interface PrivacyPolicyVersionsTable {
  id: string;
  significance: "minor" | "significant";
  summary_en: string;
  summary_sv: string;
  /** Markdown; rendered and sanitised when read. */
  body_en: string;
  body_sv: string;
  published_at: Timestamp;
}

/** A user's acceptance of a version: at sign-up, or by acknowledging a significant change. */
export interface PrivacyPolicyAcceptancesTable {
  user_id: string;
  version_id: string;
  accepted_at: Timestamp;
  how: "sign_up" | "acknowledged";
}

/** A user closed a minor version's banner (kept per user, so it stays closed on every device). */
export interface PrivacyPolicyDismissalsTable {
  user_id: string;
  version_id: string;
  dismissed_at: Timestamp;
}

/** The e-mail about a significant version, sent to every user in batches (keyset on user id). */
export interface PrivacyPolicyMailingsTable {
  version_id: string;
  /** The id of the last user a batch was claimed up to; null before the first batch. */
  cursor: string | null;
  done_at: Timestamp | null;
}

export interface PrivacyPolicyTables {
  privacy_policy_versions: PrivacyPolicyVersionsTable;
  privacy_policy_acceptances: PrivacyPolicyAcceptancesTable;
  privacy_policy_dismissals: PrivacyPolicyDismissalsTable;
  privacy_policy_mailings: PrivacyPolicyMailingsTable;
}

export type PolicyVersionRow = Selectable<PrivacyPolicyVersionsTable>;
