/** The retention API: one function per endpoint, typed with the shared zod schemas. */
import type { RetentionQueue } from "../../shared/schemas/retention.js";
import { apiRequest } from "./client.js";

/** What the group's retention period removes in the next 14 days (its leaders). */
export function getRetentionQueue(groupId: string): Promise<RetentionQueue> {
  return apiRequest<RetentionQueue>("GET", `/groups/${encodeURIComponent(groupId)}/retention/queue`);
}
