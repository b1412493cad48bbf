// Opening the ledger: a PostgreSQL server when DATABASE_URL is set, else the embedded PostgreSQL (PGlite) in a data
// directory (./data, or ZG_DATA). Migrations are applied at every open. One schema and one query layer for both.
// The event log's head is anchored in a checkpoint file beside the data (or where ZG_AUDIT_CHECKPOINT says).
import { chooseChainAlgorithm, recordChainAlgorithm } from './event.repository.ts';
import { join } from 'node:path';
import { Kysely, Migrator, sql, type Dialect } from 'kysely';
import type pg from 'pg';
import { AuditCheckpointKeeper } from './audit-checkpoint-keeper.ts';
import { watchEventCommits } from './event-commit-hook.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { SplitPoolDialect } from './split-pool-dialect.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { ensureRoomFor } from './disk-space.ts';
import { InvalidInput } from '../core/errors.ts';
import { setFlagsFromString } from 'node:v8';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface OpenOptions {
  /** postgres://… — a server; wins over dataDir */
  url?: string | undefined;
  /** the embedded database's directory; omitted (and no url) → in memory */
  dataDir?: string | undefined;
  /** a dumped data directory to start from (tests start from a migrated template) */
  loadDataDir?: Blob | undefined;
  /**
   * the audit checkpoint file; default: audit-checkpoint.json in dataDir (a server has none unless given); null: none
   * kept while open (a restore writes its log first, then the checkpoint of what it wrote)
   */
  auditCheckpoint?: string | null | undefined;
  /** the schema as of this migration, not the newest (a backup made by an older version is restored into its own) */
  schemaUpTo?: string | undefined;
  /** the event chain's hash function for a new ledger (ZG_AUDIT_HASH: sm3 or sha256), fixed before its first entry */
  chainAlgorithm?: string | undefined;
}

export interface Ledger {
  readonly db: Db;
  readonly kind: 'server' | 'embedded';
  /** where the event log's head is anchored; null: nowhere, cutting entries off its end goes unnoticed */
  readonly auditCheckpoint: string | null;
  close(): Promise<void>;
  /** embedded only: a dump of the data directory */
  dump?: () => Promise<Blob>;
}

/** The server's client, loaded only for a server: dates as ISO strings, numeric as exact decimal strings (as PGlite
 * gives them), counts as numbers. */
async function serverClient(): Promise<typeof pg> {
  const client = (await import('pg')).default;
  client.types.setTypeParser(1082, (v) => v); // date
  client.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*)): ledger counts stay far below 2^53
  return client;
}

export function defaultOptions(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  return {
    url: env.DATABASE_URL || undefined,
    dataDir: env.ZG_DATA || './data',
    auditCheckpoint: env.ZG_AUDIT_CHECKPOINT || undefined,
    chainAlgorithm: env.ZG_AUDIT_HASH || undefined,
  };
}

export const CHECKPOINT_FILE = 'audit-checkpoint.json';

// PGlite's own bytea conversion maps every byte through a JavaScript array: 12 s for a 19 MB evidence file, all of it
// on the server's event loop. Node's native hex is some hundred times faster.
const bytesToHex = (v: unknown) => {
  if (!(v instanceof Uint8Array)) throw new Error('bytea parameter must be a Uint8Array');
  return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
};
const bytesFromHex = (v: string) => new Uint8Array(Buffer.from(v.slice(2), 'hex'));

/** The query layer over `dialect`; with a checkpoint file, kept up after each commit that appended events and at close. */
function anchored(dialect: Dialect, checkpoint: string | null): { db: Db; start(): Promise<void>; close(): Promise<void> } {
  if (!checkpoint) {
    const db = new Kysely<Database>({ dialect });
    return { db, start: async () => {}, close: () => db.destroy() };
  }
  const keeper = new AuditCheckpointKeeper(checkpoint);
  const db = new Kysely<Database>({ dialect: watchEventCommits(dialect, () => keeper.committed()) });
  keeper.attach(db);
  return {
    db,
    start: () => keeper.start(),
    close: async () => {
      await keeper.close();
      await db.destroy();
    },
  };
}

