// A fresh ledger for one benchmark: a database of its own on the PostgreSQL server when DATABASE_URL is set (dropped and
// made again each run), else an embedded data directory in the temp folder, removed by `cleanup`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openLedger, type Ledger } from '../src/store/open-database.ts';

export interface BenchLedger {
  readonly ledger: Ledger;
  readonly name: string;
  /** the same database opened afresh: nothing a server kept in memory about it carries over */
  readonly reopen: () => Promise<Ledger>;
  readonly cleanup: () => void;
}

export async function openBenchLedger(name: string): Promise<BenchLedger> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists zg_bench_${name} with (force)`);
    await admin.query(`create database zg_bench_${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/zg_bench_${name}`;
    return {
      ledger: await openLedger({ url: u.toString() }),
      name: 'PostgreSQL server',
      reopen: () => openLedger({ url: u.toString() }),
      cleanup: () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `zg-bench-${name}-`));
  return {
    ledger: await openLedger({ dataDir: dir }),
    name: 'embedded PGlite',
    // the embedded database is one process's: the caller closes the ledger it had before reopening
    reopen: () => openLedger({ dataDir: dir }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
