/**
 * Kysely's SQLite dialect with a fair connection lock. SQLite has one connection, so a
 * transaction holds it across awaits and everything else waits. Kysely's own lock wakes every
 * waiter at once and lets newcomers barge in, so under load a request could wait for seconds
 * behind later ones (bench/RESULTS.md saw 10 s timeouts at 200 connections). This lock hands
 * the connection over in arrival order.
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

class SqliteConnection implements DatabaseConnection {
  constructor(private readonly db: SqliteDatabase) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.db.prepare(compiled.sql);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(compiled.parameters) as R[] });
    const { changes, lastInsertRowid } = stmt.run(compiled.parameters);
    return Promise.resolve({
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error("SQLite streams select queries only");
    for (const row of this.db.prepare(compiled.sql).iterate(compiled.parameters)) yield { rows: [row as R] };
  }
}

class FairSqliteDriver implements Driver {
  private readonly lock = new FairLock();
  private readonly connection: SqliteConnection;

  constructor(private readonly db: SqliteDatabase) {
    this.connection = new SqliteConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(): Promise<void> {
    this.lock.release();
  }

  async destroy(): Promise<void> {
    this.db.close();
  }
}

/** SqliteDialect with the fair lock; everything else (compiler, adapter) is Kysely's. */
export class FairSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }

  override createDriver(): Driver {
    return new FairSqliteDriver(this.database);
  }
}
