/** Applies the migrations in order; running it again is a no-op. */
import { Migrator, type Migration, type MigrationProvider } from "kysely";
import type { DbHandle, Dialect } from "./index.js";
import * as m0001 from "./migrations/0001_accounts.js";

type DialectMigration = { up(db: Parameters<Migration["up"]>[0], dialect: Dialect): Promise<void> };

/** Every migration, by name; names sort in the order they apply. */
const MIGRATIONS: Record<string, DialectMigration> = {
  "0001_accounts": m0001,
};

class DialectMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db) => m.up(db, this.dialect) }]),
    );
  }
}

export class MigrationError extends Error {}

/** Migrates to the latest version; returns the names of the migrations it applied. */
export async function migrateToLatest(handle: DbHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: new DialectMigrationProvider(handle.dialect),
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
    ...(handle.pgSchema ? { migrationTableSchema: handle.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationError(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
