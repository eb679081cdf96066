/** The data-exports API ("download my data", issue 7): one function per endpoint, and the query key. */
import type { DataExport, DataExportList } from "../../shared/schemas/data-exports.js";
import { API_BASE, apiRequest } from "./client.js";

export type { DataExport, DataExportList };

export const dataExportsKey = ["data-exports"] as const;

export function listMyExports(): Promise<DataExportList> {
  return apiRequest<DataExportList>("GET", "/me/exports");
}

export async function requestMyExport(): Promise<DataExport> {
  return (await apiRequest<{ export: DataExport }>("POST", "/me/exports")).export;
}

/** An administrator's export of a member's data in the organisation. */
export async function requestMemberExport(orgId: string, userId: string): Promise<DataExport> {
  return (await apiRequest<{ export: DataExport }>("POST", `/organisations/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}/export`)).export;
}

/** The group owner's export of the whole group. */
export async function requestGroupExport(groupId: string): Promise<DataExport> {
  return (await apiRequest<{ export: DataExport }>("POST", `/groups/${encodeURIComponent(groupId)}/export`)).export;
}

/** The download address as a page link (the API's path already starts with /api/v1). */
export const downloadHref = (e: DataExport) => (e.downloadUrl?.startsWith(API_BASE) ? e.downloadUrl : null);
