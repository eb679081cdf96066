/**
 * Accounts API. Every handler reads top to bottom:
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { clearSessionCookie, listSessions, setSessionCookie } from "../../auth/sessions.js";
import { payloadTooLarge, unsupportedMediaType, notFound } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { MAX_PICTURE_BYTES } from "../../../shared/schemas/accounts.js";
import { changePassword } from "./commands/changePassword.js";
import { confirmEmailChange, requestEmailChange } from "./commands/changeEmail.js";
import { registerUser } from "./commands/registerUser.js";
import { requestPasswordReset, resetPassword } from "./commands/resetPassword.js";
import { endOtherSessions, endSession } from "./commands/sessions.js";
import { removeProfilePicture, setProfilePicture } from "./commands/setProfilePicture.js";
import { signIn } from "./commands/signIn.js";
import { updateProfile } from "./commands/updateProfile.js";
import { sessionPolicy, userCardPolicy, userPolicy } from "./policy.js";
import { canSeeEachOther } from "../groups/queries.js";
import { presentSession, presentUser } from "./presenters.js";
import { findUserById } from "./queries.js";
import * as S from "./schema.js";

/** The language of a new account when the client does not say: the browser's first of sv/en, else English. */
export function browserLanguage(request: FastifyRequest): "en" | "sv" {
  // Browsers list Accept-Language in order of preference.
  for (const part of (request.headers["accept-language"] ?? "").split(",")) {
    const tag = part.split(";")[0]!.trim().toLowerCase();
    if (tag === "sv" || tag.startsWith("sv-")) return "sv";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "en";
}

/** Loads the signed-in user's own row (a deleted account answers 401: its session is gone). */
async function loadSelf(app: FastifyInstance, actor: Actor) {
  return userPolicy.authorize(actor, "read", await findUserById(app.ctx.db, actor.userId));
}

export async function accountsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const instance = { orgCreation: ctx.config.orgCreation };

  app.post("/auth/register", { schema: S.register }, async (request, reply) => {
    const body = request.body;
    const { user, token, session } = await registerUser({
      ctx,
      ip: request.ip,
      name: body.name,
      email: body.email,
      password: body.password,
      language: body.language ?? browserLanguage(request),
      acceptedPolicyVersionId: body.acceptedPolicyVersionId,
      headers: request.headers,
    });
    setSessionCookie(request, reply, token, ctx.timeouts.absoluteMs);
    const actor: Actor = { userId: user.id, sessionId: session.id, isInstanceAdmin: user.is_instance_admin };
    return reply.status(201).send({ user: presentUser(actor, user, instance) });
  });

  app.post("/auth/sign-in", { schema: S.signIn }, async (request, reply) => {
    const { email, password } = request.body;
    const previous = request.actor ? { userId: request.actor.userId, sessionId: request.actor.sessionId } : null;
    const { user, token, session } = await signIn({ ctx, ip: request.ip, email, password, headers: request.headers, previous });
    setSessionCookie(request, reply, token, ctx.timeouts.absoluteMs);
    return { user: presentUser({ userId: user.id, sessionId: session.id, isInstanceAdmin: user.is_instance_admin }, user, instance) };
  });

  app.post("/auth/sign-out", { schema: S.signOut }, async (request, reply) => {
    const actor = requireActor(request);
    await endSession({ ctx, ip: request.ip, actor, session: { id: actor.sessionId, user_id: actor.userId } });
    clearSessionCookie(request, reply);
    return reply.status(204).send(null);
  });

  app.post("/auth/password-reset", { schema: S.requestReset }, async (request, reply) => {
    await requestPasswordReset({ ctx, ip: request.ip, email: request.body.email });
    return reply.status(202).send({ ok: true as const });
  });

  app.post("/auth/password-reset/confirm", { schema: S.confirmReset }, async (request, reply) => {
    await resetPassword({ ctx, ip: request.ip, token: request.body.token, password: request.body.password });
    return reply.status(204).send(null);
  });

  app.post("/auth/email/confirm", { schema: S.confirmEmail }, async (request) => {
    const { user } = await confirmEmailChange({ ctx, ip: request.ip, token: request.body.token });
    // The link may be opened signed out, on another device: abilities are those of the owner.
    const actor = request.actor?.userId === user.id ? request.actor : { userId: user.id, sessionId: "", isInstanceAdmin: user.is_instance_admin };
    return { user: presentUser(actor, user, instance) };
  });

  app.get("/me", { schema: S.getMe }, async (request) => {
    const actor = requireActor(request);
    const user = await loadSelf(fastify, actor);
    return { user: presentUser(actor, user, instance) };
  });

  app.patch("/me", { schema: S.updateMe }, async (request) => {
    const actor = requireActor(request);
    const user = userPolicy.authorize(actor, "update", await loadSelf(fastify, actor));
    const updated = await updateProfile({ ctx, ip: request.ip, actor, user, ...request.body });
    return { user: presentUser(actor, updated, instance) };
  });

  app.put("/me/picture", { schema: S.putPicture }, async (request) => {
    const actor = requireActor(request);
    const upload = await readSingleFile(request);
    const user = userPolicy.authorize(actor, "update", await loadSelf(fastify, actor));
    const updated = await setProfilePicture({ ctx, ip: request.ip, actor, user, upload });
    return { user: presentUser(actor, updated, instance) };
  });

  app.delete("/me/picture", { schema: S.deletePicture }, async (request) => {
    const actor = requireActor(request);
    const user = userPolicy.authorize(actor, "update", await loadSelf(fastify, actor));
    const updated = await removeProfilePicture({ ctx, ip: request.ip, actor, user });
    return { user: presentUser(actor, updated, instance) };
  });

  app.get("/users/:id/picture", { schema: S.getPicture }, async (request, reply) => {
    const actor = requireActor(request);
    const found = await findUserById(ctx.db, request.params.id);
    const card = found ? { user: found, meetInGroup: found.id !== actor.userId && (await canSeeEachOther(ctx.db, actor.userId, found.id)) } : undefined;
    const { user } = userCardPolicy.authorize(actor, "read", card);
    const blob = user.picture_key ? await ctx.blobs.get(user.picture_key) : null;
    if (!blob) throw notFound();
    return sendPicture(reply, blob.data);
  });

  app.post("/me/password", { schema: S.changePassword }, async (request, reply) => {
    const actor = requireActor(request);
    const user = userPolicy.authorize(actor, "update", await loadSelf(fastify, actor));
    await changePassword({ ctx, ip: request.ip, actor, user, ...request.body });
    return reply.status(204).send(null);
  });

  app.post("/me/email", { schema: S.changeEmail }, async (request, reply) => {
    const actor = requireActor(request);
    const user = userPolicy.authorize(actor, "update", await loadSelf(fastify, actor));
    await requestEmailChange({ ctx, ip: request.ip, actor, user, ...request.body });
    return reply.status(202).send({ ok: true as const });
  });

  app.get("/me/sessions", { schema: S.listSessions }, async (request) => {
    const actor = requireActor(request);
    const sessions = await listSessions(ctx.db, actor.userId);
    return { sessions: sessions.filter((s) => sessionPolicy.can(actor, "read", s)).map((s) => presentSession(actor, s)) };
  });

  app.delete("/me/sessions/:id", { schema: S.revokeSession }, async (request, reply) => {
    const actor = requireActor(request);
    const found = (await listSessions(ctx.db, actor.userId)).find((s) => s.id === request.params.id);
    const session = sessionPolicy.authorize(actor, "revoke", found);
    await endSession({ ctx, ip: request.ip, actor, session });
    if (session.id === actor.sessionId) clearSessionCookie(request, reply);
    return reply.status(204).send(null);
  });

  app.post("/me/sessions/revoke-others", { schema: S.revokeOthers }, async (request, reply) => {
    const actor = requireActor(request);
    await endOtherSessions({ ctx, ip: request.ip, actor });
    return reply.status(204).send(null);
  });
}

/** Reads the one file of a multipart upload into memory, bounded by MAX_PICTURE_BYTES. */
async function readSingleFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw unsupportedMediaType("Send the picture as multipart/form-data in the field 'file'.");
  const file = await request.file();
  if (!file) throw unsupportedMediaType("Send the picture in the field 'file'.");
  const data = await file.toBuffer();
  if (file.file.truncated || data.length > MAX_PICTURE_BYTES) throw payloadTooLarge(`Pictures may be at most ${MAX_PICTURE_BYTES / 1024 / 1024} MB.`);
  return data;
}

function sendPicture(reply: FastifyReply, data: Buffer) {
  return reply
    .header("content-type", "image/webp")
    .header("content-disposition", 'inline; filename="picture.webp"')
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, max-age=86400")
    .send(data);
}
