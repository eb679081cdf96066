/**
 * Unsubscribe links: each e-mail turns off its own kind with one click, without signing in.
 *
 * A token is `<userId>.<scope>.<base64url(HMAC-SHA256(key, userId + "." + scope))>` with a random
 * key per user (`notification_keys`, made the first time a link is needed). The scope is one
 * notification kind — the link of an immediate e-mail and each kind's link in a digest — or
 * `digest`, which only the digest's List-Unsubscribe header carries: a mail provider's
 * "unsubscribe" button on a daily summary means "no more summaries", so it turns off every kind
 * that is delivered in the digest. A token works for its own user and scope only: the signature
 * covers both. Nothing expires — a link in an old e-mail still unsubscribes — and deleting the
 * account deletes the key, after which its links answer 404 like any unknown token.
 *
 * `POST /unsubscribe?token=` is the RFC 8058 one-click target: mail providers POST
 * `List-Unsubscribe=One-Click` as a form, with no cookie and no Origin, so http/security.ts
 * exempts exactly this path from the Origin check. No session is read: the token is the authority.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext, CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import { RateLimiter, type Limit } from "../../auth/rate-limits.js";
import type { DbOrTx } from "../../db/index.js";
import { notFound } from "../../http/errors.js";
import { ErrorBody } from "../../../shared/errors.js";
import { DIGEST_SCOPE, NOTIFICATION_KINDS, NotificationKind, UnsubscribeInfo, UnsubscribeQuery, UnsubscribeScope } from "../../../shared/schemas/notifications.js";
import { findUserById } from "../accounts/queries.js";
import { deliveriesOf, setDelivery } from "./deliveries.js";
import type { UnsubscribeLinks } from "./emails.js";


const KEY_BYTES = 32;
/** Mail providers of a whole school may call from one address; this only stops a flood. */
export const UNSUBSCRIBE_PER_IP: Limit = { points: 300, windowSeconds: 15 * 60 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function findKey(db: DbOrTx, userId: string): Promise<Buffer | null> {
  const row = await db.selectFrom("notification_keys").select("unsubscribe_key").where("user_id", "=", userId).executeTakeFirst();
  return row ? Buffer.from(row.unsubscribe_key, "base64url") : null;
}

/** The user's signing key, made on first need (two makers at once: the first one stays). */
async function keyFor(db: DbOrTx, userId: string, now: Date): Promise<Buffer> {
  const existing = await findKey(db, userId);
  if (existing) return existing;
  await db
    .insertInto("notification_keys")
    .values({ user_id: userId, unsubscribe_key: randomBytes(KEY_BYTES).toString("base64url"), created_at: now.toISOString() })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  return (await findKey(db, userId))!;
}

const sign = (key: Buffer, userId: string, scope: string) => createHmac("sha256", key).update(`${userId}.${scope}`).digest("base64url");

/** A token that turns off `scope` for the user. */
export async function unsubscribeToken(db: DbOrTx, userId: string, scope: UnsubscribeScope, now: Date): Promise<string> {
  return `${userId}.${scope}.${sign(await keyFor(db, userId, now), userId, scope)}`;
}

/** The user and scope of a genuine token; null for anything else (never makes a key). */
export async function readUnsubscribeToken(db: DbOrTx, token: string): Promise<{ userId: string; scope: UnsubscribeScope } | null> {
  const [userId, scope, signature, ...rest] = token.split(".");
  if (rest.length > 0 || !userId || !scope || !signature || !UUID.test(userId)) return null;
  const parsed = UnsubscribeScope.safeParse(scope);
  if (!parsed.success) return null;
  const key = await findKey(db, userId);
  if (!key) return null;
  // Compared as text, not decoded bytes: base64url's spare bits would let two spellings pass.
  const expected = Buffer.from(sign(key, userId, parsed.data));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, scope: parsed.data };
}

