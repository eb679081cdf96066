/**
 * Hot-path queries built and compiled once. Kysely builds and compiles a query on every call,
 * which on SQLite costs about as much as running it (design.md §2, bench/RESULTS.md). A query of
 * fixed shape is built once per database with placeholder values, and then run with the real
 * ones. Only for queries whose shape never depends on the values (no `in` lists, no optional
 * clauses): the placeholders must each land in exactly one parameter.
 */
import type { Compilable, CompiledQuery } from "kysely";
import type { Db, DbOrTx } from "./index.js";

const placeholder = (i: number) => `\u0000openloop-parameter-${i}\u0000`;

/**
 * Wraps `build(db, p0, p1, …)` — which must use each placeholder once as a value — into a
 * function of the real values that reuses the compiled SQL.
 */
export function compiledOnce<R, P extends unknown[]>(arity: number, build: (db: Db, ...placeholders: string[]) => Compilable<R>) {
  const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i));
  // One compiled form per database (its dialect decides the SQL); transactions share their database's adapter.
  const cache = new WeakMap<object, { compiled: CompiledQuery<R>; positions: number[] }>();
  return async (db: DbOrTx, ...values: P): Promise<R[]> => {
    const adapter = db.getExecutor().adapter;
    let entry = cache.get(adapter);
    if (!entry) {
      const compiled = build(db as Db, ...placeholders).compile();
      const positions = compiled.parameters.map((p) => (typeof p === "string" ? placeholders.indexOf(p) : -1));
      if (positions.filter((i) => i >= 0).length !== arity || new Set(positions.filter((i) => i >= 0)).size !== arity) {
        throw new Error(`compiledOnce: each of the ${arity} placeholders must appear exactly once in: ${compiled.sql}`);
      }
      entry = { compiled, positions };
      cache.set(adapter, entry);
    }
    const { compiled, positions } = entry;
    const parameters = compiled.parameters.map((p, i) => (positions[i]! >= 0 ? values[positions[i]!] : p));
    const result = await db.executeQuery<R>({ ...compiled, parameters });
    return result.rows;
  };
}
