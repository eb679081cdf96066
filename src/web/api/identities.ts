/** Sign-in with a provider (issue 8): one function per endpoint, typed with the shared schemas. */
import type { z } from "zod";
import type { User } from "../../shared/schemas/accounts.js";
import type {
  Identity,
  MyIdentities,
  OidcConfirmLinkBody,
  OidcIntent,
  OidcSignUpBody,
  OidcStartBody,
  PendingSignIn,
  SignInMethods,
} from "../../shared/schemas/identities.js";
import { apiRequest } from "./client.js";

export type { SignInMethods };

export const signInMethodsKey = ["auth", "methods"] as const;

/** The ways in this server offers: password always, the provider when one is configured. */
export function getSignInMethods(): Promise<SignInMethods> {
  return apiRequest<SignInMethods>("GET", "/auth/methods");
}

export type { Identity, MyIdentities, OidcIntent, PendingSignIn };

export const pendingSignInKey = ["auth", "oidc", "pending"] as const;
export const myIdentitiesKey = ["me", "identities"] as const;

/** Starts a sign-in at the provider; the answer is the address to open in the browser. */
export async function startProviderSignIn(body: z.input<typeof OidcStartBody>): Promise<string> {
  return (await apiRequest<{ url: string }>("POST", "/auth/oidc/start", { json: body })).url;
}

/** The sign-in that waits for the person's answer (404 when there is none, or it expired). */
export function getPendingSignIn(): Promise<PendingSignIn> {
  return apiRequest<PendingSignIn>("GET", "/auth/oidc/pending");
}

/** Creates the account from the provider's name, e-mail and picture, and signs it in. */
export async function signUpWithProvider(body: z.input<typeof OidcSignUpBody>): Promise<User> {
  return (await apiRequest<{ user: User }>("POST", "/auth/oidc/sign-up", { json: body })).user;
}

/** Links the provider to the existing account with this e-mail address, proven by its password. */
export async function confirmProviderLink(body: z.input<typeof OidcConfirmLinkBody>): Promise<User> {
  return (await apiRequest<{ user: User }>("POST", "/auth/oidc/confirm-link", { json: body })).user;
}

/** Drops the waiting sign-in. */
export function cancelPendingSignIn(): Promise<void> {
  return apiRequest<void>("DELETE", "/auth/oidc/pending");
}

/** The signed-in person's ways in: links to providers, whether a password is set, a recent re-authentication. */
export function getMyIdentities(): Promise<MyIdentities> {
  return apiRequest<MyIdentities>("GET", "/me/identities");
}

export function unlinkIdentity(id: string): Promise<void> {
  return apiRequest<void>("DELETE", `/me/identities/${encodeURIComponent(id)}`);
}
