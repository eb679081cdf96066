/** The statistics API: one function per endpoint, typed with the shared zod schemas. */
import type { GroupStatistics, MyStatistics, OrganisationStatistics } from "../../shared/schemas/statistics.js";
import { apiRequest } from "./client.js";

export type { Figure, GroupStatistics, MyStatistics, OrganisationStatistics, StatisticsPeriod, TagRef, TaskRef } from "../../shared/schemas/statistics.js";

export interface PeriodParams {
  from: string;
  to: string;
}

const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined).map(([k, v]) => [k, String(v)])).toString();

// Under the group's / organisation's key, so refreshing them refreshes their statistics too.
export const groupStatisticsKey = (groupId: string, p: PeriodParams & { inactiveDays?: number }) =>
  ["groups", groupId, "statistics", p.from, p.to, p.inactiveDays ?? null] as const;
export const myStatisticsKey = (p: PeriodParams & { groupId?: string }) => ["my-statistics", p.from, p.to, p.groupId ?? null] as const;
export const organisationStatisticsKey = (orgId: string, p: PeriodParams) => ["organisations", orgId, "statistics", p.from, p.to] as const;

/** The group dashboard (leaders and tutors). */
export function getGroupStatistics(groupId: string, p: PeriodParams & { inactiveDays?: number }): Promise<GroupStatistics> {
  return apiRequest<GroupStatistics>("GET", `/groups/${encodeURIComponent(groupId)}/statistics?${query({ ...p })}`);
}

/** The signed-in person's own loops over time (optionally one group's). */
export function getMyStatistics(p: PeriodParams & { groupId?: string }): Promise<MyStatistics> {
  return apiRequest<MyStatistics>("GET", `/me/statistics?${query({ ...p })}`);
}

/** The organisation dashboard (administrators). */
export function getOrganisationStatistics(orgId: string, p: PeriodParams): Promise<OrganisationStatistics> {
  return apiRequest<OrganisationStatistics>("GET", `/organisations/${encodeURIComponent(orgId)}/statistics?${query({ ...p })}`);
}
