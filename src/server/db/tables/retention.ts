/** The tables of the retention module (issue 7), created by migration 0007_retention. */
import type { Selectable } from "kysely";
import type { Timestamp } from "../types.js";

/** Per group: when it was last purged and warned (the daily job's own bookkeeping). */
export interface RetentionGroupStateTable {
  organisation_id: string;
  group_id: string;
  /** The UTC day (YYYY-MM-DD) of the last completed purge, or null. */
  purged_on: string | null;
  /** JSON counts of the purge under way (batches committed so far), or null. */
  purge_counts: string | null;
  /** When the members were last told that data will be removed soon, or null. */
  warned_at: Timestamp | null;
  /** The look-ahead horizon that warning covered: what goes by then has been announced. */
  warned_until: Timestamp | null;
}

export interface RetentionTables {
  retention_group_state: RetentionGroupStateTable;
}

export type RetentionGroupStateRow = Selectable<RetentionGroupStateTable>;
