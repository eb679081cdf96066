/**
 * Who may do what with the privacy policy. Reading it needs no rule: the current version and the
 * archive are public (a visitor reads them before signing up). Every signed-in person reads their
 * own standing, acknowledges and closes banners; only instance administrators publish.
 */
import { definePolicy } from "../../policies/index.js";

/** The instance's policy as a resource: there is one, and it lives in no organisation. */
export interface PolicyResource {
  kind: "privacy_policy";
}
export const THE_POLICY: PolicyResource = { kind: "privacy_policy" };

export const POLICY_ACTIONS = ["read", "publish"] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export const privacyPolicyPolicy = definePolicy<PolicyResource, PolicyAction>("privacy_policy", POLICY_ACTIONS, () => ({ id: null, organisationId: null }));

privacyPolicyPolicy.allow("read", () => true);
privacyPolicyPolicy.allow("publish", (actor) => actor.isInstanceAdmin);
