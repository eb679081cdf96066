/**
 * One queue of files to delete after a commit (issue 7 follow-up): retention and erasure each had
 * their own (`retention_pending_blobs`, `erasure_pending_blobs`) with the same meaning — a file
 * whose row a committed transaction deleted, kept here until the file itself is gone. Both become
 * `pending_blob_deletions`, their rows carried over, swept by one job (storage/pending-deletions.ts).
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable("pending_blob_deletions")
    .addColumn("blob_key", "text", (c) => c.primaryKey())
    .addColumn("queued_at", t.timestamp, (c) => c.notNull())
    .execute();
  await sql`insert into pending_blob_deletions (blob_key, queued_at) select blob_key, queued_at from retention_pending_blobs`.execute(db);
  await sql`insert into pending_blob_deletions (blob_key, queued_at) select blob_key, queued_at from erasure_pending_blobs where blob_key not in (select blob_key from pending_blob_deletions)`.execute(db);
  await db.schema.dropTable("retention_pending_blobs").execute();
  await db.schema.dropTable("erasure_pending_blobs").execute();
}
