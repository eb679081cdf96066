/**
 * Live updates: one EventSource on /api/v1/events for the whole app while someone is signed in.
 * An event names only what changed (a loop of a group); the app refetches through the API, which
 * applies every visibility and anonymity rule, so nothing here can leak who did what.
 */
import { useEffect } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { LiveEvent } from "../../shared/schemas/loops.js";
import { API_BASE } from "../api/client.js";
import { tasksKey } from "../api/tasks.js";
import { inboxKey, loopKey, loopsKey, myLoopsKey } from "./loopKeys.js";
import { groupMembersKey } from "./queryClient.js";
import { feedKey } from "./feedKeys.js";
import { postsKey } from "../api/posts.js";

/** Waits before reconnecting after the server closed the stream for good (it doubles up to the maximum). */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/** Refreshes what one event touches: the inbox, my loops, the loop itself and its thread. */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  if (event.type === "feed.changed") {
    void queryClient.invalidateQueries({ queryKey: feedKey });
    // A feed item may be about a new information post: an open group Home shows it at once.
    void queryClient.invalidateQueries({ queryKey: postsKey });
    return;
  }
  void queryClient.invalidateQueries({ queryKey: inboxKey });
  void queryClient.invalidateQueries({ queryKey: myLoopsKey });
  // The loop's key is the prefix of its thread's, so both refresh.
  void queryClient.invalidateQueries({ queryKey: loopKey(event.loopId) });
  // A report sent or approved changes the task's state and progress on the group's pages.
  void queryClient.invalidateQueries({ queryKey: tasksKey(event.groupId) });
  // A new loop may come from someone who joined since the inbox's member filter was loaded.
  if (event.type === "loop.created") void queryClient.invalidateQueries({ queryKey: groupMembersKey(event.groupId) });
}

/** Keeps the one live connection open while `enabled` (someone is signed in). */
export function useLiveEvents(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let retryMs = RETRY_FIRST_MS;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let hadConnection = false;

    const connect = () => {
      source = new EventSource(`${API_BASE}/events`, { withCredentials: true });
      source.onopen = () => {
        retryMs = RETRY_FIRST_MS;
        // Events may have been missed while the connection was down: refresh everything once.
        if (hadConnection) {
          void queryClient.invalidateQueries({ queryKey: loopsKey });
          void queryClient.invalidateQueries({ queryKey: feedKey });
        }
        hadConnection = true;
      };
      source.onmessage = (message: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = LiveEvent.safeParse(data);
        if (parsed.success) applyLiveEvent(queryClient, parsed.data);
      };
      source.onerror = () => {
        // The browser retries by itself unless the server refused the stream (e.g. 401, 404).
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        source = null;
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [enabled, queryClient]);
}
