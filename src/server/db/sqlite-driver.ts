/**
 * Kysely's SQLite dialect with a fair connection lock and group commit.
 *
 * Fair lock: SQLite has one connection, so a transaction holds it across awaits and everything
 * else waits. Kysely's own lock wakes every waiter at once and lets newcomers barge in, so under
 * load a request could wait for seconds behind later ones (bench/RESULTS.md saw 10 s timeouts at
 * 200 connections). This lock hands the connection over in arrival order.
 *
 * Group commit: a commit writes every page the transaction touched to the WAL, a few system calls
 * per page, and on a small server that is most of the cost of a write request (bench/RESULTS.md:
 * about as much as all the rest of sending a loop). Transactions that end in the same turn of the
 * event loop therefore share one commit: each runs as a SAVEPOINT inside one open transaction,
 * its own rollback undoes only its own work, and the batch COMMITs once, at the end of the turn
 * (setImmediate) — or at once when it is full or old. (SQLite calls are synchronous, so a
 * transaction usually runs start to end without yielding to other requests: waiting for the lock
 * alone would almost never find a second one to share with.) A transaction's commit — and so the request's answer —
 * resolves only after that real COMMIT: nothing is acknowledged that is not durable, and if the
 * COMMIT fails every transaction of the batch fails. Hot pages (the tails of indexes, roll-up
 * rows) are then written once per batch instead of once per transaction. A write outside any
 * transaction first commits an open batch, so it is never acknowledged before it is durable;
 * a read outside a transaction may see a batch whose COMMIT follows within milliseconds.
 * With one request at a time a batch holds one transaction, committed as soon as its turn ends.
 */
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
} from "kysely";

/** A first-come, first-served lock. */
export class FairLock {
  private held = false;
  private readonly queue: Array<() => void> = [];

  async acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  /** Hands the lock straight to the longest waiter, so no one can slip in between. */
  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.held = false;
  }
}

/** What the driver needs of the database handle (db/index.ts wraps better-sqlite3's). */
export interface SqliteHandle extends SqliteDatabase {
  /** True while a transaction is open on the connection. */
  readonly inTransaction: boolean;
}

/** The most transactions one COMMIT carries. */
export const GROUP_COMMIT_MAX_TRANSACTIONS = 64;
/** The longest a batch stays open for more transactions, so none waits long for its answer (a turn of the event loop is usually far shorter). */
export const GROUP_COMMIT_MAX_AGE_MS = 10;

/** The open batch: transactions released into it, waiting for its COMMIT. */
interface Batch {
  openedAt: number;
  settled: Array<{ resolve: () => void; reject: (err: unknown) => void }>;
}

/**
 * One hold of the connection (from acquire to release). A transaction's hold ends early, when its
 * work has joined the batch: the lock goes to the next waiter while it waits for the COMMIT.
 */
class SqliteLease implements DatabaseConnection {
  inTransaction = false;
  released = false;
  constructor(private readonly driver: FairSqliteDriver) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.driver.run<R>(compiled, this.inTransaction));
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error("SQLite streams select queries only");
    for (const row of this.driver.db.prepare(compiled.sql).iterate(compiled.parameters)) yield { rows: [row as R] };
  }
}

class FairSqliteDriver implements Driver {
  private readonly lock = new FairLock();
  private batch: Batch | null = null;
  private flushScheduled = false;

  constructor(readonly db: SqliteHandle) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return new SqliteLease(this);
  }

  /** Runs one statement for the lease holding the lock. */
  run<R>(compiled: CompiledQuery, inTransaction: boolean): QueryResult<R> {
    const stmt = this.db.prepare(compiled.sql);
    if (stmt.reader) return { rows: stmt.all(compiled.parameters) as R[] };
    // A write on its own is acknowledged when it returns: the batch before it must be durable first.
    if (!inTransaction) this.flush();
    const { changes, lastInsertRowid } = stmt.run(compiled.parameters);
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    };
  }

  private exec(sqlText: string): void {
    this.db.prepare(sqlText).run([]);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as SqliteLease;
    if (!this.batch) {
      this.exec("begin");
      this.batch = { openedAt: Date.now(), settled: [] };
    }
    this.exec("savepoint openloop_tx");
    lease.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as SqliteLease;
    this.exec("release openloop_tx");
    lease.inTransaction = false;
    const batch = this.batch!;
    const committed = new Promise<void>((resolve, reject) => batch.settled.push({ resolve, reject }));
    // The answer waits for the COMMIT; the connection goes on to the next waiter meanwhile.
    lease.released = true;
    this.handOver();
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as SqliteLease;
    // Its batch failed after it let go of the connection: nothing of it is left to undo.
    if (lease.released) return;
    lease.inTransaction = false;
    if (this.db.inTransaction) {
      this.exec("rollback to openloop_tx");
      this.exec("release openloop_tx");
    } else {
      // SQLite rolled the whole transaction back itself (a full disk, an I/O error): the batch is lost.
      this.fail(new Error("The database rolled back the transaction"));
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as SqliteLease;
    if (lease.released) return;
    lease.released = true;
    this.handOver();
  }

  /** Gives the lock to the next waiter; an open batch commits now if full or old, else at the end of this turn. */
  private handOver(): void {
    const batch = this.batch;
    if (batch) {
      if (batch.settled.length >= GROUP_COMMIT_MAX_TRANSACTIONS || Date.now() - batch.openedAt >= GROUP_COMMIT_MAX_AGE_MS) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.scheduledFlush());
      }
    }
    this.lock.release();
  }

  /** The end-of-turn COMMIT, in line for the lock like anyone: a transaction under way joins the batch first. */
  private async scheduledFlush(): Promise<void> {
    await this.lock.acquire();
    this.flushScheduled = false;
    try {
      this.flush();
    } finally {
      this.lock.release();
    }
  }

  /** Commits the open batch, if any, and settles its transactions. */
  private flush(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      this.exec("commit");
    } catch (err) {
      try {
        if (this.db.inTransaction) this.exec("rollback");
      } catch {
        // The COMMIT's error is the one to report; SQLite has ended the transaction either way.
      }
      for (const s of batch.settled) s.reject(err);
      return;
    }
    for (const s of batch.settled) s.resolve();
  }

  private fail(err: unknown): void {
    const batch = this.batch;
    this.batch = null;
    for (const s of batch?.settled ?? []) s.reject(err);
  }

  async destroy(): Promise<void> {
    this.flush();
    this.db.close();
  }
}

/** SqliteDialect with the fair lock; everything else (compiler, adapter) is Kysely's. */
export class FairSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteHandle) {
    super({ database });
  }

  override createDriver(): Driver {
    return new FairSqliteDriver(this.database);
  }
}
