// The dashboard, the lists' totals, the sources' counts and the trend are kept per source between requests
// (services/source-tally.ts) and brought up to date by the database's own record of what changed (migration 0022).
// Here every figure a viewer sees is held to a recount made from the rows themselves, in this file, by the scope rules
// as the permissions describe them — after each kind of change, made the way another process or an import would: in
// SQL, behind the server's back. Pages read from the end (past the middle) must give exactly what reading from the
// start gives.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../src/core/access/permissions.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { type LedgerStatus, isOpen } from '../src/core/ledger/problem-state.ts';
import { type Counts, statistics, statusOn, type StatusCell } from '../src/core/ledger/statistics.ts';
import {
  colourCounts,
  countTheDay,
  dashboardStatistics,
  listMeasures,
  listProblems,
  listSources,
  statisticsTrend,
} from '../src/services/ledger-queries.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { colourOf } from '../src/store/problem-colour.ts';
import { testLedger } from './support/ledger.ts';

const TODAY = '2025-06-30';
const STATUSES: LedgerStatus[] = ['not-started', 'in-progress', 'closure-requested', 'phased', 'completed'];
let l: Ledger;
const units = new Map<string, number>();
/** A unit's id by its name. */
const unit = (name: string): number => units.get(name) as number;

const run = (q: string) => sql.raw(q).execute(l.db);

/** 25 sources (more than are ever counted one by one) of 8 problems, some with parts, cooperating units, history. */
async function build(): Promise<void> {
  await run(`insert into org_unit (name, kind) values ('县委', 'party-committee')`);
  await run(`insert into org_unit (name, kind, parent_id) select '单位' || g, 'bureau', 1 from generate_series(1, 5) g`);
  await run(`insert into org_unit (name, kind, parent_id) values ('单位5下属', 'section', (select id from org_unit where name = '单位5'))`);
  for (const r of (await sql<{ id: number; name: string }>`select id, name from org_unit`.execute(l.db)).rows) units.set(r.name, r.id);
  // sources 1–20 owned by the county, 21–22 by 单位3, 23–25 by nobody
  await run(`insert into source (code, kind, title, owner_unit_id)
             select 'S' || lpad(g::text, 2, '0'), 'xuncha', '第' || g || '轮', case when g <= 20 then ${unit('县委')} when g <= 22 then ${unit('单位3')} end
               from generate_series(1, 25) g`);
  await run(
    `insert into aspect (source_id, ordinal, title) select id, a, '第' || a || '方面' from source cross join generate_series(1, 2) a`,
  );
  await addProblems(`select id from source`);
}

/** Problems for the sources the query names: 8 each, a part under every third, history and measures. */
async function addProblems(sources: string): Promise<void> {
  const leads = ['单位1', '单位2', '单位3', '单位4', '单位5', '单位5下属', null].map((n) => (n ? unit(n) : 'null'));
  await run(`insert into problem (source_id, aspect_id, code, ordinal, title, status, triage, lead_unit_id, start_date, deadline, progress, last_progress_at)
             select s.id, (select a.id from aspect a where a.source_id = s.id and a.ordinal = 1 + k % 2), s.code || '-' || k, k, '问题' || k,
                    (array['${STATUSES.join("','")}'])[1 + (s.id + k) % 5], (array['immediate','deadline','long-term'])[1 + k % 3],
                    (array[${leads.join(',')}]::int[])[1 + (s.id * 3 + k) % 7],
                    date '2025-01-01', date '2025-05-01' + ((s.id * 11 + k * 17) % 120), (s.id * k * 7) % 101, date '2025-06-01' + (k % 29)
               from source s cross join generate_series(1, 8) k where s.id in (${sources})`);
  await run(`insert into problem (source_id, aspect_id, parent_id, code, ordinal, title, status, lead_unit_id, deadline)
             select p.source_id, p.aspect_id, p.id, p.code || '-1', 1, p.title || '之一', 'in-progress', ${unit('单位4')}, p.deadline
               from problem p where p.parent_id is null and p.ordinal % 3 = 0 and p.source_id in (${sources})`);
  await run(`insert into problem_unit (problem_id, unit_id, role)
             select p.id, ${unit('单位2')}, 'cooperating' from problem p
              where p.ordinal % 4 = 1 and p.parent_id is null and p.lead_unit_id is distinct from ${unit('单位2')} and p.source_id in (${sources})`);
  await run(`insert into status_change (problem_id, at, to_status, reason)
             select id, date '2025-01-10', 'in-progress', '认领' from problem where source_id in (${sources})`);
  await run(`insert into status_change (problem_id, at, from_status, to_status, reason)
             select id, date '2025-02-01' + (id % 120), 'in-progress', status, '整改' from problem where status <> 'in-progress' and source_id in (${sources})`);
  await run(`insert into measure (problem_id, ordinal, text) select p.id, m, '措施' || m from problem p cross join generate_series(1, 2) m
              where p.parent_id is null and p.source_id in (${sources})`);
}

