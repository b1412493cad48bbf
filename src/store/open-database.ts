// Opening the ledger: a PostgreSQL server when DATABASE_URL is set, else the embedded PostgreSQL (PGlite) in a data
// directory (./data, or ZG_DATA). Migrations are applied at every open. One schema and one query layer for both.
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { lockDataDir } from './data-dir-lock.ts';
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
}

export interface Ledger {
  readonly db: Db;
  readonly kind: 'server' | 'embedded';
  close(): Promise<void>;
  /** embedded only: a dump of the data directory */
  dump?: () => Promise<Blob>;
}

// Dates as ISO strings and numeric as exact decimal strings on both drivers; counts as numbers.
pg.types.setTypeParser(1082, (v) => v); // date
pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*)): ledger counts stay far below 2^53

export function defaultOptions(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  return { url: env.DATABASE_URL || undefined, dataDir: env.ZG_DATA || './data' };
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
}

export async function openLedger(opts: OpenOptions): Promise<Ledger> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: Number(process.env.ZG_DB_POOL ?? 20) });
    // an idle connection the server ended (a restart, an administrator): the pool opens a new one when needed; without
    // a listener the error would end the process
    pool.on('error', (e) => process.emitWarning(`database connection lost while idle: ${e.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db);
    return { db, kind: 'server', close: () => db.destroy() };
  }
  // loaded only when used: the embedded database's code is some 70 MB resident a server-backed process never needs
  const { PGlite, types } = await import('@electric-sql/pglite');
  const release = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  try {
    const lite = new PGlite({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      parsers: { [types.DATE]: (v: string) => v, [types.NUMERIC]: (v: string) => v },
    });
    await lite.waitReady;
    const db = new Kysely<Database>({
      dialect: new PGliteDialect(lite, async () => {
        await lite.close();
        release();
      }),
    });
    await migrate(db);
    return { db, kind: 'embedded', close: () => db.destroy(), dump: () => lite.dumpDataDir('none') };
  } catch (e) {
    release();
    throw e;
  }
}
