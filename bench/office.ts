// An office of 50 people of different units and roles at work against a server (bench/office-users.mjs in a process
// of its own), shared by the benchmarks that load the web application: web.bench.ts and processes.bench.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { Role } from '../src/core/access/permissions.ts';
import { createUser } from '../src/services/accounts.ts';
import type { Ledger } from '../src/store/open-database.ts';

const ROOT = resolve(import.meta.dirname, '..');
export const PASSWORD = 'bench password 1';

/** 50 people of different units and roles: the office, leaders at the top and in units, supervisors, 30 units. */
export const USERS = [
  { role: 'admin', unit: null },
  ...Array.from({ length: 4 }, () => ({ role: 'office', unit: '县委' })),
  ...Array.from({ length: 5 }, () => ({ role: 'leader', unit: '县委' })),
  ...Array.from({ length: 5 }, (_, i) => ({ role: 'leader', unit: `单位${41 + i}` })),
  ...Array.from({ length: 5 }, () => ({ role: 'supervisor', unit: '县委' })),
  ...Array.from({ length: 30 }, (_, i) => ({ role: 'unit', unit: `单位${1 + i}` })),
].map((u, i) => ({ ...u, username: `user${i}`, password: PASSWORD }));
/** The office on a generated ledger: the county above its units owning every source, and the 50 people. */
export async function prepareOffice(ledger: Ledger): Promise<void> {
  // the county above the 50 units owns every source: its office, leaders and supervisors see them all; a unit sees
  // what it leads or works on
  await sql`insert into org_unit (name, kind) values ('县委', 'party-committee')`.execute(ledger.db);
  await sql`update org_unit set parent_id = (select id from org_unit where name = '县委') where name <> '县委'`.execute(ledger.db);
  await sql`update source set owner_unit_id = (select id from org_unit where name = '县委')`.execute(ledger.db);
  // as autovacuum would have by the time a ledger is this size: the indexes can answer without the table
  await sql`vacuum analyze`.execute(ledger.db);
  for (const u of USERS)
    await createUser(ledger.db, 'bench', {
      username: u.username,
      displayName: u.username,
      password: u.password,
      role: u.role as Role,
      unit: u.unit,
    });
}

/**
 * An office at work for `seconds`: the users in a process of their own (bench/office-users.mjs), each choosing its own
 * pages, filters and writes and pausing between clicks for a time drawn from `thinkMs`.
 */
export async function office(base: string, seconds: number, thinkMs: readonly [number, number]): Promise<OfficeRun> {
  const cfgFile = join(mkdtempSync(join(tmpdir(), 'zg-office-')), 'office.json');
  writeFileSync(cfgFile, JSON.stringify({ base, seconds, thinkMs, users: USERS }));
  const child = spawn(process.execPath, [join(ROOT, 'bench/office-users.mjs'), cfgFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise((r) => child.on('exit', r));
  return JSON.parse(out) as OfficeRun;
}

export interface OfficeRun {
  seconds: number;
  requests: number;
  perSecond: number;
  conflicts: number;
  kinds: Record<string, { n: number; p50: number; p95: number; p99: number; max: number; failures: Record<string, number> }>;
}

export function report(run: OfficeRun): void {
  console.log(
    `      ${run.requests} requests in ${run.seconds.toFixed(0)} s (${run.perSecond.toFixed(1)}/s), ${run.conflicts} refused as already changed by another user`,
  );
  for (const [kind, k] of Object.entries(run.kinds).sort(([a], [b]) => a.localeCompare(b))) {
    const failed = Object.entries(k.failures).map(([status, n]) => `${n}× ${status}`);
    console.log(
      `      ${kind}: n=${k.n}, median ${k.p50.toFixed(0)} ms, p95 ${k.p95.toFixed(0)} ms, p99 ${k.p99.toFixed(0)} ms, max ${k.max.toFixed(0)} ms${failed.length ? `; FAILED ${failed.join(', ')}` : ''}`,
    );
  }
}
