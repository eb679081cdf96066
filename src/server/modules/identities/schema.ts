/** Route schemas of sign-in with a provider (issue 8): validation, response types and the OpenAPI document. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { Id, UserEnvelope } from "../../../shared/schemas/accounts.js";
import * as I from "../../../shared/schemas/identities.js";

const session = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["sign-in with a provider"];

export const methods = {
  tags,
  summary: "The sign-in methods of this instance",
  description: "Public: the sign-in page shows the provider's button only when one is configured.",
  response: { 200: I.SignInMethods },
};
export const start = {
  tags,
  summary: "Start a sign-in at the provider",
  description:
    "Sets a short-lived HttpOnly cookie that binds the sign-in to this browser and answers the provider's address to open. " +
    "`link` and `reauth` need a session. 404 when no provider is configured; 503 when the provider cannot be reached; 429 past the sign-in limit per IP.",
  body: I.OidcStartBody,
  response: { 200: I.OidcStartAnswer, 503: ErrorBody, ...errors },
};
export const callback = {
  tags,
  summary: "The provider's redirect back (browser navigation)",
  description:
    "Checks state, nonce, PKCE and the ID token (issuer, audience, expiry, signature) and redirects (303): to the page the sign-in started from, " +
    "to /sign-in/continue when the person must answer (create the account, or confirm linking with the password), or to " +
    "/sign-in/problem?reason=… (denied, expired, failed, unavailable, email_unverified, identity_in_use, already_linked, wrong_account, not_allowed).",
  querystring: z.object({
    code: z.string().max(4000).optional(),
    state: z.string().max(4000).optional(),
    iss: z.string().max(4000).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(4000).optional(),
    scope: z.string().max(4000).optional(),
    authuser: z.string().max(100).optional(),
    hd: z.string().max(300).optional(),
    prompt: z.string().max(100).optional(),
    session_state: z.string().max(4000).optional(),
  }),
  response: { 303: noContent },
};
export const pending = {
  tags,
  summary: "The sign-in waiting for the person's answer",
  description: "Read with the sign-in's cookie. 404 when there is none (or it is older than 15 minutes).",
  response: { 200: I.PendingSignIn, ...errors },
};
export const signUp = {
  tags,
  summary: "Create the account with the provider's name, e-mail and picture",
  description:
    "The picture is downloaded once, re-encoded (metadata stripped) and served from this server. Once a privacy policy is published, " +
    "`acceptedPolicyVersionId` must name its current version.",
  body: I.OidcSignUpBody,
  response: { 201: UserEnvelope, 409: ErrorBody, ...errors },
};
export const confirmLink = {
  tags,
  summary: "Link the provider to the existing account with this e-mail, proven by its password",
  description: "Wrong passwords count against the account's sign-in limit (429).",
  body: I.OidcConfirmLinkBody,
  response: { 200: UserEnvelope, 409: ErrorBody, ...errors },
};
export const cancel = {
  tags,
  summary: "Forget the sign-in waiting for an answer",
  response: { 204: noContent, ...errors },
};
export const mine = {
  tags,
  summary: "My sign-in links",
  security: session,
  response: { 200: I.MyIdentities, ...errors },
};
export const unlink = {
  tags,
  summary: "Remove a sign-in link",
  description: "409 last_sign_in_method while it is the account's only way in.",
  security: session,
  params: z.object({ id: Id }),
  response: { 204: noContent, 409: ErrorBody, ...errors },
};
