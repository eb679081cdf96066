/**
 * Sign-in with a provider (issue 8), one verb each: start a sign-in at the provider, finish it on
 * the provider's callback, create the account the person asked for, confirm linking an existing
 * account with its password, cancel, and unlink.
 *
 * The rules: an account is found by the provider's issuer and subject (`sub`), never by e-mail. A
 * verified e-mail that matches an existing account is never taken over silently — its owner
 * confirms with the password (or links from the profile while signed in). An unverified e-mail
 * never links and never makes an account. Unlinking leaves at least one way in.
 */
import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import { OidcFailure, newAuthorizationSecrets, type OidcClaims, type OidcClient } from "../../auth/oidc.js";
import { verifyPassword } from "../../auth/passwords.js";
import { markReauthenticated } from "../../auth/reauthentication.js";
import { createSession, revokeSession, type SignInFacts } from "../../auth/sessions.js";
import { hashToken, newSecretToken } from "../../auth/tokens.js";
import { GOOGLE_ISSUER } from "../../config.js";
import { isUniqueViolation, type DbOrTx } from "../../db/index.js";
import type { UserRow } from "../../db/types.js";
import { HttpError, badRequest, conflict, notFound, unauthenticated } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { MAX_PICTURE_BYTES, NAME_MAX_LENGTH, type Language } from "../../../shared/schemas/accounts.js";
import type { OidcIntent, OidcProblem, PendingSignIn } from "../../../shared/schemas/identities.js";
import { insertAccount } from "../accounts/commands/registerUser.js";
import { fetchProviderPicture } from "../accounts/picture.js";
import { findUserByEmail, findUserById } from "../accounts/queries.js";
import { assertSignInAllowed } from "../organisations/sign-in-rules.js";
import { recordSignUpAcceptance } from "../privacy-policy/commands.js";
import { newBlobKey } from "../../storage/blob-store.js";
import { FLOW_LIFETIME_MS } from "./flow-cookie.js";
import { findFlow, findIdentityBySubject, listIdentitiesOf } from "./queries.js";
import type { OidcFlowsTable } from "../../db/tables/identities.js";
import type { Selectable } from "kysely";

type Flow = Selectable<OidcFlowsTable>;

/** The web app's pages the callback sends the browser to. */
export const CONTINUE_PAGE = "/sign-in/continue";
export const PROBLEM_PAGE = "/sign-in/problem";
/** A re-authentication must be this fresh at the provider (seconds), and is asked for with prompt=login. */
const REAUTH_MAX_AGE_S = 300;

const DEFAULT_RETURN: Record<OidcIntent, string> = { sign_in: "/", link: "/profile", reauth: "/profile/delete" };

/** The provider, or 404 when none is configured (the button is not shown then either). */
export function requireProvider(oidc: OidcClient | undefined): OidcClient {
  if (!oidc) throw new HttpError(404, "not_found", "No sign-in provider is configured on this server.");
  return oidc;
}

/** The address the provider sends the browser back to. */
export const callbackUrl = (publicUrl: string) => `${publicUrl}/api/v1/auth/oidc/callback`;

/** Deletes sign-ins older than FLOW_LIFETIME_MS (abandoned at the provider or on the continue page). */
export async function purgeStaleFlows(db: DbOrTx, now: Date): Promise<void> {
  await db.deleteFrom("oidc_flows").where("created_at", "<", new Date(now.getTime() - FLOW_LIFETIME_MS).toISOString()).execute();
}

export interface StartInput extends CommandBase {
  actor: Actor | null;
  intent: OidcIntent;
  returnTo: string | undefined;
  language: Language;
}

