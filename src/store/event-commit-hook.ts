// Kysely says nothing when a transaction commits, and the audit checkpoint must only ever anchor entries that are
// committed. So the dialect's driver is wrapped: a connection that inserted into "event" reports once its transaction
// has committed — or, when it wrote outside a transaction (each statement committing on its own), once it is handed
// back. Every service's transaction is seen here, without any of them knowing.
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

const APPENDS = /^\s*insert\s+into\s+"?event"?[\s(]/i;

class WatchedConnection implements DatabaseConnection {
  appended = false;
  constructor(readonly inner: DatabaseConnection) {}
  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.appended && APPENDS.test(q.sql)) this.appended = true;
    return this.inner.executeQuery<R>(q);
  }
  streamQuery<R>(q: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(q, chunkSize);
  }
}

const inner = (c: DatabaseConnection) => (c as WatchedConnection).inner;

class WatchingDriver implements Driver {
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  constructor(
    readonly driver: Driver,
    readonly committed: () => void,
  ) {
    // the inner driver's own methods get the inner connection: pg's driver releases through a private symbol on it
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = driver;
    if (savepoint) this.savepoint = (c, name, compile) => savepoint.call(driver, inner(c), name, compile);
    if (rollbackToSavepoint) this.rollbackToSavepoint = (c, name, compile) => rollbackToSavepoint.call(driver, inner(c), name, compile);
    if (releaseSavepoint) this.releaseSavepoint = (c, name, compile) => releaseSavepoint.call(driver, inner(c), name, compile);
  }
  init(): Promise<void> {
    return this.driver.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new WatchedConnection(await this.driver.acquireConnection());
  }
  beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.driver.beginTransaction(inner(c), settings);
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await this.driver.commitTransaction(inner(c));
    this.#report(c as WatchedConnection);
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    (c as WatchedConnection).appended = false;
    await this.driver.rollbackTransaction(inner(c));
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    this.#report(c as WatchedConnection);
    await this.driver.releaseConnection(inner(c));
  }
  destroy(): Promise<void> {
    return this.driver.destroy();
  }
  #report(c: WatchedConnection): void {
    if (!c.appended) return;
    c.appended = false;
    this.committed();
  }
}

/** The same dialect, calling `committed` after each commit that appended to the event log. */
export function watchEventCommits(dialect: Dialect, committed: () => void): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new WatchingDriver(dialect.createDriver(), committed),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
