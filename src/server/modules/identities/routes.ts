/**
 * Sign-in with a provider (issue 8): Google by default, any OpenID Connect issuer by configuration.
 * Every handler reads auth → validate (schema) → load → authorize → command → present. The
 * callback is a browser navigation: it always answers a redirect, to the app or to the page that
 * explains what went wrong — never an error body, never a 5xx for what the provider sent.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { reauthenticatedAt } from "../../auth/reauthentication.js";
import { setSessionCookie } from "../../auth/sessions.js";
import { GOOGLE_ISSUER } from "../../config.js";
import type { SessionRow, UserRow } from "../../db/types.js";
import type { Actor } from "../../policies/index.js";
import { findUserById } from "../accounts/queries.js";
import { userPolicy } from "../accounts/policy.js";
import { presentUser } from "../accounts/presenters.js";
import { browserLanguage } from "../accounts/routes.js";
import {
  CONTINUE_PAGE,
  PROBLEM_PAGE,
  cancelPendingSignIn,
  completeProviderSignUp,
  confirmProviderLink,
  describePendingSignIn,
  finishProviderSignIn,
  identitiesOf,
  startProviderSignIn,
  unlinkIdentity,
  type CallbackOutcome,
} from "./commands.js";
import { clearFlowCookie, readFlowToken, setFlowCookie } from "./flow-cookie.js";
import { identityPolicy } from "./policy.js";
import { presentIdentity } from "./presenters.js";
import * as S from "./schema.js";

export async function identitiesRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const instance = { orgCreation: ctx.config.orgCreation };

  /** The name shown for a link: the configured provider's, Google's, or the issuer's host. */
  const providerNameOf = (issuer: string) =>
    ctx.oidc && issuer === ctx.oidc.issuer ? ctx.oidc.providerName : issuer === GOOGLE_ISSUER ? "Google" : new URL(issuer).host;

  app.get("/auth/methods", { schema: S.methods }, async () => ({
    password: true as const,
    oidc: { enabled: ctx.oidc !== undefined, name: ctx.oidc?.providerName ?? "Google" },
  }));

  app.post("/auth/oidc/start", { schema: S.start }, async (request, reply) => {
    const { intent, returnTo, language } = request.body;
    const { token, url } = await startProviderSignIn({
      ctx,
      ip: request.ip,
      actor: request.actor,
      intent,
      returnTo,
      language: language ?? browserLanguage(request),
    });
    setFlowCookie(request, reply, token);
    return { url };
  });

  app.get("/auth/oidc/callback", { schema: S.callback }, async (request, reply) => {
    const outcome = await finishProviderSignIn({
      ctx,
      ip: request.ip,
      actor: request.actor,
      flowToken: readFlowToken(request),
      callback: new URL(request.url, ctx.config.publicUrl),
      headers: request.headers,
    }).catch((err: unknown): CallbackOutcome => {
      // Whatever broke, the person lands on a page with a way back, not on an error body.
      request.log.error({ err }, "oidc: the callback failed");
      return { kind: "problem", problem: "failed", back: null };
    });
    return redirectFor(request, reply, outcome);
  });

  function redirectFor(request: FastifyRequest, reply: FastifyReply, outcome: CallbackOutcome) {
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    switch (outcome.kind) {
      case "signed_in":
        clearFlowCookie(request, reply);
        setSessionCookie(request, reply, outcome.token, ctx.timeouts.absoluteMs);
        return reply.redirect(outcome.returnTo, 303);
      case "pending":
        return reply.redirect(CONTINUE_PAGE, 303);
      case "done":
        clearFlowCookie(request, reply);
        return reply.redirect(outcome.returnTo, 303);
      case "problem": {
        clearFlowCookie(request, reply);
        const query = new URLSearchParams({ reason: outcome.problem, ...(outcome.back ? { back: outcome.back } : {}) });
        return reply.redirect(`${PROBLEM_PAGE}?${query.toString()}`, 303);
      }
    }
  }

  /** The pending sign-in is done: its cookie goes, the new session's is set, and the account is presented as its own. */
  function signedIn(request: FastifyRequest, reply: FastifyReply, done: { user: UserRow; token: string; session: SessionRow }) {
    clearFlowCookie(request, reply);
    setSessionCookie(request, reply, done.token, ctx.timeouts.absoluteMs);
    const actor: Actor = { userId: done.user.id, sessionId: done.session.id, isInstanceAdmin: done.user.is_instance_admin };
    return { user: presentUser(actor, done.user, instance) };
  }

  app.get("/auth/oidc/pending", { schema: S.pending }, async (request, reply) => {
    reply.header("cache-control", "no-store");
    return describePendingSignIn(ctx, readFlowToken(request));
  });

  app.post("/auth/oidc/sign-up", { schema: S.signUp }, async (request, reply) => {
    const { user, token, session } = await completeProviderSignUp({
      ctx,
      ip: request.ip,
      actor: request.actor,
      flowToken: readFlowToken(request),
      acceptedPolicyVersionId: request.body.acceptedPolicyVersionId,
      language: request.body.language,
      headers: request.headers,
    });
    return reply.status(201).send(signedIn(request, reply, { user, token, session }));
  });

  app.post("/auth/oidc/confirm-link", { schema: S.confirmLink }, async (request, reply) => {
    const { user, token, session } = await confirmProviderLink({
      ctx,
      ip: request.ip,
      actor: request.actor,
      flowToken: readFlowToken(request),
      password: request.body.password,
      headers: request.headers,
    });
    return signedIn(request, reply, { user, token, session });
  });

  app.delete("/auth/oidc/pending", { schema: S.cancel }, async (request, reply) => {
    await cancelPendingSignIn(ctx, readFlowToken(request));
    clearFlowCookie(request, reply);
    return reply.status(204).send(null);
  });

  app.get("/me/identities", { schema: S.mine }, async (request) => {
    const actor = requireActor(request);
    userPolicy.authorize(actor, "read", await findUserById(ctx.db, actor.userId));
    const [{ identities, hasPassword }, reauth] = await Promise.all([identitiesOf(ctx.db, actor.userId), reauthenticatedAt(ctx.db, actor.sessionId)]);
    const otherWayIn = hasPassword || identities.length > 1;
    const linkedHere = ctx.oidc ? identities.some((i) => i.issuer === ctx.oidc!.issuer) : true;
    return {
      identities: identities
        .filter((identity) => identityPolicy.can(actor, "read", { identity, otherWayIn }))
        .map((identity) => presentIdentity(actor, identity, otherWayIn, providerNameOf(identity.issuer))),
      hasPassword,
      reauthenticatedAt: reauth,
      abilities: { link: !linkedHere },
    };
  });

  app.delete("/me/identities/:id", { schema: S.unlink }, async (request, reply) => {
    const actor = requireActor(request);
    const user = userPolicy.authorize(actor, "update", await findUserById(ctx.db, actor.userId));
    const { identities } = await identitiesOf(ctx.db, actor.userId);
    const identity = identities.find((i) => i.id === request.params.id);
    // Another person's link is as unknown as a missing one; the last way in is a 409 from the command.
    identityPolicy.authorize(actor, "read", identity ? { identity, otherWayIn: true } : undefined);
    await unlinkIdentity({ ctx, ip: request.ip, actor, user, identityId: request.params.id });
    return reply.status(204).send(null);
  });
}
