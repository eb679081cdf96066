/**
 * The cookie that binds a sign-in at the provider to the browser that started it: a random token
 * whose SHA-256 keys the flow's row (state, nonce, PKCE verifier). A callback from another browser,
 * or a replayed one, finds no flow. HttpOnly, SameSite=Lax (the provider's redirect back is a
 * top-level GET), Secure and `__Host-` prefixed under HTTPS, gone after FLOW_LIFETIME_MS.
 */
import type { FastifyReply, FastifyRequest } from "fastify";

export const FLOW_COOKIE = "openloop_oidc";
const SECURE_FLOW_COOKIE = "__Host-openloop_oidc";
/** A person has this long at the provider and on the page that asks them to confirm. */
export const FLOW_LIFETIME_MS = 15 * 60_000;

const isHttps = (request: FastifyRequest) => request.protocol === "https";
const cookieName = (request: FastifyRequest) => (isHttps(request) ? SECURE_FLOW_COOKIE : FLOW_COOKIE);

export function readFlowToken(request: FastifyRequest): string | undefined {
  return request.cookies[cookieName(request)];
}

export function setFlowCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(cookieName(request), token, { httpOnly: true, sameSite: "lax", secure: isHttps(request), path: "/", maxAge: FLOW_LIFETIME_MS / 1000 });
}

export function clearFlowCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(cookieName(request), { httpOnly: true, sameSite: "lax", secure: isHttps(request), path: "/" });
}