/** Starts a sign-in at the provider; returns the flow cookie's token and the provider's address. */
export async function startProviderSignIn({ ctx, ip, actor, intent, returnTo, language }: StartInput): Promise<{ token: string; url: string }> {
  const oidc = requireProvider(ctx.oidc);
  if (intent !== "sign_in" && !actor) throw unauthenticated();
  await ctx.limiters.signInPerIp.consume(ip ?? "unknown");
  const now = ctx.clock();
  const secrets = newAuthorizationSecrets();
  let url: URL;
  try {
    url = await oidc.authorizationUrl({
      redirectUri: callbackUrl(ctx.config.publicUrl),
      ...secrets,
      ...(intent === "reauth" ? { prompt: "login" as const, maxAge: REAUTH_MAX_AGE_S } : {}),
      // Google lets the person pick which of their accounts to link (other providers may not know this prompt).
      ...(intent === "link" && oidc.issuer === GOOGLE_ISSUER ? { prompt: "select_account" as const } : {}),
    });
  } catch (err) {
    ctx.log.warn({ err }, "oidc: the provider could not be reached");
    throw new HttpError(503, "unavailable", `${oidc.providerName} cannot be reached right now. Try again in a moment.`);
  }
  const token = newSecretToken();
  await purgeStaleFlows(ctx.db, now);
  await ctx.db
    .insertInto("oidc_flows")
    .values({
      token_hash: hashToken(token),
      intent,
      stage: "started",
      user_id: intent === "sign_in" ? null : actor!.userId,
      session_id: intent === "sign_in" ? null : actor!.sessionId,
      state: secrets.state,
      nonce: secrets.nonce,
      code_verifier: secrets.codeVerifier,
      return_to: returnTo ?? DEFAULT_RETURN[intent],
      language,
      claims: null,
      created_at: now.toISOString(),
    })
    .execute();
  return { token, url: url.toString() };
}

/** The flow of the browser's cookie while it is fresh; null otherwise. */
async function liveFlow(db: DbOrTx, token: string | undefined, now: Date): Promise<Flow | null> {
  if (!token) return null;
  const flow = await findFlow(db, hashToken(token));
  if (!flow || Date.parse(flow.created_at) + FLOW_LIFETIME_MS <= now.getTime()) return null;
  return flow;
}

const deleteFlow = (db: DbOrTx, flow: Flow) => db.deleteFrom("oidc_flows").where("token_hash", "=", flow.token_hash).execute();

/** Where the callback sends the browser, and what it sets on the way. */
export type CallbackOutcome =
  | { kind: "signed_in"; token: string; returnTo: string }
  | { kind: "pending" }
  | { kind: "done"; returnTo: string }
  | { kind: "problem"; problem: OidcProblem; back: string | null };

export interface FinishInput extends CommandBase {
  actor: Actor | null;
  flowToken: string | undefined;
  /** The full callback address as the provider sent it (code, state, iss or error). */
  callback: URL;
  headers: FastifyRequest["headers"];
}

const oidcFacts = (claims: OidcClaims): SignInFacts => ({ method: "oidc", hostedDomain: claims.hostedDomain });

/** Handles the provider's answer: signs in, asks the person (pending), links, re-authenticates, or names the problem. */
export async function finishProviderSignIn(input: FinishInput): Promise<CallbackOutcome> {
  const { ctx, actor, flowToken, callback } = input;
  const oidc = requireProvider(ctx.oidc);
  const now = ctx.clock();
  const flow = await liveFlow(ctx.db, flowToken, now);
  if (!flow || flow.stage !== "started") return { kind: "problem", problem: "expired", back: null };
  // Used once, whatever happens next.
  await deleteFlow(ctx.db, flow);
  const back = flow.intent === "sign_in" ? null : flow.return_to;
  // A link or re-authentication belongs to the session that asked for it.
  if (flow.intent !== "sign_in" && (!actor || actor.sessionId !== flow.session_id)) return { kind: "problem", problem: "expired", back };
  let claims: OidcClaims;
  try {
    claims = await oidc.finish(callback, {
      state: flow.state,
      nonce: flow.nonce,
      codeVerifier: flow.code_verifier,
      ...(flow.intent === "reauth" ? { maxAge: REAUTH_MAX_AGE_S } : {}),
    });
  } catch (err) {
    const failure = err instanceof OidcFailure ? err : new OidcFailure("failed", String(err));
    if (failure.problem !== "denied") ctx.log.warn({ problem: failure.problem, reason: failure.message }, "oidc: sign-in at the provider failed");
    return { kind: "problem", problem: failure.problem, back };
  }
  if (flow.intent === "link") return linkToSignedIn(input, actor!, claims, flow);
  if (flow.intent === "reauth") return reauthenticate(input, actor!, claims, flow);
  return signInWithClaims(input, claims, flow);
}

