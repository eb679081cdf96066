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

/** What a column name says about its values: 0 as they come, 1 boolean, 2 count. */
const KINDS = new Map<string, 0 | 1 | 2>();
/** Column names are few and fixed (aliases included); the cap only guards against a runaway. */
const MAX_KINDS = 10_000;

function kindOf(key: string): 0 | 1 | 2 {
  let kind = KINDS.get(key);
  if (kind === undefined) {
    kind = BOOLEAN_COLUMN.test(key) ? 1 : COUNT_COLUMN.test(key) ? 2 : 0;
    if (KINDS.size < MAX_KINDS) KINDS.set(key, kind);
  }
  return kind;
}

/**
 * Normalises one row in place-free fashion; exported for raw `sql` results. Every row of every
 * query passes here (thousands for a dashboard), so a column's kind is worked out once per name.
 */
export function normaliseRow(row: UnknownRow): UnknownRow {
  const out: UnknownRow = {};
  for (const key in row) {
    const value = row[key];
    if (value === null || value === undefined) out[key] = value;
    else {
      const kind = kindOf(key);
      if (kind === 1) out[key] = value === true || value === 1 || value === "1" || value === "t";
      else if (kind === 2 && typeof value !== "number") out[key] = Number(value);
      else if (value instanceof Date) out[key] = value.toISOString();
      else out[key] = value;
    }
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