/** The footer and header links of an e-mail with these kinds: `header` is one kind, or `digest`. */
export async function unsubscribeLinks(ctx: AppContext, userId: string, kinds: readonly NotificationKind[], header: UnsubscribeScope): Promise<UnsubscribeLinks> {
  const now = ctx.clock();
  const base = ctx.config.publicUrl;
  const pages: UnsubscribeLinks["pages"] = {};
  for (const kind of kinds) pages[kind] = `${base}/unsubscribe?token=${encodeURIComponent(await unsubscribeToken(ctx.db, userId, kind, now))}`;
  return {
    header: `${base}/api/v1/unsubscribe?token=${encodeURIComponent(await unsubscribeToken(ctx.db, userId, header, now))}`,
    pages,
    settings: `${base}/profile/notifications`,
  };
}

/** The kinds a scope names for this user now: one kind, or every kind they get in the digest. */
async function kindsOf(db: DbOrTx, userId: string, scope: UnsubscribeScope): Promise<NotificationKind[]> {
  if (scope !== DIGEST_SCOPE) return [scope];
  const chosen = (await deliveriesOf(db, [userId])).get(userId)!;
  return NOTIFICATION_KINDS.filter((k) => chosen[k] === "digest");
}

/** Turns the scope's e-mails off (its kind, or every kind in the digest) and audits it. */
export async function unsubscribe({ ctx, ip, userId, scope }: CommandBase & { userId: string; scope: UnsubscribeScope }): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    const kinds = await kindsOf(tx, userId, scope);
    for (const kind of kinds) await setDelivery(tx, userId, kind, "off");
    // The token holder acts for the account (a mail provider, or its owner without signing in).
    await recordAudit(tx, { ip, action: "notifications.unsubscribed", actorId: userId, subjectType: "user", subjectId: userId, data: { scope, kinds: kinds.join(",") }, at: now });
  });
}

/** "k***@example.org": enough to recognise one's own address, not to learn someone's. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at > 0 ? `${email[0]}***${email.slice(at)}` : "***";
}

const tags = ["notifications"];
const errors = { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody };
const S = {
  info: {
    tags,
    summary: "What an e-mail's unsubscribe link turns off (no session needed)",
    description: "404 for a token that is not genuine, exactly as for an unknown one.",
    querystring: UnsubscribeQuery,
    response: { 200: UnsubscribeInfo, ...errors },
  },
  unsubscribe: {
    tags,
    summary: "Turn off the e-mails of an unsubscribe link (one click, no session)",
    description:
      "The RFC 8058 one-click target of the List-Unsubscribe header: accepts the body `List-Unsubscribe=One-Click` " +
      "(application/x-www-form-urlencoded or multipart/form-data) or none, and needs no Origin header or cookie — the token is the authority. " +
      "Only the token's own kind changes (a digest's header token: every kind delivered in the digest).",
    querystring: UnsubscribeQuery,
    response: { 200: z.object({ kind: UnsubscribeScope }), ...errors },
  },
};

/** GET and POST /unsubscribe?token= (registered under /api/v1). */
export async function unsubscribeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const perIp = new RateLimiter("unsubscribePerIp", UNSUBSCRIBE_PER_IP);
  // RFC 8058's form body. Only this plugin's routes (an encapsulated scope) accept forms; the body says nothing the token does not.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  async function load(ip: string, token: string) {
    await perIp.consume(ip);
    const found = await readUnsubscribeToken(ctx.db, token);
    const user = found && (await findUserById(ctx.db, found.userId));
    if (!found || !user) throw notFound();
    return { ...found, user };
  }

  app.get("/unsubscribe", { schema: S.info }, async (request) => {
    const { userId, scope, user } = await load(request.ip, request.query.token);
    const chosen = (await deliveriesOf(ctx.db, [userId])).get(userId)!;
    const off = scope === DIGEST_SCOPE ? NOTIFICATION_KINDS.every((k) => chosen[k] !== "digest") : chosen[scope] === "off";
    return { kind: scope, email: maskEmail(user.email), off };
  });

  app.post("/unsubscribe", { schema: S.unsubscribe }, async (request) => {
    const { userId, scope } = await load(request.ip, request.query.token);
    await unsubscribe({ ctx, ip: request.ip, userId, scope });
    return { kind: scope };
  });
}
