/**
 * Server-side sessions: the cookie carries a random token, the database keeps its SHA-256 with
 * the device and times. A session ends at sign-out, on revocation, after the idle timeout or at
 * its absolute end — whichever comes first.
 */
import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { compiledOnce } from "../db/compiled.js";
import type { Db, DbOrTx } from "../db/index.js";
import type { SessionRow } from "../db/types.js";
import { describeDevice } from "./device.js";
import { hashToken, newSecretToken } from "./tokens.js";

/** Under HTTPS the cookie is `__Host-` prefixed: Secure, host-only, path=/ (browser-enforced). */
export const SESSION_COOKIE = "openloop_session";
export const SECURE_SESSION_COOKIE = "__Host-openloop_session";
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** How a session began: what an organisation's sign-in rule looks at (issue 8). */
export interface SignInFacts {
  method: "password" | "oidc";
  /** The provider's Google Workspace domain (`hd` claim), if any. */
  hostedDomain: string | null;
}

export interface ResolvedSession {
  session: SessionRow;
  isInstanceAdmin: boolean;
  /** The user's name and picture, read in the same statement (the busiest read of the product). */
  card: { name: string; picture_key: string | null };
}

const isHttps = (request: FastifyRequest) => request.protocol === "https";

export function readSessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[isHttps(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE];
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, absoluteMs: number): void {
  const secure = isHttps(request);
  reply.setCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: Math.floor(absoluteMs / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = isHttps(request);
  reply.clearCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
  // The session is over: the browser also drops what it cached of it (attachments are cached
  // privately for an hour) and any storage, as the web app itself does ("All log information is
  // automatically erased from your device when you log out").
  reply.header("Clear-Site-Data", '"cache", "storage"');
}

/** Starts a session for the user; returns the cookie token (shown once, never stored). */
export async function createSession(
  db: DbOrTx,
  input: { userId: string; headers: FastifyRequest["headers"]; now: Date; timeouts: SessionTimeouts; signIn?: SignInFacts },
): Promise<{ token: string; session: SessionRow }> {
  const token = newSecretToken();
  const session: SessionRow = {
    id: randomUUID(),
    user_id: input.userId,
    token_hash: hashToken(token),
    created_at: input.now.toISOString(),
    last_seen_at: input.now.toISOString(),
    expires_at: new Date(input.now.getTime() + input.timeouts.absoluteMs).toISOString(),
    ...describeDevice(input.headers),
    sign_in_method: input.signIn?.method ?? "password",
    hosted_domain: input.signIn?.hostedDomain ?? null,
    reauthenticated_at: null,
  };
  await db.insertInto("sessions").values(session).execute();
  return { token, session };
}

/** Every API request runs this: compiled once (db/compiled.ts). */
const sessionByTokenHash = compiledOnce(1, (db, tokenHash) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("sessions")
    .select(["users.is_instance_admin", "users.name as user_name", "users.picture_key as user_picture_key"])
    .where("sessions.token_hash", "=", tokenHash!),
);

/** The live session for a cookie token, or null (unknown, idle too long, or past its end). */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  timeouts: SessionTimeouts,
): Promise<ResolvedSession | null> {
  const [row] = await sessionByTokenHash(db, hashToken(token));
  if (!row) return null;
  const lastSeen = Date.parse(row.last_seen_at);
  if (Date.parse(row.expires_at) <= now.getTime() || lastSeen + timeouts.idleMs <= now.getTime()) {
    await db.deleteFrom("sessions").where("id", "=", row.id).execute();
    return null;
  }
  const { is_instance_admin, user_name, user_picture_key, ...session } = row;
  if (now.getTime() - lastSeen >= TOUCH_INTERVAL_MS) {
    session.last_seen_at = now.toISOString();
    await db.updateTable("sessions").set({ last_seen_at: session.last_seen_at }).where("id", "=", row.id).execute();
  }
  return { session, isInstanceAdmin: is_instance_admin, card: { name: user_name, picture_key: user_picture_key } };
}

export function listSessions(db: DbOrTx, userId: string): Promise<SessionRow[]> {
  return db.selectFrom("sessions").selectAll().where("user_id", "=", userId).orderBy("last_seen_at", "desc").execute();
}

/** Ends one of the user's sessions; false when it is not theirs or does not exist. */
export async function revokeSession(db: DbOrTx, userId: string, sessionId: string): Promise<boolean> {
  const res = await db.deleteFrom("sessions").where("id", "=", sessionId).where("user_id", "=", userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Ends every session of the user except `keepSessionId` (none kept when null). */
export async function revokeSessionsExcept(db: DbOrTx, userId: string, keepSessionId: string | null): Promise<number> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "!=", keepSessionId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Removes sessions that can no longer be used (run at start and periodically). */
export async function purgeExpiredSessions(db: Db, now: Date, timeouts: SessionTimeouts): Promise<void> {
  const idleCutoff = new Date(now.getTime() - timeouts.idleMs).toISOString();
  await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", now.toISOString()), eb("last_seen_at", "<=", idleCutoff)]))
    .execute();
}

/** Rows per statement when a list of users is read or written (well under every driver's parameter limit). */
const SESSION_BATCH = 500;

/**
 * Ends the sessions of these users whose way in `keep` refuses (issue 8: an organisation's
 * sign-in rule became stricter, or someone joined an organisation with a rule). Runs in the
 * caller's transaction; returns how many ended and whose, so the caller can close their live
 * streams once committed.
 */
export async function revokeSessionsNotMeeting(
  db: DbOrTx,
  userIds: readonly string[],
  keep: (facts: SignInFacts) => boolean,
): Promise<{ count: number; userIds: string[] }> {
  const doomed: Array<{ id: string; user_id: string }> = [];
  for (let i = 0; i < userIds.length; i += SESSION_BATCH) {
    const rows = await db
      .selectFrom("sessions")
      .select(["id", "user_id", "sign_in_method", "hosted_domain"])
      .where("user_id", "in", userIds.slice(i, i + SESSION_BATCH))
      .execute();
    for (const row of rows) if (!keep({ method: row.sign_in_method, hostedDomain: row.hosted_domain })) doomed.push(row);
  }
  for (let i = 0; i < doomed.length; i += SESSION_BATCH) {
    await db.deleteFrom("sessions").where("id", "in", doomed.slice(i, i + SESSION_BATCH).map((s) => s.id)).execute();
  }
  return { count: doomed.length, userIds: [...new Set(doomed.map((s) => s.user_id))] };
}
