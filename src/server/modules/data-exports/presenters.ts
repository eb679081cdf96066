/** The only place that shapes export output. */
import type { DataExportRow } from "../../db/tables/data-exports.js";
import type { DataExport } from "../../../shared/schemas/data-exports.js";

/**
 * The export as its requester sees it; the download link only while it is ready and valid, and
 * (someone else's data) while they may still download it.
 */
export function presentExport(row: DataExportRow, subjectName: string | null, now: Date, mayDownload: boolean): DataExport {
  const valid = row.status === "ready" && row.expires_at !== null && new Date(row.expires_at) > now;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status === "ready" && !valid ? "expired" : row.status,
    subjectName,
    requestedAt: row.requested_at,
    readyAt: row.ready_at,
    expiresAt: row.expires_at,
    size: row.size,
    downloadUrl: valid && mayDownload ? `/api/v1/exports/${row.id}/download` : null,
  };
}
