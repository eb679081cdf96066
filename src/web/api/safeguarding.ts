/** The safeguarding API: one function per endpoint, typed with the shared zod schemas; and its query keys. */
import type {
  FlagLoopBody,
  LoopSafeguarding,
  RecordStepBody,
  SafeguardingContacts,
  SafeguardingFlag,
  SafeguardingFlagDetail,
  SafeguardingFlagHistory,
  SafeguardingFlagPage,
  SafeguardingFlagSummary,
  SafeguardingStatus,
} from "../../shared/schemas/safeguarding.js";
import { apiRequest } from "./client.js";

export type { LoopSafeguarding, SafeguardingContacts, SafeguardingFlag, SafeguardingFlagDetail, SafeguardingFlagPage, SafeguardingFlagSummary, SafeguardingStatus };

const org = (orgId: string) => `/organisations/${encodeURIComponent(orgId)}`;
const flagPath = (flagId: string) => `/safeguarding-flags/${encodeURIComponent(flagId)}`;

/** Everything safeguarding sits under "safeguarding", so one invalidation refreshes lists, flags and loop panels. */
export const safeguardingKey = ["safeguarding"] as const;
export const safeguardingContactsKey = (orgId: string) => ["safeguarding", "contacts", orgId] as const;
export const safeguardingFlagsKey = (orgId: string, status: string) => ["safeguarding", "flags", orgId, status] as const;
export const safeguardingFlagKey = (flagId: string) => ["safeguarding", "flag", flagId] as const;
export const loopSafeguardingKey = (loopId: string) => ["safeguarding", "loop", loopId] as const;

export function getSafeguardingContacts(orgId: string): Promise<SafeguardingContacts> {
  return apiRequest<SafeguardingContacts>("GET", `${org(orgId)}/safeguarding-contacts`);
}

export function addSafeguardingContact(orgId: string, userId: string): Promise<SafeguardingContacts> {
  return apiRequest<SafeguardingContacts>("POST", `${org(orgId)}/safeguarding-contacts`, { json: { userId } });
}

export function removeSafeguardingContact(orgId: string, userId: string): Promise<void> {
  return apiRequest<void>("DELETE", `${org(orgId)}/safeguarding-contacts/${encodeURIComponent(userId)}`);
}

export function getLoopSafeguarding(loopId: string): Promise<LoopSafeguarding> {
  return apiRequest<LoopSafeguarding>("GET", `/loops/${encodeURIComponent(loopId)}/safeguarding-flags`);
}

export async function flagLoop(loopId: string, body: FlagLoopBody): Promise<SafeguardingFlag> {
  return (await apiRequest<{ flag: SafeguardingFlag }>("POST", `/loops/${encodeURIComponent(loopId)}/safeguarding-flags`, { json: body })).flag;
}

export function listSafeguardingFlags(orgId: string, status?: SafeguardingStatus): Promise<SafeguardingFlagPage> {
  return apiRequest<SafeguardingFlagPage>("GET", `${org(orgId)}/safeguarding-flags${status ? `?status=${status}` : ""}`);
}

/** The flag with its history, loop and thread; the server records the view in the audit log. */
export function getSafeguardingFlag(flagId: string): Promise<SafeguardingFlagDetail> {
  return apiRequest<SafeguardingFlagDetail>("GET", flagPath(flagId));
}

export function recordSafeguardingStep(flagId: string, body: RecordStepBody): Promise<SafeguardingFlagHistory> {
  return apiRequest<SafeguardingFlagHistory>("POST", `${flagPath(flagId)}/steps`, { json: body });
}
