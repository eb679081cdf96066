/**
 * The live event stream (server-sent events). Each connection hears every event of the process
 * (realtime/) and passes on only those about loops its viewer may read — decided by the same
 * loop policy as every GET — and the event itself names no person: the client refetches.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../app.js";
import { readSessionToken, resolveSession } from "../../auth/sessions.js";
import type { Actor } from "../../policies/index.js";
import type { RealtimeEvent } from "../../realtime/realtime.js";
import type { LiveEvent } from "../../../shared/schemas/loops.js";
import { groupPolicy } from "../groups/policy.js";
import { listGroupsForUser, loadGroupAccess } from "../groups/queries.js";
import { loopPolicy } from "./policy.js";
import { listMyLoopOrganisationIds, loadLoopAccess } from "./queries.js";

/** Comment lines keep proxies from closing an idle stream; each also re-checks the session. */
const HEARTBEAT_MS = 25_000;

/** Each open stream's end, with its viewer. */
const open = new WeakMap<AppContext, Map<() => void, string>>();

/** Ends every open stream (on shutdown, so the server can close). */
export function closeEventStreams(ctx: AppContext): void {
  for (const end of [...(open.get(ctx)?.keys() ?? [])]) end();
}

/** Ends one person's open streams at once (their account was erased), without waiting for the heartbeat. */
export function closeEventStreamsOf(ctx: AppContext, userId: string): void {
  for (const [end, viewer] of [...(open.get(ctx) ?? [])]) if (viewer === userId) end();
}

/** How often, at most, a stream re-reads its viewer's organisations because of one organisation not among them. */
const REFRESH_PER_ORGANISATION_MS = 1000;

/**
 * A cheap first sieve: only events of organisations the viewer has a group in (or sent loops
 * in) go on to the policy check, which reads the database. An event of an organisation not in
 * the set re-reads it — the viewer may have joined since — at most once a second per
 * organisation, so other schools' traffic costs nothing.
 */
function organisationSieve(ctx: AppContext, actor: Actor): (organisationId: string) => Promise<boolean> {
  let mine = new Set<string>();
  const lastTried = new Map<string, number>();
  return async (organisationId) => {
    if (mine.has(organisationId)) return true;
    const now = Date.now();
    if (now - (lastTried.get(organisationId) ?? Number.NEGATIVE_INFINITY) < REFRESH_PER_ORGANISATION_MS) return false;
    lastTried.set(organisationId, now);
    const [groups, sentIn] = await Promise.all([listGroupsForUser(ctx.db, actor.userId), listMyLoopOrganisationIds(ctx.db, actor.userId)]);
    mine = new Set([...groups.map((g) => g.group.organisation_id), ...sentIn]);
    return mine.has(organisationId);
  };
}

async function mayHear(ctx: AppContext, actor: Actor, event: RealtimeEvent): Promise<boolean> {
  if (event.type === "feed.changed") return event.userId === actor.userId;
  if (event.type === "loop.deleted") {
    // The loop is gone: only those who read the group's loops hear of it.
    const access = await loadGroupAccess(ctx.db, event.groupId, actor.userId);
    return access !== undefined && groupPolicy.can(actor, "readLoops", access);
  }
  const la = await loadLoopAccess(ctx.db, event.loopId, actor.userId);
  return la !== undefined && loopPolicy.can(actor, "read", la);
}

/** What the client receives: the kind of change and, for a loop, which one — never who. */
function liveEventOf(event: RealtimeEvent): LiveEvent {
  return event.type === "feed.changed" ? { type: event.type } : { type: event.type, groupId: event.groupId, loopId: event.loopId };
}

export function openEventStream(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, actor: Actor): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-content-type-options": "nosniff",
    // Tell nginx-like proxies not to buffer the stream.
    "x-accel-buffering": "no",
  });
  raw.write("retry: 5000\n\n");
  const token = readSessionToken(request);
  // Events are delivered one at a time, in order, after each check.
  let queue = Promise.resolve();
  const concerns = organisationSieve(ctx, actor);
  const unsubscribe = ctx.realtime.subscribe((event) => {
    queue = queue
      .then(async () => {
        // A feed event is the viewer's own: no organisation sieve (an invitation may come from a school they are not in yet).
        const relevant = event.type === "feed.changed" ? event.userId === actor.userId : await concerns(event.organisationId);
        if (relevant && (await mayHear(ctx, actor, event))) raw.write(`data: ${JSON.stringify(liveEventOf(event))}\n\n`);
      })
      .catch((err: unknown) => request.log.warn({ err }, "live event not delivered"));
  });
  const heartbeat = setInterval(() => {
    void (async () => {
      // A session that ended (sign-out, revoked, expired) ends its stream.
      const alive = token ? await resolveSession(ctx.db, token, ctx.clock(), ctx.timeouts).catch(() => null) : null;
      if (!alive || alive.session.id !== actor.sessionId) end();
      else raw.write(": ping\n\n");
    })();
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const streams = open.get(ctx) ?? new Map<() => void, string>();
  open.set(ctx, streams);
  let ended = false;
  function end() {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(end);
    raw.end();
  }
  streams.set(end, actor.userId);
  raw.on("close", end);
}
