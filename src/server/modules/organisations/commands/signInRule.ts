/**
 * Changing an organisation's sign-in rule (issue 8). The new rule is checked before anything is
 * written (400 naming the field), the administrator's own session must meet it (no locking
 * oneself out), and in the same transaction every member's session that breaks it ends.
 */
import type { AppContext } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import { revokeSessionsNotMeeting } from "../../../auth/sessions.js";
import type { DbOrTx } from "../../../db/index.js";
import type { OrganisationRow } from "../../../db/types.js";
import { badRequest } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import type { SignInRuleChange } from "../../../../shared/schemas/organisations.js";
import { closeEventStreamsOf } from "../../loops/live.js";
import { listMemberRows } from "../queries.js";
import { actorSignIn, meetsSignInRule, providerNameOf, type SignInRule } from "../sign-in-rules.js";

/** What a rule change did once committed. */
export interface SignInRuleOutcome {
  sessionsEnded: number;
  /** Members whose sessions ended: their live streams close after the commit. */
  signedOut: string[];
}

/**
 * The rule after the change, or a 400: at least one way in stays on; the provider alone or a
 * required domain needs a configured provider; the actor's own session must meet the new rule.
 * A required domain only means something while the provider is on, so it is dropped with it.
 */
export function nextSignInRule(
  ctx: Pick<AppContext, "config" | "oidc">,
  actor: Pick<Actor, "signIn">,
  current: SignInRule,
  change: SignInRuleChange,
): SignInRule {
  const password = change.password ?? current.is_password_sign_in_enabled;
  const oidc = change.oidc ?? current.is_oidc_sign_in_enabled;
  const domain = oidc ? (change.requiredDomain !== undefined ? change.requiredDomain : current.required_oidc_domain) : null;
  if (!password && !oidc) {
    const field = change.password === false ? "signIn.password" : "signIn.oidc";
    throw badRequest("validation", "Keep at least one way to sign in.", { [field]: "required" });
  }
  if (!ctx.config.oidc) {
    // Without a provider nobody could meet a rule that asks for it.
    if (!password) throw badRequest("validation", "No sign-in provider is configured on this server: passwords must stay on.", { "signIn.oidc": "not_allowed" });
    if (domain) throw badRequest("validation", "No sign-in provider is configured on this server: a domain cannot be required.", { "signIn.requiredDomain": "not_allowed" });
  }
  const next: SignInRule = { is_password_sign_in_enabled: password, is_oidc_sign_in_enabled: oidc, required_oidc_domain: domain };
  if (!meetsSignInRule(next, actorSignIn(actor))) {
    const how = domain ? `with ${providerNameOf(ctx)}, using an account of ${domain}` : oidc ? `with ${providerNameOf(ctx)}` : "with a password";
    throw badRequest("sign_in_method_not_allowed", `Sign in ${how} first, then change the rule: the way you are signed in now would not meet it.`, { signIn: "not_allowed" });
  }
  return next;
}

export const sameSignInRule = (a: SignInRule, b: SignInRule): boolean =>
  a.is_password_sign_in_enabled === b.is_password_sign_in_enabled &&
  a.is_oidc_sign_in_enabled === b.is_oidc_sign_in_enabled &&
  a.required_oidc_domain === b.required_oidc_domain;

/**
 * Writes the new rule and ends the members' sessions that break it, in the caller's transaction,
 * with its audit event (the rule and a count; no person named).
 */
export async function applySignInRule(
  tx: DbOrTx,
  input: { ip: string | null; actor: Actor; org: OrganisationRow; rule: SignInRule; now: string },
): Promise<SignInRuleOutcome> {
  const { org, rule } = input;
  await tx.updateTable("organisations").set({ ...rule, updated_at: input.now }).where("id", "=", org.id).execute();
  const members = (await listMemberRows(tx, org.id)).map((m) => m.user_id);
  const ended = await revokeSessionsNotMeeting(tx, members, (facts) => meetsSignInRule(rule, facts));
  await recordAudit(tx, {
    ip: input.ip, action: "organisation.sign_in_rule_changed", actorId: input.actor.userId, organisationId: org.id, subjectType: "organisation", subjectId: org.id,
    data: {
      password: rule.is_password_sign_in_enabled,
      oidc: rule.is_oidc_sign_in_enabled,
      required_domain: rule.required_oidc_domain,
      sessions_ended: ended.count,
    },
    at: new Date(input.now),
  });
  return { sessionsEnded: ended.count, signedOut: ended.userIds };
}

/** After the commit: the signed-out members' open event streams end now, not at the next heartbeat. */
export function closeStreamsOfSignedOut(ctx: AppContext, userIds: readonly string[]): void {
  // A person's streams are ended all together; one of a session that was kept reconnects.
  for (const userId of userIds) closeEventStreamsOf(ctx, userId);
}
