/** The tables of sign-in with a provider (issue 8), created by migration 0013_sign_in_providers. */
import type { Timestamp } from "../types.js";

/** An account's link to a provider's subject: the provider's `iss` and `sub`, never its tokens. */
export interface UserIdentitiesTable {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  /** The e-mail address the provider gave at linking (shown to the person; never used to sign in). */
  email: string | null;
  hosted_domain: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

/** A sign-in at the provider in progress, keyed by the SHA-256 of the browser's flow cookie. */
export interface OidcFlowsTable {
  token_hash: string;
  intent: "sign_in" | "link" | "reauth";
  stage: "started" | "sign_up" | "confirm_link";
  /** The signed-in person who links or re-authenticates; null for a sign-in. */
  user_id: string | null;
  session_id: string | null;
  state: string;
  nonce: string;
  code_verifier: string;
  /** A path of the web app to return to (validated: same origin, starts with one slash). */
  return_to: string;
  language: "en" | "sv";
  claims: string | null;
  created_at: Timestamp;
}

export interface IdentitiesTables {
  user_identities: UserIdentitiesTable;
  oidc_flows: OidcFlowsTable;
}