async function signInWithClaims(input: FinishInput, claims: OidcClaims, flow: Flow): Promise<CallbackOutcome> {
  const { ctx } = input;
  const identity = await findIdentityBySubject(ctx.db, claims.issuer, claims.subject);
  if (identity) {
    try {
      const { token } = await startProviderSession(input, identity.user_id, claims, { linked: false });
      return { kind: "signed_in", token, returnTo: flow.return_to };
    } catch (err) {
      if (err instanceof HttpError && err.code === "sign_in_method_not_allowed") return { kind: "problem", problem: "not_allowed", back: null };
      throw err;
    }
  }
  if (!claims.email || !claims.emailVerified) return { kind: "problem", problem: "email_unverified", back: null };
  const existing = await findUserByEmail(ctx.db, claims.email);
  // The person answers on the continue page: create the account, or prove they own the one with this address.
  await ctx.db
    .insertInto("oidc_flows")
    .values({ ...flow, stage: existing ? "confirm_link" : "sign_up", claims: JSON.stringify(claims), created_at: ctx.clock().toISOString() })
    .execute();
  return { kind: "pending" };
}

/** A new session after a provider sign-in (the same kind as a password session), replacing the browser's old one. */
async function startProviderSession(
  input: Pick<FinishInput, "ctx" | "ip" | "actor" | "headers">,
  userId: string,
  claims: OidcClaims,
  opts: { linked: boolean },
) {
  const { ctx, ip, actor, headers } = input;
  const facts = oidcFacts(claims);
  await assertSignInAllowed(ctx.db, userId, facts, requireProvider(ctx.oidc).providerName);
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (tx) => {
    if (actor) await revokeSession(tx, actor.userId, actor.sessionId);
    const created = await createSession(tx, { userId, headers, now, timeouts: ctx.timeouts, signIn: facts });
    await tx
      .updateTable("user_identities")
      .set({ last_used_at: now.toISOString() })
      .where("issuer", "=", claims.issuer)
      .where("subject", "=", claims.subject)
      .execute();
    await recordAudit(tx, { ip, action: "session.created", actorId: userId, subjectType: "session", subjectId: created.session.id, data: { method: "oidc", linked: opts.linked }, at: now });
    return created;
  });
}

async function insertIdentity(tx: DbOrTx, userId: string, claims: OidcClaims, now: Date, ip: string | null) {
  const id = randomUUID();
  await tx
    .insertInto("user_identities")
    .values({
      id,
      user_id: userId,
      issuer: claims.issuer,
      subject: claims.subject,
      email: claims.email,
      hosted_domain: claims.hostedDomain,
      created_at: now.toISOString(),
      last_used_at: now.toISOString(),
    })
    .execute();
  await recordAudit(tx, { ip, action: "user.identity_linked", actorId: userId, subjectType: "user", subjectId: userId, data: { identity: id }, at: now });
}

async function linkToSignedIn(input: FinishInput, actor: Actor, claims: OidcClaims, flow: Flow): Promise<CallbackOutcome> {
  const { ctx, ip } = input;
  const back = flow.return_to;
  const taken = await findIdentityBySubject(ctx.db, claims.issuer, claims.subject);
  if (taken) return taken.user_id === actor.userId ? { kind: "done", returnTo: back } : { kind: "problem", problem: "identity_in_use", back };
  if ((await listIdentitiesOf(ctx.db, actor.userId)).some((i) => i.issuer === claims.issuer)) return { kind: "problem", problem: "already_linked", back };
  try {
    await ctx.db.transaction().execute((tx) => insertIdentity(tx, actor.userId, claims, ctx.clock(), ip));
  } catch (err) {
    // Someone linked the same provider account at the same moment.
    if (isUniqueViolation(err)) return { kind: "problem", problem: "identity_in_use", back };
    throw err;
  }
  return { kind: "done", returnTo: back };
}

async function reauthenticate(input: FinishInput, actor: Actor, claims: OidcClaims, flow: Flow): Promise<CallbackOutcome> {
  const { ctx, ip } = input;
  const identity = await findIdentityBySubject(ctx.db, claims.issuer, claims.subject);
  if (!identity || identity.user_id !== actor.userId) return { kind: "problem", problem: "wrong_account", back: flow.return_to };
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    await markReauthenticated(tx, actor.sessionId, now);
    await recordAudit(tx, { ip, action: "user.reauthenticated", actorId: actor.userId, subjectType: "user", subjectId: actor.userId, at: now });
  });
  return { kind: "done", returnTo: flow.return_to };
}