/**
 * Whether the ledger already has every migration this version knows: then a start need not run the migrator, whose
 * look at the catalog costs a third of a second on the embedded database. A ledger without the migrations table, or
 * behind or ahead of this version, goes to the migrator as before.
 */
async function upToDate(db: Kysely<Database>): Promise<boolean> {
  const newest = Object.keys(await migrationProvider.getMigrations())
    .sort()
    .at(-1);
  try {
    const r = await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(db);
    return newest !== undefined && r.rows[0]?.name === newest;
  } catch {
    return false;
  }
}

export async function migrate(db: Kysely<Database>, upTo?: string): Promise<void> {
  if (upTo === undefined && (await upToDate(db))) return;
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await (upTo === undefined ? migrator.migrateToLatest() : migrator.migrateTo(upTo));
  const failed = results?.find((r) => r.status === 'Error');
  if (!error) return;
  // a database that cannot be reached fails before any migration runs: that error is the one to explain
  if (!failed) throw error;
  throw new Error(`migration ${failed.migrationName} failed: ${String((error as Error).message ?? error)}`, { cause: error });
}

/**
 * What reading a table page out of order costs the planner, for a ledger that lives in memory or on solid-state
 * disks. PostgreSQL's default (4) is for spinning disks: on a 100,000-problem ledger it chose to scan all 500,000
 * measures to count one source's 2,500 (45 ms, where the index took 3 ms). Set on each connection, so a server's
 * own configuration needs no change.
 */
const RANDOM_PAGE_COST = '1.1';

/** The embedded database's buffer pool: ZG_DB_BUFFERS (e.g. 128MB), 32 MB unless set; PostgreSQL's own bounds, and
 * 1 GB at most: the WebAssembly heap is 2 GB in all. */
function dbBuffers(): string {
  const set = process.env.ZG_DB_BUFFERS?.trim();
  if (!set) return '32MB';
  const m = /^(\d{1,7})\s*(kb|mb|gb)$/i.exec(set);
  const kB = m ? Number(m[1]) * { kb: 1, mb: 1024, gb: 1024 * 1024 }[(m[2] as string).toLowerCase() as 'kb' | 'mb' | 'gb'] : Number.NaN;
  if (!(kB >= 128 && kB <= 1024 * 1024))
    throw new InvalidInput(
      `环境变量 ZG_DB_BUFFERS“${set.slice(0, 40)}”不是有效的缓冲区大小：应写作数字加单位，在 128kB 与 1GB 之间，如 32MB、512MB`,
    );
  return `${kB}kB`;
}

/**
 * The chain's hash function fixed before the log's first entry, or the ledger closed with why not; whether it was fixed
 * now (then recorded as an entry once the log is anchored).
 */
async function chosenChain(db: Db, wanted: string | undefined, close: () => Promise<void>): Promise<boolean> {
  try {
    return await chooseChainAlgorithm(db, wanted);
  } catch (e) {
    await close();
    throw e;
  }
}

/** A database address as it may be shown: the password hidden. */
export const withoutPassword = (url: string): string => url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');

/** The tables of the public schema of the server's database at `url`, by name. */
export async function publicTables(url: string): Promise<string[]> {
  const c = new (await serverClient()).Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by tablename");
    return r.rows.map((row) => row.name);
  } finally {
    await c.end();
  }
}

/** The table every ledger of ours has from its first migration: a database with tables but not this one is another's. */
export const LEDGER_MARK_TABLE = 'kysely_migration';

/** Clears every table, function and trigger of the public schema: for a database that held none before (above). */
export async function clearDatabase(url: string): Promise<void> {
  const c = new (await serverClient()).Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('drop schema public cascade; create schema public');
  } finally {
    await c.end();
  }
}

