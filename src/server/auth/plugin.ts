/** Resolves the session cookie into `request.actor` before any route runs. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { unauthenticated } from "../http/errors.js";
import type { Actor } from "../policies/index.js";
import { clearSessionCookie, readSessionToken, resolveSession } from "./sessions.js";

export const registerAuth = fp(async (app: FastifyInstance) => {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request, reply) => {
    // Only the API needs to know who is asking; static files and the SPA shell do not.
    if (!request.url.startsWith("/api/")) return;
    const token = readSessionToken(request);
    if (!token) return;
    const { db, clock, timeouts } = app.ctx;
    const resolved = await resolveSession(db, token, clock(), timeouts);
    if (!resolved) {
      clearSessionCookie(request, reply);
      return;
    }
    const { session } = resolved;
    request.actor = {
      userId: session.user_id,
      sessionId: session.id,
      isInstanceAdmin: resolved.isInstanceAdmin,
      card: resolved.card,
      signIn: { method: session.sign_in_method, hostedDomain: session.hosted_domain },
    };
  });
  // auth before validate (design.md §4): a route documented as needing a session answers a
  // visitor 401 before its body is looked at. The same schema documents and enforces it.
  app.addHook("preValidation", async (request) => {
    const security = (request.routeOptions.schema as { security?: unknown[] } | undefined)?.security;
    if (security && security.length > 0) requireActor(request);
  });
});

/** The first step of every signed-in route: the actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
