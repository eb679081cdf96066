/**
 * Result normalisation shared by both dialects. SQLite has no boolean type and returns 0/1, so
 * boolean columns follow one naming rule — `is_*`, `has_*`, `*_enabled` — and come back as
 * booleans. Counts named `count` or `*_count` come back as numbers (PostgreSQL's bigint).
 * Timestamps and bigints from PostgreSQL are already converted by the pg type parsers in index.ts.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

const BOOLEAN_COLUMN = /^(is|has)_|_enabled$/;
const COUNT_COLUMN = /(^|_)count$/;

/** Normalises one row in place-free fashion; exported for raw `sql` results. */
export function normaliseRow(row: UnknownRow): UnknownRow {
  const out: UnknownRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) out[key] = value;
    else if (BOOLEAN_COLUMN.test(key)) out[key] = value === true || value === 1 || value === "1" || value === "t";
    else if (COUNT_COLUMN.test(key) && typeof value !== "number") out[key] = Number(value);
    else if (value instanceof Date) out[key] = value.toISOString();
    else out[key] = value;
  }
  return out;
}

export class NormalisePlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return { ...args.result, rows: args.result.rows.map(normaliseRow) };
  }
}