export async function openLedger(opts: OpenOptions): Promise<Ledger> {
  if (opts.url) {
    // pg reads anything as a connection string ("notaurl" became a server named "base"): say what is wrong instead
    if (!/^postgres(ql)?:\/\//i.test(opts.url) && !/^\s*\w+\s*=/.test(opts.url))
      throw new InvalidInput(
        `DATABASE_URL“${withoutPassword(opts.url).slice(0, 80)}”不是数据库地址：应写作 postgres://用户名:密码@主机:端口/数据库名`,
      );
    // transactions and single statements draw on pools of their own (split-pool-dialect.ts): writers waiting on the
    // event log's lock never hold every connection a reader needs
    const size = Math.max(2, Number(process.env.ZG_DB_POOL ?? 20));
    const client = await serverClient();
    const pools = [Math.ceil(size / 2), Math.floor(size / 2)].map((max) => {
      const pool = new client.Pool({ connectionString: opts.url, max, options: `-c random_page_cost=${RANDOM_PAGE_COST}` });
      // an idle connection the server ended (a restart, an administrator): the pool opens a new one when needed;
      // without a listener the error would end the process
      pool.on('error', (e) => process.emitWarning(`database connection lost while idle: ${e.message}`));
      // and one lost while in use (the server restarted mid-import): the query under way fails and its transaction
      // is rolled back by the server; without a listener the client's 'error' event would end the process
      pool.on('connect', (client) => client.on('error', (e) => process.emitWarning(`database connection lost while in use: ${e.message}`)));
      return pool;
    }) as [pg.Pool, pg.Pool];
    const auditCheckpoint = opts.auditCheckpoint ?? null;
    const { db, start, close } = anchored(new SplitPoolDialect(...pools), auditCheckpoint);
    await migrate(db, opts.schemaUpTo);
    const chosen = await chosenChain(db, opts.chainAlgorithm, close);
    await start();
    if (chosen) await recordChainAlgorithm(db);
    return { db, kind: 'server', auditCheckpoint, close };
  }
  // PostgreSQL's code is compiled by V8's quick compiler only, never re-compiled by its optimising one: that second
  // compiling of the hottest functions held every start 200-300 ms, on a machine of two cores, and gained nothing on
  // what people ask (docs/benchmarks.md, 100,000 problems: pages, statistics and supervision as fast or faster; only
  // one long statement, the benchmark's generation of the ledger, 1.6 times slower). The setting is the process's:
  // WebAssembly compiled later (none today) would be compiled the same way.
  setFlagsFromString('--liftoff-only');
  // loaded only when used: the embedded database's code is some 70 MB resident a server-backed process never needs
  const { PGlite, types } = await import('@electric-sql/pglite');
  if (opts.dataDir) ensureRoomFor(opts.dataDir);
  const release = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  try {
    const lite = new PGlite({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      // PostgreSQL's buffer pool is set up page by page inside the WebAssembly heap before the first query: at the
      // default 128 MB that is 400 ms of every start. The pages also sit in the operating system's cache under the
      // data directory, so a smaller pool costs little on a unit's ledger (docs/benchmarks.md); ZG_DB_BUFFERS to change
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${dbBuffers()}`],
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      parsers: { [types.DATE]: (v: string) => v, [types.NUMERIC]: (v: string) => v, [types.BYTEA]: bytesFromHex },
      serializers: { [types.BYTEA]: bytesToHex },
    });
    await lite.waitReady;
    await lite.exec(`set random_page_cost = ${RANDOM_PAGE_COST}`);
    const auditCheckpoint =
      opts.auditCheckpoint === undefined ? (opts.dataDir ? join(opts.dataDir, CHECKPOINT_FILE) : null) : opts.auditCheckpoint;
    const dialect = new PGliteDialect(
      lite,
      async () => {
        await lite.close();
        release();
      },
      opts.dataDir,
    );
    const { db, start, close } = anchored(dialect, auditCheckpoint);
    await migrate(db, opts.schemaUpTo);
    dialect.armWriteGuard();
    const chosen = await chosenChain(db, opts.chainAlgorithm, close);
    await start();
    if (chosen) await recordChainAlgorithm(db);
    return { db, kind: 'embedded', auditCheckpoint, close, dump: () => lite.dumpDataDir('none') };
  } catch (e) {
    release();
    throw e;
  }
}
