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
import { groupPolicy } from "../groups/policy.js";
import { loadGroupAccess } from "../groups/queries.js";
import { loopPolicy } from "./policy.js";
import { loadLoopAccess } from "./queries.js";

/** Comment lines keep proxies from closing an idle stream; each also re-checks the session. */
const HEARTBEAT_MS = 25_000;

const open = new WeakMap<AppContext, Set<() => void>>();

/** Ends every open stream (on shutdown, so the server can close). */
export function closeEventStreams(ctx: AppContext): void {
  for (const end of open.get(ctx) ?? []) end();
}

async function mayHear(ctx: AppContext, actor: Actor, event: RealtimeEvent): Promise<boolean> {
  if (event.type === "loop.deleted") {
    // The loop is gone: only those who read the group's loops hear of it.
    const access = await loadGroupAccess(ctx.db, event.groupId, actor.userId);
    return access !== undefined && groupPolicy.can(actor, "readLoops", access);
  }
  const la = await loadLoopAccess(ctx.db, event.loopId, actor.userId);
  return la !== undefined && loopPolicy.can(actor, "read", la);
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
  const unsubscribe = ctx.realtime.subscribe((event) => {
    queue = queue
      .then(async () => {
        if (await mayHear(ctx, actor, event)) raw.write(`data: ${JSON.stringify({ type: event.type, groupId: event.groupId, loopId: event.loopId })}\n\n`);
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
  const streams = open.get(ctx) ?? new Set();
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
  streams.add(end);
  raw.on("close", end);
}
