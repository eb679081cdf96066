/** The tables of the erasure module (issue 7), created by migration 0012_erasure. */
import type { Timestamp } from "../types.js";

/** A file whose row an erasure deleted; removed from here once the file itself is gone. */
export interface ErasurePendingBlobsTable {
  blob_key: string;
  queued_at: Timestamp;
}

export interface ErasureTables {
  erasure_pending_blobs: ErasurePendingBlobsTable;
}