interface Row {
  id: number;
  code: string;
  source_id: number;
  parent_id: number | null;
  lead_unit_id: number | null;
  status: LedgerStatus;
  triage: string | null;
  deadline: string | null;
  start_date: string | null;
  progress: number;
  last_progress_at: string | null;
  owner_unit_id: number | null;
  warning: unknown;
  unit_name: string | null;
}

/** Everything the recount needs, read plainly. */
async function rows() {
  const problems = (
    await sql<Row>`select p.id, p.code, p.source_id, p.parent_id, p.lead_unit_id, p.status, p.triage, to_char(p.deadline, 'YYYY-MM-DD') as deadline,
                          to_char(p.start_date, 'YYYY-MM-DD') as start_date, p.progress, to_char(p.last_progress_at, 'YYYY-MM-DD') as last_progress_at,
                          s.owner_unit_id, s.warning, u.name as unit_name
                     from problem p join source s on s.id = p.source_id left join org_unit u on u.id = p.lead_unit_id`.execute(l.db)
  ).rows;
  const on = (await sql<{ problem_id: number; unit_id: number }>`select problem_id, unit_id from problem_unit`.execute(l.db)).rows;
  const changes = (
    await sql<{ problem_id: number; at: string; id: number; to_status: LedgerStatus }>`
      select problem_id, to_char(at, 'YYYY-MM-DD') as at, id::int, to_status from status_change`.execute(l.db)
  ).rows;
  const measures = (await sql<{ problem_id: number }>`select problem_id from measure`.execute(l.db)).rows;
  const sources = (
    await sql<{ id: number; code: string; owner_unit_id: number | null }>`select id, code, owner_unit_id from source`.execute(l.db)
  ).rows;
  return { problems, on, changes, measures, sources };
}

type Data = Awaited<ReturnType<typeof rows>>;

/** Whether a viewer sees a problem, by the rule as the permissions state it (not by the SQL under test). */
function sees(scope: Scope, p: Row, d: Data): boolean {
  if (scope.kind === 'all') return true;
  const units = new Set(scope.units);
  if (scope.kind === 'sources' && p.owner_unit_id !== null && units.has(p.owner_unit_id)) return true;
  const parent = p.parent_id === null ? null : d.problems.find((x) => x.id === p.parent_id);
  const worksOn = (x: Row) =>
    (x.lead_unit_id !== null && units.has(x.lead_unit_id)) || d.on.some((o) => o.problem_id === x.id && units.has(o.unit_id));
  return worksOn(p) || (parent !== undefined && parent !== null && worksOn(parent));
}

/** The problems as core's statistics take them: by lead unit and by triage class, each its own cell. */
function cells(ps: readonly Row[], status: (p: Row) => LedgerStatus | null, day: string) {
  const of = (key: (p: Row) => string | null): StatusCell[] =>
    ps.flatMap((p) => {
      const s = status(p);
      return s ? [{ key: key(p), status: s, pastDeadline: p.deadline !== null && p.deadline < day, count: 1 }] : [];
    });
  return { byAspect: [], byUnit: of((p) => p.unit_name), byTriage: of((p) => p.triage) };
}

