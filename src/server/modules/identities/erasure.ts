/**
 * The identities module's part of erasing a person (issue 7's erasure, issue 8's links). The
 * links and the person's own flows go with the account row (ON DELETE CASCADE). What remains is
 * a sign-in at the provider waiting for an answer that carries the person's address in its claims
 * (someone asked to link a provider to this account): it is deleted here.
 */
import type { DbOrTx } from "../../db/index.js";
import { normaliseEmail } from "../accounts/queries.js";

export async function forgetPendingSignInsFor(tx: DbOrTx, emailNormalized: string): Promise<void> {
  const pending = await tx.selectFrom("oidc_flows").select(["token_hash", "claims"]).where("claims", "is not", null).execute();
  const theirs = pending.filter((f) => {
    const email = (JSON.parse(f.claims!) as { email?: string | null }).email;
    return email ? normaliseEmail(email) === emailNormalized : false;
  });
  if (theirs.length > 0) await tx.deleteFrom("oidc_flows").where("token_hash", "in", theirs.map((f) => f.token_hash)).execute();
}

/** Sign-ins abandoned at the provider or on the continue page (run with the session sweep). */
export { purgeStaleFlows } from "./commands.js";
