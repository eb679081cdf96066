/**
 * Comment threads under loops and the leaders' comment bank. Every handler reads
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import type { Actor } from "../../policies/index.js";
import { listUserCards } from "../accounts/queries.js";
import { loadGroupAccess } from "../groups/queries.js";
import { loopPolicy, type LoopAccess } from "../loops/policy.js";
import { listLoopReads, loadLoopAccess } from "../loops/queries.js";
import { addComment, deleteComment, editComment, removeFromBank, saveToBank } from "./commands.js";
import { bankItemPolicy, bankPolicy, commentPolicy, type CommentAccess } from "./policy.js";
import { presentBankItem, presentComment, presentThread } from "./presenters.js";
import { findBankItem, findComment, listBank, listComments } from "./queries.js";
import * as S from "./schema.js";

export async function commentsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;

  const cardsOf = async (ids: (string | null)[]) =>
    new Map((await listUserCards(ctx.db, ids.filter((i): i is string => i !== null))).map((c) => [c.id, c]));

  async function loadComment(commentId: string, userId: string): Promise<CommentAccess | undefined> {
    const comment = await findComment(ctx.db, commentId);
    const loop = comment ? await loadLoopAccess(ctx.db, comment.loop_id, userId) : undefined;
    return comment && loop ? { comment, loop } : undefined;
  }

  async function presentOne(actor: Actor, la: LoopAccess, c: CommentAccess["comment"]) {
    return { comment: presentComment(actor, la, c, await cardsOf([c.author_id])) };
  }

  app.get("/loops/:loopId/comments", { schema: S.thread }, async (request) => {
    const actor = requireActor(request);
    const la = loopPolicy.authorize(actor, "read", await loadLoopAccess(ctx.db, request.params.loopId, actor.userId));
    const [comments, reads] = await Promise.all([listComments(ctx.db, la.loop), listLoopReads(ctx.db, la.loop)]);
    const cards = await cardsOf([...comments.map((c) => c.author_id), ...reads.map((r) => r.user_id)]);
    return presentThread(actor, la, comments, reads, cards);
  });

  app.post("/loops/:loopId/comments", { schema: S.add }, async (request, reply) => {
    const actor = requireActor(request);
    const la = loopPolicy.authorize(actor, "comment", await loadLoopAccess(ctx.db, request.params.loopId, actor.userId));
    await ctx.limiters.postPerUser.consume(actor.userId);
    const comment = await addComment({ ctx, ip: request.ip, actor, loop: la.loop, text: request.body.text });
    return reply.status(201).send(await presentOne(actor, la, comment));
  });

  app.patch("/comments/:commentId", { schema: S.edit }, async (request) => {
    const actor = requireActor(request);
    const ca = commentPolicy.authorize(actor, "edit", await loadComment(request.params.commentId, actor.userId));
    const comment = await editComment({ ctx, ip: request.ip, actor, loop: ca.loop.loop, comment: ca.comment, text: request.body.text });
    return presentOne(actor, ca.loop, comment);
  });

  app.delete("/comments/:commentId", { schema: S.remove }, async (request, reply) => {
    const actor = requireActor(request);
    const ca = commentPolicy.authorize(actor, "delete", await loadComment(request.params.commentId, actor.userId));
    await deleteComment({ ctx, ip: request.ip, actor, loop: ca.loop.loop, comment: ca.comment });
    return reply.status(204).send(null);
  });

  app.get("/groups/:groupId/comment-bank", { schema: S.bank }, async (request) => {
    const actor = requireActor(request);
    const access = bankPolicy.authorize(actor, "use", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const items = await listBank(ctx.db, access.group.organisation_id, access.group.id, actor.userId);
    return { items: items.map((i) => presentBankItem(actor, i)) };
  });

  app.post("/groups/:groupId/comment-bank", { schema: S.save }, async (request, reply) => {
    const actor = requireActor(request);
    const access = bankPolicy.authorize(actor, "use", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const item = await saveToBank({ ctx, ip: request.ip, actor, organisationId: access.group.organisation_id, groupId: access.group.id, ...request.body });
    return reply.status(201).send({ item: presentBankItem(actor, item) });
  });

  app.delete("/comment-bank/:itemId", { schema: S.unsave }, async (request, reply) => {
    const actor = requireActor(request);
    const item = bankItemPolicy.authorize(actor, "delete", await findBankItem(ctx.db, request.params.itemId));
    await removeFromBank({ ctx, ip: request.ip, actor, item });
    return reply.status(204).send(null);
  });
}
