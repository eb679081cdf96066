/** Column types that differ between the dialects, so each migration is written once. */
import { sql, type RawBuilder } from "kysely";
import type { Dialect } from "../index.js";

export interface ColumnTypes {
  /** ISO 8601 text on SQLite, timestamptz on PostgreSQL. */
  timestamp: RawBuilder<unknown>;
  /** 0/1 integer on SQLite, boolean on PostgreSQL; name such columns is_…, has_… or …_enabled. */
  boolean: RawBuilder<unknown>;
  /** Default false in the dialect's own spelling. */
  false: RawBuilder<unknown>;
  /** Default true in the dialect's own spelling. */
  true: RawBuilder<unknown>;
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === "postgres"
    ? { timestamp: sql`timestamptz`, boolean: sql`boolean`, false: sql`false`, true: sql`true` }
    : { timestamp: sql`text`, boolean: sql`integer`, false: sql`0`, true: sql`1` };
}