/** The sign-in waiting for the person's answer, or 404. */
async function pendingFlow(ctx: CommandBase["ctx"], flowToken: string | undefined, stage: Flow["stage"] | null): Promise<{ flow: Flow; claims: OidcClaims }> {
  const flow = await liveFlow(ctx.db, flowToken, ctx.clock());
  if (!flow || flow.stage === "started" || !flow.claims || (stage && flow.stage !== stage)) throw notFound();
  return { flow, claims: JSON.parse(flow.claims) as OidcClaims };
}

/** What the continue page shows. */
export async function describePendingSignIn(ctx: CommandBase["ctx"], flowToken: string | undefined): Promise<PendingSignIn> {
  const { flow, claims } = await pendingFlow(ctx, flowToken, null);
  return {
    stage: flow.stage as "sign_up" | "confirm_link",
    provider: requireProvider(ctx.oidc).providerName,
    name: displayName(claims),
    email: claims.email ?? "",
    hasPicture: claims.picture !== null,
  };
}

/** The provider's name as an account name: trimmed, without control characters, within the limit. */
function displayName(claims: OidcClaims): string {
  const clean = (v: string | null) => (v ?? "").replace(/\p{Cc}/gu, " ").replace(/\s+/g, " ").trim().slice(0, NAME_MAX_LENGTH).trim();
  return clean(claims.name) || clean(claims.email?.split("@")[0] ?? null) || "Openloop user";
}

export interface SignUpInput extends CommandBase {
  actor: Actor | null;
  flowToken: string | undefined;
  acceptedPolicyVersionId: string | undefined;
  language: Language | undefined;
  headers: FastifyRequest["headers"];
}

/**
 * Creates the account the person asked for on the continue page, with the provider's name and
 * picture (downloaded once now, re-encoded, served from this server), linked to the provider,
 * and signs it in. The picture's file is removed again if the account cannot be written.
 */
export async function completeProviderSignUp({ ctx, ip, actor, flowToken, acceptedPolicyVersionId, language, headers }: SignUpInput) {
  const { flow, claims } = await pendingFlow(ctx, flowToken, "sign_up");
  await ctx.limiters.registerPerIp.consume(ip ?? "unknown");
  let pictureKey: string | null = null;
  if (claims.picture) {
    const picture = await fetchProviderPicture(claims.picture, { allowHttp: new URL(claims.issuer).protocol === "http:", maxBytes: MAX_PICTURE_BYTES });
    if (picture) {
      pictureKey = newBlobKey("pictures", "webp");
      await ctx.blobs.put(pictureKey, picture, "image/webp");
    }
  }
  const now = ctx.clock();
  try {
    // One transaction: the account, its policy acceptance, the link and the session, or nothing.
    return await ctx.db.transaction().execute(async (tx) => {
      const user: UserRow = await insertAccount(tx, {
        ip,
        name: displayName(claims),
        email: claims.email!,
        passwordHash: null,
        language: language ?? flow.language,
        now,
        pictureKey,
        via: "oidc",
      });
      await recordSignUpAcceptance(tx, { userId: user.id, versionId: acceptedPolicyVersionId, now, field: "acceptedPolicyVersionId" });
      await insertIdentity(tx, user.id, claims, now, ip);
      await deleteFlow(tx, flow);
      if (actor) await revokeSession(tx, actor.userId, actor.sessionId);
      const { token, session } = await createSession(tx, { userId: user.id, headers, now, timeouts: ctx.timeouts, signIn: oidcFacts(claims) });
      await recordAudit(tx, { ip, action: "session.created", actorId: user.id, subjectType: "session", subjectId: session.id, data: { method: "oidc", linked: false }, at: now });
      return { user, token, session };
    });
  } catch (err) {
    if (pictureKey) await ctx.blobs.delete(pictureKey);
    if (isUniqueViolation(err)) throw conflict("email_taken", "An account with this e-mail address already exists.", { email: "email_taken" });
    throw err;
  }
}

