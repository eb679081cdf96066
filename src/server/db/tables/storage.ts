/** The storage layer's own table, created by migration 0014_pending_blob_deletions. */
import type { Timestamp } from "../types.js";

/** A file whose row a committed transaction deleted; removed from here once the file itself is gone. */
export interface PendingBlobDeletionsTable {
  blob_key: string;
  queued_at: Timestamp;
}

export interface StorageTables {
  pending_blob_deletions: PendingBlobDeletionsTable;
}
