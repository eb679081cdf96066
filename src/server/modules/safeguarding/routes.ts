/**
 * Safeguarding (issue 7): administrators designate the organisation's safeguarding contacts; a
 * leader flags a loop "requires reporting"; the contacts open it with its thread (an anonymous
 * loop still without its sender) and record what was done. Every step and every view is audited.
 * Every handler reads auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import type { SafeguardingFlagRow } from "../../db/tables/safeguarding.js";
import { notFound } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { listUserCards } from "../accounts/queries.js";
import { listComments } from "../comments/queries.js";
import { findGroups, loadGroupAccess } from "../groups/queries.js";
import { sendAttachment } from "../loops/attachment-http.js";
import { loopPolicy, type LoopAccess } from "../loops/policy.js";
import { presentPerson } from "../loops/presenters.js";
import { findAttachment, listLoopReads, loadLoopAccess, loadLoopDetails } from "../loops/queries.js";
import { addContact, flagLoop, recordStep, recordView, removeContact } from "./commands.js";
import { flagPolicy, loopSafeguardingPolicy, orgSafeguardingPolicy, type FlagAccess, type OrgSafeguardingAccess } from "./policy.js";
import { presentFlag, presentFlaggedLoop, presentFlagSummary, presentStep, type FlagContext } from "./presenters.js";
import { isContact, listContactIds, listContacts, listFlags, listSteps, loadFlagAccess, loadOrgSafeguardingAccess, loopsOf } from "./queries.js";
import { keysetPages } from "../../db/keyset.js";
import * as S from "./schema.js";

export async function safeguardingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const loadOrg = (orgId: string, userId: string) => loadOrgSafeguardingAccess(ctx.db, orgId, userId);

  const cardsOf = async (ids: (string | null)[]) =>
    new Map((await listUserCards(ctx.db, ids.filter((i): i is string => i !== null))).map((c) => [c.id, { id: c.id, name: c.name, picture_key: c.picture_key }]));

  async function flagContext(flags: readonly SafeguardingFlagRow[], extraPeople: (string | null)[] = []): Promise<FlagContext> {
    const [cards, groups] = await Promise.all([
      cardsOf([...flags.map((f) => f.flagged_by), ...extraPeople]),
      findGroups(ctx.db, flags.map((f) => f.group_id).filter((g): g is string => g !== null)),
    ]);
    return { cards, groups: new Map(groups.map((g) => [g.id, g.name])) };
  }

  async function presentContacts(actor: Actor, oa: OrgSafeguardingAccess) {
    const rows = await listContacts(ctx.db, oa.org.org.id);
    const cards = await cardsOf(rows.map((r) => r.user_id));
    const contacts = rows.flatMap((r) => {
      const person = presentPerson(cards.get(r.user_id));
      return person ? [{ person, since: r.created_at }] : [];
    });
    return {
      contacts,
      isContact: oa.isContact,
      abilities: { manage: orgSafeguardingPolicy.can(actor, "manageContacts", oa) },
    };
  }

  /** A flag's history (and the flag as the viewer sees it). */
  async function presentHistory(actor: Actor, fa: FlagAccess) {
    const steps = await listSteps(ctx.db, fa.flag);
    const d = await flagContext([fa.flag], steps.map((s) => s.actor_id));
    return { flag: presentFlag(actor, fa, d), history: steps.map((s) => presentStep(s, d.cards)) };
  }

  app.get("/organisations/:orgId/safeguarding-contacts", { schema: S.contacts }, async (request) => {
    const actor = requireActor(request);
    const oa = orgSafeguardingPolicy.authorize(actor, "read", await loadOrg(request.params.orgId, actor.userId));
    return presentContacts(actor, oa);
  });

  app.post("/organisations/:orgId/safeguarding-contacts", { schema: S.addContact }, async (request) => {
    const actor = requireActor(request);
    const oa = orgSafeguardingPolicy.authorize(actor, "manageContacts", await loadOrg(request.params.orgId, actor.userId));
    await addContact({ ctx, ip: request.ip, actor, organisationId: oa.org.org.id, userId: request.body.userId });
    return presentContacts(actor, { ...oa, isContact: oa.isContact || request.body.userId === actor.userId });
  });

  app.delete("/organisations/:orgId/safeguarding-contacts/:userId", { schema: S.removeContact }, async (request, reply) => {
    const actor = requireActor(request);
    const oa = orgSafeguardingPolicy.authorize(actor, "manageContacts", await loadOrg(request.params.orgId, actor.userId));
    await removeContact({ ctx, ip: request.ip, actor, organisationId: oa.org.org.id, userId: request.params.userId });
    return reply.status(204).send(null);
  });

  app.get("/loops/:loopId/safeguarding-flags", { schema: S.loopFlags }, async (request) => {
    const actor = requireActor(request);
    const la = loopSafeguardingPolicy.authorize(actor, "read", await loadLoopAccess(ctx.db, request.params.loopId, actor.userId));
    const { loop } = la;
    const [contactIds, contact] = await Promise.all([listContactIds(ctx.db, loop.organisation_id), isContact(ctx.db, loop.organisation_id, actor.userId)]);
    // Only what the viewer may see: their own flags, or (a contact) every flag — never to the sender.
    const rows = await listFlags(ctx.db, { organisationId: loop.organisation_id, loopId: loop.id, flaggedBy: contact ? undefined : actor.userId, limit: 100 });
    const visible = rows.map((flag): FlagAccess => ({ flag, isContact: contact, loop })).filter((fa) => flagPolicy.can(actor, "read", fa));
    const d = await flagContext(visible.map((fa) => fa.flag));
    return {
      flags: visible.map((fa) => presentFlagSummary(actor, fa, d)),
      abilities: { flag: loopSafeguardingPolicy.can(actor, "flag", la) },
      // As the flag's 409 decides it (commands.ts): for an anonymous loop, not by who sent it.
      contactsDesignated: contactIds.some((id) => loop.is_anonymous || id !== loop.sender_id),
    };
  });

  app.post("/loops/:loopId/safeguarding-flags", { schema: S.flagLoop }, async (request, reply) => {
    const actor = requireActor(request);
    const la = loopSafeguardingPolicy.authorize(actor, "flag", await loadLoopAccess(ctx.db, request.params.loopId, actor.userId));
    // Each flag e-mails every contact: the same limit as loops and comments keeps a slip from flooding them.
    await ctx.limiters.postPerUser.consume(actor.userId);
    const flag = await flagLoop({ ctx, ip: request.ip, actor, loop: la.loop, ...request.body });
    const fa: FlagAccess = { flag, isContact: await isContact(ctx.db, flag.organisation_id, actor.userId), loop: la.loop };
    return reply.status(201).send({ flag: presentFlag(actor, fa, await flagContext([flag])) });
  });

  app.get("/organisations/:orgId/safeguarding-flags", { schema: S.listFlags }, async (request) => {
    const actor = requireActor(request);
    const oa = orgSafeguardingPolicy.authorize(actor, "read", await loadOrg(request.params.orgId, actor.userId));
    const { status, limit } = request.query;
    // A flag the viewer may not read (a contact's own loop) is left out after the query: read on until the page is full.
    const visible: FlagAccess[] = [];
    const pages = keysetPages((before) => listFlags(ctx.db, { organisationId: oa.org.org.id, status, flaggedBy: oa.isContact ? undefined : actor.userId, limit, before }), limit);
    for await (const rows of pages) {
      const loops = await loopsOf(ctx.db, rows);
      for (const flag of rows) {
        const fa: FlagAccess = { flag, isContact: oa.isContact, loop: (flag.loop_id && loops.get(flag.loop_id)) || null };
        if (visible.length < limit && flagPolicy.can(actor, "read", fa)) visible.push(fa);
      }
      if (visible.length >= limit) break;
    }
    const d = await flagContext(visible.map((fa) => fa.flag));
    return { flags: visible.map((fa) => presentFlagSummary(actor, fa, d)), isContact: oa.isContact };
  });

  /** The flagged loop as the viewer may open it through the flag: contacts always, its flagger while they may read it. */
  async function loopThrough(actor: Actor, fa: FlagAccess): Promise<LoopAccess | null> {
    if (!fa.loop) return null;
    const access = await loadGroupAccess(ctx.db, fa.loop.group_id, actor.userId);
    if (!access) return null;
    const la: LoopAccess = { loop: fa.loop, access };
    const asContact = fa.isContact && flagPolicy.can(actor, "read", fa);
    return asContact || loopPolicy.can(actor, "read", la) ? la : null;
  }

  app.get("/safeguarding-flags/:flagId", { schema: S.getFlag }, async (request) => {
    const actor = requireActor(request);
    const fa = flagPolicy.authorize(actor, "read", await loadFlagAccess(ctx.db, request.params.flagId, actor.userId));
    const la = await loopThrough(actor, fa);
    await recordView({ ctx, ip: request.ip, actor, flag: fa.flag, what: "flag" });
    const history = await presentHistory(actor, fa);
    if (!la) return { ...history, loop: null, thread: null };
    const [details, comments, reads] = await Promise.all([loadLoopDetails(ctx.db, [la.loop], actor.userId), listComments(ctx.db, la.loop), listLoopReads(ctx.db, la.loop)]);
    const cards = await cardsOf([...comments.map((c) => c.author_id), ...reads.map((r) => r.user_id)]);
    return { ...history, ...presentFlaggedLoop(actor, fa.flag, la, details, { comments, reads, cards }) };
  });

  app.post("/safeguarding-flags/:flagId/steps", { schema: S.recordStep }, async (request, reply) => {
    const actor = requireActor(request);
    const fa = flagPolicy.authorize(actor, "recordStep", await loadFlagAccess(ctx.db, request.params.flagId, actor.userId));
    const { flag } = await recordStep({ ctx, ip: request.ip, actor, flag: fa.flag, ...request.body });
    return reply.status(201).send(await presentHistory(actor, { ...fa, flag }));
  });

  app.get("/safeguarding-flags/:flagId/attachments/:attachmentId", { schema: S.attachment }, async (request, reply) => {
    const actor = requireActor(request);
    const fa = flagPolicy.authorize(actor, "read", await loadFlagAccess(ctx.db, request.params.flagId, actor.userId));
    const la = await loopThrough(actor, fa);
    const attachment = la ? await findAttachment(ctx.db, la.loop, request.params.attachmentId) : undefined;
    if (!attachment) throw notFound();
    await recordView({ ctx, ip: request.ip, actor, flag: fa.flag, what: "attachment" });
    if (!(await sendAttachment(ctx, reply, attachment, request.query.variant))) throw notFound();
    return reply;
  });
}
