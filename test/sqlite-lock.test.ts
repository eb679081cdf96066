/** The SQLite connection is handed over in arrival order (no request waits behind later ones), and commits are shared. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../src/server/db/index.js";
import { FairLock } from "../src/server/db/sqlite-driver.js";

describe("FairLock", () => {
  it("should hand the lock to waiters in arrival order, never to a newcomer first", async () => {
    const lock = new FairLock();
    const order: string[] = [];
    await lock.acquire();
    const a = lock.acquire().then(() => order.push("a"));
    const b = lock.acquire().then(() => order.push("b"));
    lock.release();
    // Arrives after a got the lock and while b still waits: must queue behind b.
    const c = lock.acquire().then(() => order.push("c"));
    await a;
    lock.release();
    await b;
    lock.release();
    await c;
    lock.release();
    expect(order).toEqual(["a", "b", "c"]);
    // Free again: the next one gets it at once.
    await lock.acquire();
    lock.release();
  });
});

/**
 * Group commit (db/sqlite-driver.ts): transactions that queue for the connection share one COMMIT,
 * each still all-or-nothing on its own, and none is answered before its COMMIT is durable.
 */
describe("SQLite group commit", () => {
  type Anything = Kysely<Record<string, Record<string, unknown>>>;
  let dir: string;
  let handle: DbHandle;
  let db: Anything;
  let other: BetterSqlite3.Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-group-commit-"));
    handle = openDb({ databaseUrl: undefined, sqlitePath: path.join(dir, "db.sqlite") });
    db = handle.db as unknown as Anything;
    await sql`create table parents (id integer primary key)`.execute(db);
    await sql`insert into parents (id) values (1)`.execute(db);
    await sql`create table items (id integer primary key, n integer not null, parent integer references parents (id) deferrable initially deferred)`.execute(db);
    await sql`create table counter (id integer primary key, n integer not null)`.execute(db);
    await sql`insert into counter (id, n) values (1, 0)`.execute(db);
    // A second connection to the same file: what another process would see.
    other = new BetterSqlite3(path.join(dir, "db.sqlite"), { readonly: true });
  });
  afterEach(async () => {
    other.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (n: number, parent = 1) => db.transaction().execute((tx) => tx.insertInto("items").values({ n, parent }).execute());
  const seenByOther = () => (other.prepare("select n from items order by n").all() as { n: number }[]).map((r) => r.n);

  it("writes twenty concurrent updates of one row to the WAL about once, not twenty times", async () => {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    await sql`pragma wal_autocheckpoint = 0`.execute(db);
    const bump = () => db.transaction().execute((tx) => tx.updateTable("counter").set({ n: sql`n + 1` }).where("id", "=", 1).execute());
    const walFrames = async () => {
      const { rows } = await sql<{ log: number }>`pragma wal_checkpoint(PASSIVE)`.execute(db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
      return Number(rows[0]!.log);
    };
    // One at a time, each commits on its own: a frame each.
    for (let i = 0; i < 20; i++) await bump();
    expect(await walFrames()).toBeGreaterThanOrEqual(20);
    await Promise.all(Array.from({ length: 20 }, bump));
    expect(await walFrames()).toBeLessThan(6);
    expect((other.prepare("select n from counter").get() as { n: number }).n).toBe(40);
  });

  it("answers a transaction only once another connection sees its rows", async () => {
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await insert(i);
        expect(seenByOther()).toContain(i);
      }),
    );
    expect(seenByOther()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("rolls back only the transaction that failed, never its neighbours in the batch", async () => {
    const results = await Promise.allSettled([
      insert(1),
      db.transaction().execute(async (tx) => {
        await tx.insertInto("items").values({ n: 2, parent: 1 }).execute();
        throw new Error("changed my mind");
      }),
      insert(3),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(seenByOther()).toEqual([1, 3]);
  });

  it("fails every transaction of a batch whose COMMIT fails, and keeps none of them", async () => {
    await insert(0);
    // The deferred foreign key is checked at COMMIT: the batch's one COMMIT fails for all of them.
    const results = await Promise.allSettled([insert(1), insert(2, 99), insert(3)]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(seenByOther()).toEqual([0]);
    // And the connection works on.
    await insert(4);
    expect(seenByOther()).toEqual([0, 4]);
  });

  it("makes a write outside a transaction durable before it returns, after the batch before it", async () => {
    const pending = [insert(1), insert(2)];
    await db.insertInto("items").values({ n: 3, parent: 1 }).execute();
    expect(seenByOther()).toEqual([1, 2, 3]);
    await Promise.all(pending);
  });
});