/** Every figure the viewer sees, recounted, beside the same figures as the services give them. */
async function compare(scope: Scope): Promise<void> {
  const d = await rows();
  const seen = d.problems.filter((p) => p.parent_id === null && sees(scope, p, d));
  const today = statistics(cells(seen, (p) => p.status, TODAY));
  const stats = await dashboardStatistics(l.db, { today: TODAY, scope });
  const figures = (s: Counts) => ({
    total: s.total,
    completed: s.completed,
    phased: s.phased,
    inProgress: s.inProgress,
    notStarted: s.notStarted,
    overdue: s.overdue,
  });
  expect(figures(stats)).toEqual(figures(today));
  expect(Object.fromEntries(Object.entries(stats.byUnit).map(([k, c]) => [k, figures(c)]))).toEqual(
    Object.fromEntries(Object.entries(today.byUnit).map(([k, c]) => [k, figures(c)])),
  );
  // the warning colours, by core's rule
  const colours = { green: 0, blue: 0, yellow: 0, red: 0 };
  for (const p of seen) {
    const c = p.status === 'completed' ? null : colourOf(p, TODAY, p.warning);
    if (c) colours[c]++;
  }
  expect(await colourCounts(l.db, { today: TODAY, scope })).toEqual(colours);
  // the trend's past points: each problem's status at the end of the day, from its history
  const trend = await statisticsTrend(l.db, { today: TODAY, months: 6, scope });
  for (const point of trend.slice(0, -1)) {
    const history = (p: Row) =>
      statusOn(
        d.changes.filter((c) => c.problem_id === p.id).map((c) => ({ at: c.at, seq: c.id, to: c.to_status })),
        point.day,
      );
    const then = statistics(cells(seen, history, point.day));
    expect({ day: point.day, total: point.total, completed: point.completed, phased: point.phased }).toEqual({
      day: point.day,
      total: then.total,
      completed: then.completed,
      phased: then.phased,
    });
  }
  // the lists' totals, with and without filters
  expect((await listProblems(l.db, { today: TODAY, scope, limit: 1 })).total).toBe(seen.length);
  expect((await listProblems(l.db, { today: TODAY, scope, status: 'phased', limit: 1 })).total).toBe(
    seen.filter((p) => p.status === 'phased').length,
  );
  expect((await listProblems(l.db, { today: TODAY, scope, overdue: true, limit: 1 })).total).toBe(
    seen.filter((p) => isOpen(p.status) && p.deadline !== null && p.deadline < TODAY).length,
  );
  const seenIds = new Set(seen.map((p) => p.id));
  const everySeen = new Set(d.problems.filter((p) => sees(scope, p, d)).map((p) => p.id));
  expect((await listMeasures(l.db, { today: TODAY, scope, limit: 1 })).total).toBe(
    d.measures.filter((m) => everySeen.has(m.problem_id)).length,
  );
  // each source the viewer sees, with how many of its problems it sees
  const bySource = new Map<string, number>();
  for (const p of seen) {
    const code = d.sources.find((s) => s.id === p.source_id)?.code as string;
    bySource.set(code, (bySource.get(code) ?? 0) + 1);
  }
  const listed = await listSources(l.db, scope, TODAY);
  for (const s of listed) expect([s.code, s.problems]).toEqual([s.code, bySource.get(s.code) ?? 0]);
  for (const code of bySource.keys()) expect(listed.map((s) => s.code)).toContain(code);
  expect(seenIds.size).toBe(seen.length);
}

const SCOPES: [string, () => Scope][] = [
  ['the administrator', () => FULL_SCOPE],
  ['the county’s office (its sources, every unit below it)', () => ({ kind: 'sources', units: [...units.values()] })],
  ['单位3’s leader (two sources of its own, and its problems in others)', () => ({ kind: 'sources', units: [unit('单位3')] })],
  ['单位2 (leads some, cooperates on others)', () => ({ kind: 'problems', units: [unit('单位2')] })],
  ['单位5 with the section below it', () => ({ kind: 'problems', units: [unit('单位5'), unit('单位5下属')] })],
  ['单位4 (leads the parts of problems)', () => ({ kind: 'problems', units: [unit('单位4')] })],
];

