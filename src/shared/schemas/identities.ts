/**
 * Sign-in with a provider (issue 8): Google by default, or any OpenID Connect issuer the instance
 * configures. Requests and answers as the API presents them (server and web app).
 */
import { z } from "zod";
import { Id, Language, PASSWORD_MAX_LENGTH } from "./accounts.js";

/** How long a re-authentication at the provider allows erasing the account without a password. */
export const REAUTH_WINDOW_MS = 10 * 60_000;

/** The sign-in methods this instance offers (public: the sign-in page asks before anyone is known). */
export const SignInMethods = z
  .object({
    password: z.literal(true),
    oidc: z.object({
      enabled: z.boolean().meta({ description: "A provider is configured (GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)." }),
      name: z.string().meta({ description: "The provider's name for the button, e.g. Google." }),
    }),
  })
  .meta({ id: "SignInMethods" });
export type SignInMethods = z.infer<typeof SignInMethods>;

/** A path of this web app to come back to: one leading slash, no scheme or host (no open redirect). */
export const ReturnTo = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/, "must be a path of this site, starting with one /")
  .meta({ description: "Where the web app continues afterwards: a path of this site.", example: "/profile" });

export const OidcIntent = z.enum(["sign_in", "link", "reauth"]).meta({
  description: "sign_in: sign in or sign up; link: add the provider to the signed-in account; reauth: prove it is you again (before erasing the account).",
});
export type OidcIntent = z.infer<typeof OidcIntent>;

export const OidcStartBody = z.object({
  /** What the sign-in at the provider is for. */
  intent: OidcIntent,
  /** Where the web app continues after the provider. */
  returnTo: ReturnTo.optional(),
  /** Language of an account created by this sign-in; defaults to the browser's. */
  language: Language.optional(),
});

export const OidcStartAnswer = z.object({
  url: z.string().meta({ description: "The provider's authorization address: open it in the browser." }),
});

/** Why a sign-in at the provider ended without signing in; the web app's /sign-in/problem page explains each. */
export const OIDC_PROBLEMS = [
  "denied",
  "expired",
  "failed",
  "unavailable",
  "email_unverified",
  "identity_in_use",
  "already_linked",
  "wrong_account",
  "not_allowed",
] as const;
export type OidcProblem = (typeof OIDC_PROBLEMS)[number];

/** A sign-in that waits for the person: create an account, or confirm linking to an existing one. */
export const PendingSignIn = z
  .object({
    stage: z.enum(["sign_up", "confirm_link"]),
    provider: z.string().meta({ description: "The provider's name, e.g. Google." }),
    name: z.string().meta({ description: "The name the provider gave." }),
    email: z.string().meta({ description: "The verified e-mail address the provider gave." }),
    hasPicture: z.boolean().meta({ description: "The provider has a profile picture; it is copied once to this server at sign-up." }),
  })
  .meta({ id: "PendingSignIn" });
export type PendingSignIn = z.infer<typeof PendingSignIn>;

export const OidcSignUpBody = z.object({
  /** The current privacy policy version, accepted by signing up (required once one is published). */
  acceptedPolicyVersionId: Id.optional(),
  /** Interface language of the new account. */
  language: Language.optional(),
});

export const OidcConfirmLinkBody = z.object({
  /** The existing account's password: only its owner links a provider to it. */
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const Identity = z
  .object({
    id: Id,
    provider: z.string().meta({ description: "The provider's name, e.g. Google." }),
    email: z.string().nullable().meta({ description: "The e-mail address at the provider when linked." }),
    linkedAt: z.string(),
    lastUsedAt: z.string().nullable(),
    abilities: z.object({
      unlink: z.boolean().meta({ description: "False while it is the account's only way in (no password, no other link)." }),
    }),
  })
  .meta({ id: "Identity" });
export type Identity = z.infer<typeof Identity>;

export const MyIdentities = z
  .object({
    identities: z.array(Identity),
    hasPassword: z.boolean().meta({ description: "The account has a password (an account made with a provider has none until one is set by a reset link)." }),
    reauthenticatedAt: z.string().nullable().meta({ description: "When this session last re-authenticated at the provider." }),
    abilities: z.object({ link: z.boolean().meta({ description: "A provider is configured and not linked yet." }) }),
  })
  .meta({ id: "MyIdentities" });
export type MyIdentities = z.infer<typeof MyIdentities>;
