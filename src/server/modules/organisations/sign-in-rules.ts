/**
 * An organisation's sign-in rule (issue 8): which sign-in methods its members may use (password,
 * the configured provider) and an optional Google Workspace domain (`hd`) a provider sign-in must
 * carry. The rule holds for every live session of a member: it is checked when a session starts
 * (every organisation the person belongs to), when a person joins, and when the rule changes.
 */
import type { AppContext } from "../../app.js";
import type { SignInFacts } from "../../auth/sessions.js";
import type { DbOrTx } from "../../db/index.js";
import type { OrganisationRow } from "../../db/types.js";
import { HttpError } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { listMyOrganisations } from "./queries.js";

export type SignInRule = Pick<OrganisationRow, "is_password_sign_in_enabled" | "is_oidc_sign_in_enabled" | "required_oidc_domain">;

/** True when a session that began this way may reach the organisation. */
export function meetsSignInRule(rule: SignInRule, facts: SignInFacts): boolean {
  if (facts.method === "password") return rule.is_password_sign_in_enabled;
  if (!rule.is_oidc_sign_in_enabled) return false;
  return !rule.required_oidc_domain || facts.hostedDomain?.toLowerCase() === rule.required_oidc_domain.toLowerCase();
}

/** "Skola X asks its members to sign in with Google, with an account of skolax.se." */
export function signInRuleMessage(org: Pick<OrganisationRow, "name"> & SignInRule, providerName: string): string {
  const ways: string[] = [];
  if (org.is_oidc_sign_in_enabled) ways.push(org.required_oidc_domain ? `with ${providerName}, using an account of ${org.required_oidc_domain}` : `with ${providerName}`);
  if (org.is_password_sign_in_enabled) ways.push("with a password");
  return `${org.name} asks its members to sign in ${ways.join(" or ")}.`;
}

/** 403 sign_in_method_not_allowed naming the organisation and the way in it accepts. */
export function signInNotAllowed(org: Pick<OrganisationRow, "id" | "name"> & SignInRule, providerName: string): HttpError {
  return new HttpError(403, "sign_in_method_not_allowed", signInRuleMessage(org, providerName), { organisation: org.id });
}

/** Throws 403 when an organisation the person belongs to does not accept this way of signing in. */
export async function assertSignInAllowed(db: DbOrTx, userId: string, facts: SignInFacts, providerName: string): Promise<void> {
  for (const { org } of await listMyOrganisations(db, userId)) {
    if (!meetsSignInRule(org, facts)) throw signInNotAllowed(org, providerName);
  }
}

/** The way in of a session that recorded none (sessions default to password in the database too). */
const PASSWORD_FACTS: SignInFacts = { method: "password", hostedDomain: null };

/** How the actor's current session began. */
export function actorSignIn(actor: Pick<Actor, "signIn">): SignInFacts {
  return actor.signIn ?? PASSWORD_FACTS;
}

/** The provider's name in messages ("Google" unless the instance names another). */
export function providerNameOf(ctx: Pick<AppContext, "oidc" | "config">): string {
  return ctx.oidc?.providerName ?? ctx.config.oidc?.providerName ?? "Google";
}

/** True when every way in is accepted: nothing to check, no session to end. */
export function isOpenRule(rule: SignInRule): boolean {
  return rule.is_password_sign_in_enabled && rule.is_oidc_sign_in_enabled && !rule.required_oidc_domain;
}

/** The rule as the API presents it. */
export function presentSignInRule(rule: SignInRule): { password: boolean; oidc: boolean; requiredDomain: string | null } {
  return { password: rule.is_password_sign_in_enabled, oidc: rule.is_oidc_sign_in_enabled, requiredDomain: rule.required_oidc_domain };
}