export interface ConfirmLinkInput extends CommandBase {
  actor: Actor | null;
  flowToken: string | undefined;
  password: string;
  headers: FastifyRequest["headers"];
}

/**
 * The owner of the account with the provider's verified e-mail proves it with the password; only
 * then is the provider linked and the session started. Wrong passwords count against the
 * account's sign-in limit, as at the sign-in form.
 */
export async function confirmProviderLink({ ctx, ip, actor, flowToken, password, headers }: ConfirmLinkInput) {
  const { flow, claims } = await pendingFlow(ctx, flowToken, "confirm_link");
  const user = claims.email ? await findUserByEmail(ctx.db, claims.email) : undefined;
  // The account went away meanwhile: the person may create a new one instead.
  if (!user) throw notFound();
  await ctx.limiters.signInPerAccount.consume(user.email_normalized);
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordAudit(ctx.db, { ip, action: "session.sign_in_failed", actorId: null, subjectType: "user", subjectId: user.id, outcome: "failure", at: ctx.clock() });
    throw badRequest("wrong_password", "The password is wrong.", { password: "wrong_password" });
  }
  await ctx.limiters.signInPerAccount.reset(user.email_normalized);
  const facts = oidcFacts(claims);
  await assertSignInAllowed(ctx.db, user.id, facts, requireProvider(ctx.oidc).providerName);
  const now = ctx.clock();
  try {
    const { token, session } = await ctx.db.transaction().execute(async (tx) => {
      await insertIdentity(tx, user.id, claims, now, ip);
      await deleteFlow(tx, flow);
      if (actor) await revokeSession(tx, actor.userId, actor.sessionId);
      const created = await createSession(tx, { userId: user.id, headers, now, timeouts: ctx.timeouts, signIn: facts });
      await recordAudit(tx, { ip, action: "session.created", actorId: user.id, subjectType: "session", subjectId: created.session.id, data: { method: "oidc", linked: true }, at: now });
      return created;
    });
    return { user, token, session };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("conflict", "This account is already linked to another sign-in of the provider.");
    throw err;
  }
}

/** Forgets the sign-in waiting for the person (they chose not to go on). */
export async function cancelPendingSignIn(ctx: CommandBase["ctx"], flowToken: string | undefined): Promise<void> {
  if (flowToken) await ctx.db.deleteFrom("oidc_flows").where("token_hash", "=", hashToken(flowToken)).execute();
}

export interface UnlinkInput extends CommandBase {
  actor: Actor;
  user: UserRow;
  identityId: string;
}

/**
 * Removes a link. Refused (409 last_sign_in_method) while it is the account's only way in: no
 * password and no other link — or a password that one of the person's organisations does not accept.
 */
export async function unlinkIdentity({ ctx, ip, actor, user, identityId }: UnlinkInput): Promise<void> {
  const identities = await listIdentitiesOf(ctx.db, user.id);
  const identity = identities.find((i) => i.id === identityId);
  if (!identity) throw notFound();
  const others = identities.length - 1;
  if (others === 0) {
    if (!user.password_hash) throw conflict("last_sign_in_method", "This is your account's only way in. Set a password first (use “Forgot password” on the sign-in page), then unlink.");
    try {
      await assertSignInAllowed(ctx.db, user.id, { method: "password", hostedDomain: null }, ctx.oidc?.providerName ?? "Google");
    } catch (err) {
      if (err instanceof HttpError) throw conflict("last_sign_in_method", `${err.message} Without this link you could not sign in there.`);
      throw err;
    }
  }
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("user_identities").where("id", "=", identity.id).where("user_id", "=", user.id).execute();
    await recordAudit(tx, { ip, action: "user.identity_unlinked", actorId: actor.userId, subjectType: "user", subjectId: user.id, data: { identity: identity.id }, at: now });
  });
}

/** For the profile: the person's links, whether they have a password, and their session's last re-authentication. */
export async function identitiesOf(db: DbOrTx, userId: string) {
  const [identities, user] = await Promise.all([listIdentitiesOf(db, userId), findUserById(db, userId)]);
  return { identities, hasPassword: Boolean(user?.password_hash) };
}
