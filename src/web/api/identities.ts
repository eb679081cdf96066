/** Sign-in with a provider (issue 8): one function per endpoint, typed with the shared schemas. */
import type { SignInMethods } from "../../shared/schemas/identities.js";
import { apiRequest } from "./client.js";

export type { SignInMethods };

export const signInMethodsKey = ["auth", "methods"] as const;

/** The ways in this server offers: password always, the provider when one is configured. */
export function getSignInMethods(): Promise<SignInMethods> {
  return apiRequest<SignInMethods>("GET", "/auth/methods");
}
