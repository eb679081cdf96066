/**
 * Security headers (design.md §7.7) and the CSRF defence (§7.10).
 *
 * CSRF: the session cookie is SameSite=Lax, and every state-changing request (POST, PUT, PATCH,
 * DELETE) must prove it comes from our own pages: its `Origin` header must be this instance's
 * origin, or — where a browser omits Origin — `Sec-Fetch-Site` must say `same-origin`. Anything
 * else gets 403 `csrf`. GET and HEAD never change state. Scripts and other non-browser clients
 * send `Origin: <PUBLIC_URL>`.
 */
import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import { HttpError } from "./errors.js";

/** The Content-Security-Policy of every HTML page the app serves. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:", "blob:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

/** One year, as browsers' preload lists expect. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * The one request exempt from the Origin check: RFC 8058 one-click unsubscribe, which mail
 * providers POST from their servers with no Origin and no cookie. Its signed token is the only
 * authority (no session is read), so a forged cross-site POST can do nothing the token's holder
 * could not do anyway (modules/notifications/unsubscribe.ts).
 */
const CSRF_EXEMPT_POST = "/api/v1/unsubscribe";

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // HSTS only over HTTPS (below): over plain HTTP the header is meaningless and misleading.
    hsts: false,
    referrerPolicy: { policy: "same-origin" },
    frameguard: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });

  app.addHook("onSend", async (request, reply) => {
    if (request.protocol === "https") {
      reply.header("strict-transport-security", `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`);
    }
  });

  const publicOrigin = new URL(config.publicUrl).origin;
  app.addHook("onRequest", async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    if (request.method === "POST" && request.url.split("?")[0] === CSRF_EXEMPT_POST) return;
    if (!isSameOrigin(request, publicOrigin)) {
      throw new HttpError(403, "csrf", "This request did not come from Openloop's own pages.");
    }
  });
}

function isSameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin) return origin === publicOrigin || origin === `${request.protocol}://${request.host}`;
  return request.headers["sec-fetch-site"] === "same-origin";
}
