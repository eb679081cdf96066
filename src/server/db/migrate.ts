/** Applies the migrations in order; running it again is a no-op. */
import { Migrator, sql, type Migration, type MigrationProvider } from "kysely";
import type { DbHandle, Dialect } from "./index.js";
import * as m0001 from "./migrations/0001_accounts.js";
import * as m0002 from "./migrations/0002_organisations.js";
import * as m0003 from "./migrations/0003_loops.js";
import * as m0004 from "./migrations/0004_engagement.js";
import * as m0005 from "./migrations/0005_statistics.js";
import * as m0006 from "./migrations/0006_privacy_policy.js";
import * as m0007 from "./migrations/0007_retention.js";
import * as m0008 from "./migrations/0008_safeguarding.js";
import * as m0009 from "./migrations/0009_crash_reports.js";
import * as m0010 from "./migrations/0010_data_exports.js";
import * as m0011 from "./migrations/0011_statistics_indexes.js";
import * as m0012 from "./migrations/0012_erasure.js";
import * as m0013 from "./migrations/0013_sign_in_providers.js";
import * as m0014 from "./migrations/0014_pending_blob_deletions.js";

type DialectMigration = { up(db: Parameters<Migration["up"]>[0], dialect: Dialect): Promise<void> };

/** Every migration, by name; names sort in the order they apply. */
const MIGRATIONS: Record<string, DialectMigration> = {
  "0001_accounts": m0001,
  "0002_organisations": m0002,
  "0003_loops": m0003,
  "0004_engagement": m0004,
  "0005_statistics": m0005,
  "0006_privacy_policy": m0006,
  "0007_retention": m0007,
  "0008_safeguarding": m0008,
  "0009_crash_reports": m0009,
  "0010_data_exports": m0010,
  "0011_statistics_indexes": m0011,
  "0012_erasure": m0012,
  "0013_sign_in_providers": m0013,
  "0014_pending_blob_deletions": m0014,
};

/** The names of every migration, in the order they apply. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

class DialectMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db) => m.up(db, this.dialect) }]),
    );
  }
}

export class MigrationError extends Error {}

/**
 * Migrates to the latest version — or only up to and including `through` (tests of a migration's
 * backfill start from the version before it); returns the names of the migrations it applied.
 */
export async function migrateToLatest(handle: DbHandle, opts: { through?: string } = {}): Promise<string[]> {
  // On PostgreSQL Kysely looks for its bookkeeping tables in every schema unless told which one
  // is ours: the schema the connection works in (search_path, which an operator may set).
  let migrationTableSchema: string | undefined;
  if (handle.dialect === "postgres") {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
    migrationTableSchema = rows[0]?.schema;
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: new DialectMigrationProvider(handle.dialect),
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = opts.through ? await migrator.migrateTo(opts.through) : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationError(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