const CHANGES: [string, () => Promise<unknown>][] = [
  ['a problem completed', () => run(`update problem set status = 'completed' where code = 'S03-2'`)],
  [
    'a deadline moved into the past',
    () => run(`update problem set deadline = date '2025-01-01', status = 'in-progress' where code = 'S07-5'`),
  ],
  ['a problem given to another unit', () => run(`update problem set lead_unit_id = ${unit('单位2')} where code = 'S11-1'`)],
  [
    'a cooperating unit added',
    () =>
      run(
        `insert into problem_unit (problem_id, unit_id, role) select id, ${unit('单位5')}, 'cooperating' from problem where code = 'S12-3'`,
      ),
  ],
  [
    'a status change dated months back',
    () =>
      run(
        `insert into status_change (problem_id, at, to_status, reason) select id, date '2025-02-15', 'completed', '补录' from problem where code = 'S04-1'`,
      ),
  ],
  [
    'a measure added',
    () => run(`insert into measure (problem_id, ordinal, text) select id, 9, '新增措施' from problem where code = 'S05-1'`),
  ],
  ['a problem deleted with its part', () => run(`delete from problem where code in ('S06-3-1', 'S06-3')`)],
  [
    'progress reported',
    () => run(`update problem set progress = 100, last_progress_at = date '2025-06-29' where code in ('S08-1', 'S21-4')`),
  ],
  [
    'a new source imported',
    async () => {
      await run(`insert into source (code, kind, title) values ('S26', 'audit', '审计')`);
      await run(
        `insert into aspect (source_id, ordinal, title) select id, a, '第' || a || '方面' from source cross join generate_series(1, 2) a where code = 'S26'`,
      );
      await addProblems(`select id from source where code = 'S26'`);
    },
  ],
  ['a source given to 单位3', () => run(`update source set owner_unit_id = ${unit('单位3')} where code = 'S23'`)],
  ['a source deleted', () => run(`delete from source where code = 'S24'`)],
];

describe('every figure a viewer sees stays what a recount gives, whatever changes', () => {
  beforeAll(async () => {
    l = await testLedger();
    await build();
  });
  afterAll(() => l.close());

  it('before any change, the day’s figures counted first as the server counts them at start', async () => {
    await countTheDay(l.db, TODAY);
    for (const [, scope] of SCOPES) await compare(scope());
  });

  for (const [change, make] of CHANGES)
    it(`after ${change}`, async () => {
      await make();
      for (const [who, scope] of SCOPES) {
        try {
          await compare(scope());
        } catch (e) {
          throw new Error(`${who}: ${(e as Error).message}`);
        }
      }
    });

  it('reads every page, from the start or from the end, in one order with nothing missed or repeated', async () => {
    for (const [who, scope] of SCOPES)
      for (const sort of ['code', 'deadline', 'status'] as const) {
        const whole = await listProblems(l.db, { today: TODAY, scope: scope(), sort, limit: 1000 });
        const paged: string[] = [];
        for (let offset = 0; offset < whole.total; offset += 7)
          paged.push(...(await listProblems(l.db, { today: TODAY, scope: scope(), sort, limit: 7, offset })).items.map((p) => p.code));
        expect({ who, sort, codes: paged }).toEqual({ who, sort, codes: whole.items.map((p) => p.code) });
      }
    const measures = await listMeasures(l.db, { today: TODAY, scope: FULL_SCOPE, limit: 1000 });
    const pages: string[] = [];
    for (let offset = 0; offset < measures.total; offset += 9)
      pages.push(
        ...(await listMeasures(l.db, { today: TODAY, scope: FULL_SCOPE, limit: 9, offset })).items.map((m) => `${m.problem} ${m.ordinal}`),
      );
    expect(pages).toEqual(measures.items.map((m) => `${m.problem} ${m.ordinal}`));
  });
});
