/** The tables of the erasure module (issue 7), created by migration 0012_erasure. */
import type { Timestamp } from "../types.js";

/** A file whose row an erasure deleted; removed from here once the file itself is gone. */
export interface ErasurePendingBlobsTable {
  blob_key: string;
  queued_at: Timestamp;
}

/** Who an audit pseudonym stands for, while they exist (audit/pseudonyms.ts); erasing the account deletes the row. */
export interface AuditPeopleTable {
  pseudonym: string;
  user_id: string;
}

export interface ErasureTables {
  erasure_pending_blobs: ErasurePendingBlobsTable;
  audit_people: AuditPeopleTable;
}
