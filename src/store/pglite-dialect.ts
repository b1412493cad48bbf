// Kysely over PGlite (PostgreSQL in WebAssembly). PGlite has one connection, so connections are handed out one at a
// time: a transaction holds it until it ends, and everything inside must use the transaction, never the outer handle.
// Who goes next is decided by `Turns`: single statements before waiting transactions, so readers are not starved.
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { fullDiskOr, roomToWrite } from './disk-space.ts';

/**
 * PGlite's one connection, handed to one holder at a time — but not first come, first served. A plain statement (a read,
 * or a lone write) goes before the transactions waiting: under 50 writers a page's read would otherwise queue behind
 * every one of them (seen: 6 s). Transactions still get their turn: after READS_IN_A_ROW statements have gone ahead of
 * a waiting transaction, it goes next.
 */
class Turns {
  static readonly READS_IN_A_ROW = 2;
  #busy = false;
  #ahead = 0;
  readonly #statements: (() => void)[] = [];
  readonly #transactions: (() => void)[] = [];

  take(kind: 'statement' | 'transaction'): Promise<() => void> {
    return new Promise((granted) => {
      (kind === 'statement' ? this.#statements : this.#transactions).push(() => granted(this.#release()));
      this.#next();
    });
  }

  #release(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#busy = false;
      this.#next();
    };
  }

  #next(): void {
    if (this.#busy) return;
    const statementFirst = this.#statements.length > 0 && (this.#transactions.length === 0 || this.#ahead < Turns.READS_IN_A_ROW);
    const turn = statementFirst ? this.#statements.shift() : this.#transactions.shift();
    if (!turn) return;
    this.#ahead = statementFirst && this.#transactions.length > 0 ? this.#ahead + 1 : 0;
    this.#busy = true;
    turn();
  }
}

/**
 * PGlite answers on the microtask queue, so a chain of statements (an import's thousands, a file's chunks) never lets
 * the event loop turn: no request is read and no timer fires until the chain ends (seen: 1.4 s for a 19 MB file in
 * 256 KB chunks). After a statement, once the loop has been held for YIELD_AFTER_MS, other callbacks get a turn.
 */
const YIELD_AFTER_MS = 10;
let heldSince = performance.now();
async function letOthersIn(): Promise<void> {
  if (performance.now() - heldSince < YIELD_AFTER_MS) return;
  await new Promise((turn) => setImmediate(turn));
  heldSince = performance.now();
}

/**
 * A connection takes its turn when it first has something to run: `begin` waits as a transaction, anything else as a
 * statement. It keeps the turn until Kysely releases it.
 */
class PGliteConnection implements DatabaseConnection {
  release: (() => void) | null = null;
  constructor(
    readonly db: PGlite,
    readonly turns: Turns,
    readonly dataDir: string | undefined,
    readonly checkRoom: (sql: string) => void,
  ) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    this.checkRoom(q.sql); // before taking a turn: a refused write holds no one up
    this.release ??= await this.turns.take(q.sql === 'begin' ? 'transaction' : 'statement');
    try {
      const r = await this.db.query<R>(q.sql, q.parameters as unknown[]);
      await letOthersIn();
      return { rows: r.rows, ...(r.affectedRows !== undefined ? { numAffectedRows: BigInt(r.affectedRows) } : {}) };
    } catch (e) {
      throw fullDiskOr(this.dataDir, e);
    }
  }
  // biome-ignore lint/correctness/useYield: Kysely asks for a generator; there is nothing to stream from PGlite
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on the embedded database');
  }
}

class PGliteDriver implements Driver {
  readonly #turns = new Turns();
  readonly #checkRoom: (sql: string) => void;
  constructor(
    readonly db: PGlite,
    readonly onDestroy: () => Promise<void>,
    readonly dataDir: string | undefined,
    readonly guard: { armed: boolean },
  ) {
    const check = roomToWrite(dataDir);
    this.#checkRoom = (sql) => {
      if (guard.armed) check(sql);
    };
  }
  async init(): Promise<void> {
    await this.db.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.db, this.#turns, this.dataDir, this.#checkRoom);
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    (c as PGliteConnection).release?.();
  }
  async destroy(): Promise<void> {
    await this.onDestroy();
  }
}

export class PGliteDialect implements Dialect {
  /** off while the ledger opens (its migrations write a little, within the room opening needs): `armWriteGuard` */
  readonly #guard = { armed: false };
  constructor(
    readonly db: PGlite,
    readonly onDestroy: () => Promise<void>,
    /** where its files are, to tell a full disk from other failures */
    readonly dataDir?: string,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    return new PGliteDriver(this.db, this.onDestroy, this.dataDir, this.#guard);
  }
  /** From now on no write starts on a disk without room for it (disk-space.ts `roomToWrite`). */
  armWriteGuard(): void {
    this.#guard.armed = true;
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
