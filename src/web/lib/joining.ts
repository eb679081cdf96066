/** Joining a group by code or invitation, and the hand-over through sign-up or sign-in. */
import { useEffect, useEffectEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { JoinResult } from "../api/groups.js";
import { groupsKey, organisationsKey } from "./queryClient.js";

/** What a visitor was doing when sent to sign up: joining with a code, or accepting an invitation. */
export type HandOver = "join" | "invitation";

export function handOverOf(path: string | null): HandOver | null {
  if (path === null) return null;
  if (path === "/join" || path.startsWith("/join/")) return "join";
  if (path.startsWith("/invitations/accept")) return "invitation";
  return null;
}

/** What the page we land on after joining shows: whom we became. */
export interface JoinedState {
  joined?: JoinResult["role"];
}

/** Returns a function that refreshes my groups and organisations and opens what I joined. */
function useOpenJoined() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (result: JoinResult) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: groupsKey }),
      queryClient.invalidateQueries({ queryKey: organisationsKey }),
    ]);
    const state: JoinedState = { joined: result.role };
    const target = result.kind === "group" && result.groupId ? `/groups/${result.groupId}` : `/organisations/${result.organisationId}`;
    await navigate(target, { replace: true, state });
  };
}

/**
 * Joining (by code or invitation): at once when `now` is set (the person arrives from signing up
 * through the link), otherwise when they confirm. The automatic run is a query, not a mutation,
 * so it is sent once even if the page renders again (as on the confirm-email page).
 */
export function useJoin(key: readonly unknown[], join: (value: string) => Promise<JoinResult>, now: string | null) {
  const open = useOpenJoined();
  const automatic = useQuery({
    queryKey: ["join-now", ...key],
    enabled: now !== null,
    queryFn: () => join(now ?? ""),
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const confirmed = useMutation({ mutationFn: join, onSuccess: open });
  const joined = automatic.data;
  const openJoined = useEffectEvent((result: JoinResult) => void open(result));
  useEffect(() => {
    if (joined) openJoined(joined);
  }, [joined]);
  return {
    /** Joining at once is running (or done and opening the group). */
    automaticPending: now !== null && (automatic.isPending || automatic.isSuccess),
    automaticError: automatic.error,
    confirm: confirmed,
  };
}
