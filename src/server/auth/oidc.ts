/**
 * Sign-in with an OpenID Connect provider (issue 8): Google by default, any compliant issuer by
 * configuration. openid-client does the protocol — discovery, the authorization code flow with
 * PKCE, `state` and `nonce`, and the ID token's checks (issuer, audience, expiry, signature
 * through the provider's JWKS); this file only adapts it to the app and names what went wrong.
 */
import * as client from "openid-client";
import type { OidcProblem } from "../../shared/schemas/identities.js";

/** Discovery and token requests give up after this long: the person waits at a spinner meanwhile. */
const PROVIDER_TIMEOUT_S = 10;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  providerName: string;
}

/** What the app keeps of a verified ID token. */
export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  picture: string | null;
  /** Google Workspace domain of the account (`hd`), if any. */
  hostedDomain: string | null;
}

/** A sign-in at the provider that did not succeed, with the reason the web app explains. */
export class OidcFailure extends Error {
  constructor(
    readonly problem: OidcProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** "login" makes the provider ask again even when it remembers the person (re-authentication). */
  prompt?: "login" | "select_account";
  /** Seconds since the person last signed in at the provider, at most (re-authentication). */
  maxAge?: number;
}

export interface OidcClient {
  readonly providerName: string;
  readonly issuer: string;
  /** The provider's address to send the browser to. */
  authorizationUrl(request: AuthorizationRequest): Promise<URL>;
  /** Redeems the code of the provider's answer and verifies the ID token; throws OidcFailure. */
  finish(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string; maxAge?: number }): Promise<OidcClaims>;
}

const isLoopbackHttp = (issuer: string) => new URL(issuer).protocol === "http:";

/** New secrets for one authorization request. */
export function newAuthorizationSecrets(): { state: string; nonce: string; codeVerifier: string } {
  return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
}

function reading(claims: client.IDToken, issuer: string): OidcClaims {
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
  // Some providers send email_verified as the string "true".
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return {
    issuer,
    subject: claims.sub,
    email: text(claims.email),
    emailVerified: verified,
    name: text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ") || null),
    picture: text(claims.picture),
    hostedDomain: text(claims.hd)?.toLowerCase() ?? null,
  };
}

/** Names the failure of a provider exchange for the person, without its details (those go to the log). */
export function classifyOidcError(err: unknown): OidcFailure {
  if (err instanceof OidcFailure) return err;
  if (err instanceof client.AuthorizationResponseError) {
    return err.error === "access_denied"
      ? new OidcFailure("denied", "The sign-in was cancelled at the provider.")
      : new OidcFailure("failed", `The provider answered ${err.error}.`);
  }
  const cause = (err as { cause?: { code?: string } } | null)?.cause;
  const name = (err as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError" || (err instanceof TypeError && /fetch failed/i.test(err.message)) || cause?.code === "ECONNREFUSED") {
    return new OidcFailure("unavailable", "The provider could not be reached.");
  }
  return new OidcFailure("failed", err instanceof Error ? err.message : "The provider's answer was not valid.");
}

/** An OpenID Connect client that discovers its provider on first use (and again after a failure). */
export function createOidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
        timeout: PROVIDER_TIMEOUT_S,
        // Plain HTTP only for a provider on this machine (config.ts refuses it elsewhere).
        ...(isLoopbackHttp(settings.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        discovered = null;
        throw err;
      });
    return discovered;
  };
  return {
    providerName: settings.providerName,
    issuer: settings.issuer,
    async authorizationUrl(request) {
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch (err) {
        throw classifyOidcError(err);
      }
      const params: Record<string, string> = {
        redirect_uri: request.redirectUri,
        scope: "openid email profile",
        state: request.state,
        nonce: request.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
        code_challenge_method: "S256",
      };
      if (request.prompt) params.prompt = request.prompt;
      if (request.maxAge !== undefined) params.max_age = String(request.maxAge);
      return client.buildAuthorizationUrl(config, params);
    },
    async finish(callbackUrl, checks) {
      try {
        const config = await configuration();
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
          ...(checks.maxAge !== undefined ? { maxAge: checks.maxAge } : {}),
        });
        const claims = tokens.claims();
        if (!claims) throw new OidcFailure("failed", "The provider sent no ID token.");
        return reading(claims, config.serverMetadata().issuer);
      } catch (err) {
        throw classifyOidcError(err);
      }
    },
  };
}
