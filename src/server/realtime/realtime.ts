/**
 * Live events behind one interface. In-process now: every connection of this process hears every
 * event and filters it for its own viewer through the policies (modules/loops/live.ts). The
 * scale-out implementation (PostgreSQL LISTEN/NOTIFY) will fan events out between processes.
 */
import { EventEmitter } from "node:events";
import type { LoopLiveEvent } from "../../shared/schemas/loops.js";

/**
 * An event with its tenant, so a listener can skip other organisations' events cheaply: a loop's
 * (heard by those the loop policy lets read it) or one user's feed (heard by that user only).
 */
export type RealtimeEvent = (LoopLiveEvent & { organisationId: string }) | { type: "feed.changed"; organisationId: string; userId: string };

export interface Realtime {
  /** Delivers to every subscriber (after the writing transaction committed). */
  publish(event: RealtimeEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: RealtimeEvent) => void): () => void;
}

export class InProcessRealtime implements Realtime {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open connection: hundreds are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish(event: RealtimeEvent): void {
    this.emitter.emit("event", event);
  }

  subscribe(listener: (event: RealtimeEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }
}
