/**
 * Information posts: a leader reaches the whole group (title, text, files); members read them
 * and mark them seen; leaders see how many have. Every handler reads
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import type { PostRow } from "../../db/types.js";
import { badRequest, notFound } from "../../http/errors.js";
import { parseOrThrow } from "../../http/validation.js";
import type { Actor } from "../../policies/index.js";
import { CreatePostBody } from "../../../shared/schemas/posts.js";
import { listUserCards } from "../accounts/queries.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";
import { listMemberIdsWho, loadGroupAccess } from "../groups/queries.js";
import { readAttachmentForm, sendAttachment } from "../loops/attachment-http.js";
import { decodeCursor, encodeCursor } from "../loops/queries.js";
import { createPost, deletePost, editPost, markPostSeen } from "./commands.js";
import { postPolicy, type PostAccess } from "./policy.js";
import { presentPost } from "./presenters.js";
import { findPostAttachment, listPosts, loadPostAccess, loadPostDetails, type PostDetails } from "./queries.js";
import * as S from "./schema.js";

export async function postsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const load = (postId: string, userId: string) => loadPostAccess(ctx.db, postId, userId);

  /** Presents posts of one group: authors' cards, and the member list when the viewer may read seen counts. */
  async function present(actor: Actor, access: GroupAccess, posts: PostRow[], details?: PostDetails) {
    const d = details ?? (await loadPostDetails(ctx.db, posts));
    const authors = posts.map((p) => p.author_id).filter((id): id is string => id !== null);
    const countsShown = posts.some((post) => postPolicy.can(actor, "readSeen", { post, access }));
    const [cards, memberIds] = await Promise.all([listUserCards(ctx.db, authors), countsShown ? listMemberIdsWho(ctx.db, access.group, "readPosts") : null]);
    const context = { ...d, cards: new Map(cards.map((c) => [c.id, c])), memberIds };
    return posts.map((post) => presentPost(actor, { post, access }, context));
  }
  const presentOne = async (actor: Actor, pa: PostAccess) => ({ post: (await present(actor, pa.access, [pa.post]))[0]! });

  app.get("/groups/:groupId/posts", { schema: S.list }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "readPosts", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const { cursor, limit } = request.query;
    const decoded = decodeCursor(cursor);
    if (cursor && !decoded) throw badRequest("validation", "The cursor is not valid; start from the first page.", { cursor: "invalid" });
    const rows = await listPosts(ctx.db, { organisationId: access.group.organisation_id, groupId: access.group.id, cursor: decoded, limit });
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return { posts: await present(actor, access, shown), nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
  });

  app.post("/groups/:groupId/posts", { schema: S.create }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "publish", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    // Counted before any file is read, so a flood costs no processing.
    await ctx.limiters.postPerUser.consume(actor.userId);
    const { body, files } = request.isMultipart()
      ? await readAttachmentForm(ctx, request, { field: "post", noun: "post", parse: (json) => parseOrThrow(CreatePostBody, json) })
      : { body: parseOrThrow(CreatePostBody, request.body ?? {}), files: [] };
    const { post, attachments } = await createPost({ ctx, ip: request.ip, actor, access, ...body, files });
    const [presented] = await present(actor, access, [post], { attachments: new Map([[post.id, attachments]]), viewers: new Map() });
    return reply.status(201).send({ post: presented! });
  });

  app.get("/posts/:postId", { schema: S.get }, async (request) => {
    const actor = requireActor(request);
    return presentOne(actor, postPolicy.authorize(actor, "read", await load(request.params.postId, actor.userId)));
  });

  app.patch("/posts/:postId", { schema: S.edit }, async (request) => {
    const actor = requireActor(request);
    const pa = postPolicy.authorize(actor, "edit", await load(request.params.postId, actor.userId));
    const post = await editPost({ ctx, ip: request.ip, actor, post: pa.post, ...request.body });
    return presentOne(actor, { ...pa, post });
  });

  app.delete("/posts/:postId", { schema: S.remove }, async (request, reply) => {
    const actor = requireActor(request);
    const pa = postPolicy.authorize(actor, "delete", await load(request.params.postId, actor.userId));
    await deletePost({ ctx, ip: request.ip, actor, post: pa.post });
    return reply.status(204).send(null);
  });

  app.post("/posts/:postId/seen", { schema: S.seen }, async (request, reply) => {
    const actor = requireActor(request);
    const pa = postPolicy.authorize(actor, "markSeen", await load(request.params.postId, actor.userId));
    await markPostSeen({ ctx, ip: request.ip, actor, post: pa.post });
    return reply.status(204).send(null);
  });

  app.get("/posts/:postId/attachments/:attachmentId", { schema: S.attachment }, async (request, reply) => {
    const actor = requireActor(request);
    const pa = postPolicy.authorize(actor, "read", await load(request.params.postId, actor.userId));
    const attachment = await findPostAttachment(ctx.db, pa.post, request.params.attachmentId);
    if (!(await sendAttachment(ctx, reply, attachment, request.query.variant))) throw notFound();
    return reply;
  });
}
