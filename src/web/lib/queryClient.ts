/** The react-query client and the keys of the queries the app shares. */
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, isUnauthenticated } from "../api/client.js";

export const meKey = ["me"] as const;
export const sessionsKey = ["me", "sessions"] as const;

// Groups and organisations: invalidating a prefix (e.g. groupKey(id)) refreshes all below it.
export const groupsKey = ["groups"] as const;
export const groupKey = (groupId: string) => ["groups", groupId] as const;
export const groupMembersKey = (groupId: string) => ["groups", groupId, "members"] as const;
export const groupCodesKey = (groupId: string) => ["groups", groupId, "codes"] as const;
export const groupInvitationsKey = (groupId: string) => ["groups", groupId, "invitations"] as const;
export const organisationsKey = ["organisations"] as const;
export const organisationKey = (orgId: string) => ["organisations", orgId] as const;
export const organisationMembersKey = (orgId: string) => ["organisations", orgId, "members"] as const;
export const inviteCodeKey = (orgId: string) => ["organisations", orgId, "invite-code"] as const;
export const organisationInvitationsKey = (orgId: string) => ["organisations", orgId, "invitations"] as const;
export const auditKey = (orgId: string, filter: object) => ["organisations", orgId, "audit", filter] as const;

/**
 * Builds the client. `onUnauthenticated` runs when any call (other than GET /me, which answers
 * visitors with null) finds the session gone, e.g. revoked from another device.
 */
export function createQueryClient(onUnauthenticated: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthenticated(error)) onUnauthenticated();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isUnauthenticated(error)) onUnauthenticated();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Client errors (4xx) will not heal by retrying; network blips and 5xx may.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}
