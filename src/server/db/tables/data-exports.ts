/** The tables of the data-exports module (issue 7), created by migration 0010_data_exports. */
import type { Selectable } from "kysely";
import type { Timestamp } from "../types.js";

export type DataExportKind = "self" | "member" | "group";
export type DataExportStatus = "pending" | "ready" | "failed" | "expired";

export interface DataExportsTable {
  id: string;
  /** Null for a person's own export (it spans their organisations). */
  organisation_id: string | null;
  kind: DataExportKind;
  /** Who asked; the only person who may download it. */
  requested_by: string;
  subject_user_id: string | null;
  group_id: string | null;
  language: "en" | "sv";
  status: DataExportStatus;
  blob_key: string | null;
  size: number | null;
  requested_at: Timestamp;
  ready_at: Timestamp | null;
  expires_at: Timestamp | null;
}

export interface DataExportsTables {
  data_exports: DataExportsTable;
}

export type DataExportRow = Selectable<DataExportsTable>;
