// The ledger read as lists: problems by status, aspect, unit and triage counted as of a day, a page of problems with
// what each row shows, the 任务清单, the inputs of the warning colours, and the problems an assessment weighs. Every
// read serving a person carries the viewer's scope (store/scope.ts).
import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import { DONE_FOR_NOW, type LedgerStatus } from '../core/ledger/problem-state.ts';
import { UNASSIGNED } from '../core/ledger/statistics.ts';
import type { Tx } from './ledger.repository.ts';
import { idArray, scopeSql } from './scope.ts';
import type { SupervisionKind } from '../core/ledger/supervision.ts';

/** A LIKE pattern for text containing `s`, its own % and _ taken literally. */
const containing = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** A problem `p` with its lead unit `u`, lead leader `l` and responsible person `r`: the names most lists show. */
export const problemsWithNames = (db: Tx) =>
  db
    .selectFrom('problem as p')
    .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
    .leftJoin('person as l', 'l.id', 'p.lead_leader_id')
    .leftJoin('person as r', 'r.id', 'p.responsible_person_id');

/**
 * Which problems a count covers: whole sources, as the ledger holds them (kept per source by services/source-tally.ts,
 * whoever asks), or those a viewer sees — of one source, or only in some sources (those it does not own whole).
 */
export type ProblemSet =
  | { readonly sources: readonly number[] }
  | { readonly scope: Scope; readonly sourceId: number | null; readonly within?: readonly number[] };

/** The set as SQL over a problem `p` and its source `s`. */
function inSet(set: ProblemSet): RawBuilder<boolean> {
  if ('sources' in set) return sql<boolean>`p.source_id = any(${idArray(set.sources)})`;
  // a few sources' rows are tested one by one; more, and the viewer's whole set is found first
  return sql<boolean>`${scopeSql(set.scope, set.within && set.within.length <= 20 ? 'few' : 'many')}
    ${set.sourceId ? sql`and p.source_id = ${set.sourceId}` : sql``}
    ${set.within ? sql`and p.source_id = any(${idArray(set.within)})` : sql``}`;
}

/**
 * The problems of a set still marked as imported from a report that said nothing of their rectification (counted as
 * being rectified, but not known to be): few, found through their own partial index (migration 0024).
 */
export async function untoldCount(db: Tx, set: ProblemSet): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from problem p join source s on s.id = p.source_id
     where p.status_untold and p.parent_id is null and ${inSet(set)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export interface StatusCountQuery {
  readonly asOf: string;
  /** the day is today: each problem's own status, no history needed */
  readonly current: boolean;
  readonly level?: 'problems' | 'specific' | undefined;
  readonly set: ProblemSet;
}

/** A row of the counts: `dim` says which grouping it belongs to (2 aspect, 1 unit, 3 triage), `id` the aspect or unit. */
export interface StatusCountRow {
  readonly source_id: number;
  readonly dim: number;
  readonly id: number | null;
  readonly triage: string | null;
  readonly status: LedgerStatus;
  readonly past: boolean;
  readonly n: number;
}

/**
 * Problems counted by source × (aspect | lead unit | triage) × status × deadline passed, as of a day. Grouping by
 * integers is what keeps 100,000 problems under 200 ms; the names are looked up afterwards.
 */
export async function statusCounts(db: Tx, q: StatusCountQuery): Promise<StatusCountRow[]> {
  // The status of each problem on the day: its row for today, else its last change on or before the day.
  const statusOn = sql`with sc as (select distinct on (problem_id) problem_id, to_status from status_change where at <= ${q.asOf} order by problem_id, at desc, id desc)`;
  const status = q.current ? sql`p.status` : sql`sc.to_status`;
  const rows = await sql<StatusCountRow>`
    ${q.current ? sql`` : statusOn}
    select source_id, grouping(aspect_id) + 2 * grouping(unit_id) as dim, coalesce(aspect_id, unit_id) as id, triage, status, past, count(*)::int as n
      from (select p.source_id, p.aspect_id, p.lead_unit_id as unit_id, p.triage, ${status} as status, coalesce(p.deadline < ${q.asOf}, false) as past
              from problem p
              join source s on s.id = p.source_id
              ${q.current ? sql`` : sql`join sc on sc.problem_id = p.id`}
             where ${q.level === 'specific' ? sql`not exists (select 1 from problem c where c.parent_id = p.id)` : sql`p.parent_id is null`}
               and ${inSet(q.set)}) x
     group by grouping sets ((source_id, aspect_id, status, past), (source_id, unit_id, status, past), (source_id, triage, status, past))`.execute(
    db,
  );
  return rows.rows;
}

/**
 * The top-level problems counted by source and status at the end of each of some days (their last change on or before
 * it; changes of one day in the order made): the points of a trend, in one pass over the history.
 */
export async function statusOnDays(db: Tx, q: { days: readonly string[]; set: ProblemSet }) {
  if (!q.days.length) return [];
  const rows = await sql<{ source_id: number; day: string; status: LedgerStatus; n: number }>`
    with d(day) as (values ${sql.join(q.days.map((d) => sql`(${d}::date)`))}),
         ps as (select p.id, p.source_id from problem p join source s on s.id = p.source_id where p.parent_id is null and ${inSet(q.set)}),
         sc as (select sc.problem_id, sc.at, sc.to_status, lead(sc.at) over (partition by sc.problem_id order by sc.at, sc.id) as until
                  from status_change sc where sc.problem_id in (select id from ps))
    select ps.source_id, to_char(d.day, 'YYYY-MM-DD') as day, sc.to_status as status, count(*)::int as n
      from sc join ps on ps.id = sc.problem_id join d on sc.at <= d.day and (sc.until is null or sc.until > d.day)
     group by ps.source_id, d.day, sc.to_status`.execute(db);
  return rows.rows;
}

/** The aspects of a source (of every source when none is given), each with its source's code. */
export function aspectTitles(db: Tx, sourceId: number | null) {
  return db
    .selectFrom('aspect as a')
    .innerJoin('source as s', 's.id', 'a.source_id')
    .select(['a.id', 'a.title', 's.code'])
    .$if(sourceId !== null, (qb) => qb.where('a.source_id', '=', sourceId as number))
    .execute();
}

export interface ProblemFilter {
  readonly source?: string | undefined;
  readonly status?: LedgerStatus | undefined;
  readonly unit?: string | undefined;
  readonly overdue?: boolean | undefined;
  /** neither completed nor done for this phase */
  readonly open?: boolean | undefined;
  readonly search?: string | undefined;
  readonly today: string;
  readonly limit?: number;
  readonly offset?: number;
  readonly sort?: 'code' | 'deadline' | 'status';
  readonly scope: Scope;
  /** only problems under supervision (督办清单): a supervision action recorded, or past the deadline */
  readonly supervised?: boolean | undefined;
  /** an aspect's title (with its source's code before it when no source is chosen, as statistics name it) */
  readonly aspect?: string | undefined;
  readonly triage?: 'immediate' | 'deadline' | 'long-term' | 'none' | undefined;
}

/**
 * Which rows a page takes, knowing how many there are in all: a page past the middle is read from the end, in the
 * opposite order (NULLs, last ascending, come first descending, so the order is exactly reversed) — the last of
 * 2,000 pages costs what the first does, instead of stepping over 100,000 rows.
 */
export function pageWindow(total: number, limit: number, offset: number) {
  if (offset >= total) return { direction: 'asc' as const, skip: 0, take: 0 };
  if (offset <= total / 2) return { direction: 'asc' as const, skip: offset, take: limit };
  const take = Math.min(limit, total - offset);
  return { direction: 'desc' as const, skip: total - offset - take, take };
}

/** The top-level problems a filter picks, among those `who` admits, with the joins the filter and the page read. */
function matching(db: Tx, q: ProblemFilter, who: RawBuilder<boolean>) {
  let base = db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('aspect as a', 'a.id', 'p.aspect_id')
    .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
    .where('p.parent_id', 'is', null)
    .where(who);
  if (q.source) base = base.where('s.code', '=', q.source);
  if (q.status) base = base.where('p.status', '=', q.status);
  // "（未指定）", the dashboard's bar for problems no unit leads yet, filters on exactly those
  if (q.unit === UNASSIGNED) base = base.where('p.lead_unit_id', 'is', null);
  else if (q.unit) base = base.where('u.name', '=', q.unit);
  if (q.overdue) base = base.where('p.deadline', '<', q.today).where('p.status', 'not in', DONE_FOR_NOW);
  if (q.open) base = base.where('p.status', 'not in', DONE_FOR_NOW);
  if (q.search) base = base.where('p.title', 'like', containing(q.search));
  if (q.aspect)
    base = base.where((eb) =>
      eb.or([eb('a.title', '=', q.aspect as string), eb(sql<string>`s.code || ' ' || a.title`, '=', q.aspect as string)]),
    );
  if (q.triage) base = q.triage === 'none' ? base.where('p.triage', 'is', null) : base.where('p.triage', '=', q.triage);
  if (q.supervised)
    base = base.where(
      sql<boolean>`(exists (select 1 from supervision_action sa where sa.problem_id = p.id) or (p.deadline < ${q.today} and p.status not in (${sql.join(DONE_FOR_NOW)})))`,
    );
  return base;
}

/** Counted rows by source, as the database gives them, as numbers. */
const COUNT = sql<string>`count(*)`.as('n');
const bySource = (rows: readonly { source_id: number; n: string | number }[]) => new Map(rows.map((r) => [r.source_id, Number(r.n)]));

/** How many top-level problems of a set a filter picks, by source (the viewer's scope in the filter is not used). */
export async function problemCountsBySource(db: Tx, q: ProblemFilter, set: ProblemSet): Promise<Map<number, number>> {
  return bySource(await matching(db, q, inSet(set)).select(['p.source_id', COUNT]).groupBy('p.source_id').execute());
}

/** What the caller knows of a page before it is read (services/ledger-queries.ts, pageReading). */
export interface PageReading {
  /** how many rows match in all; counted with the page when not given */
  readonly total?: number | undefined;
  /** read down the index of the page's order testing each row ('few'), or find the viewer's rows first ('many') */
  readonly rows?: 'few' | 'many' | undefined;
}

/** A page of top-level problems, with how many match in all. */
export async function problemPage(db: Tx, q: ProblemFilter & PageReading) {
  const base = matching(db, q, scopeSql(q.scope, q.rows ?? 'many'));
  const sortColumn = q.sort === 'deadline' ? 'p.deadline' : q.sort === 'status' ? 'p.status' : 'p.code_order';
  // the total by a count the planner can answer without the joins; the page in order by an index; the per-row
  // extras computed for the page's rows only
  const total = q.total ?? Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const w = pageWindow(total, q.limit ?? 50, q.offset ?? 0);
  if (!w.take) return { total, rows: [] };
  const page = base
    .leftJoin('person as ll', 'll.id', 'p.lead_leader_id')
    .leftJoin('person as rp', 'rp.id', 'p.responsible_person_id')
    .select([
      'p.id',
      'p.code',
      'p.code_order',
      'p.title',
      'p.status',
      'p.status_untold',
      'p.long_term',
      'p.triage',
      'p.deadline',
      'p.progress',
      'p.start_date',
      'p.last_progress_at',
      'p.version',
      'u.name as unit',
      's.code as source',
      's.warning',
      'a.title as aspect',
      'll.name as lead_leader',
      'rp.name as responsible_person',
    ])
    .orderBy(sortColumn, w.direction)
    .orderBy('p.code_order', w.direction)
    // the id last, so that no two rows tie and a page read from the end is exactly the reverse
    .orderBy('p.id', w.direction)
    .limit(w.take)
    .offset(w.skip);
  const rows = await db
    .selectFrom(page.as('pg'))
    .selectAll('pg')
    .select([
      sql<
        string[]
      >`coalesce((select array_agg(ou.name order by ou.name) from problem_unit pu join org_unit ou on ou.id = pu.unit_id where pu.problem_id = pg.id and pu.role = 'cooperating'), '{}')`.as(
        'cooperating',
      ),
      sql<number>`(select count(*)::int from supervision_action sa where sa.problem_id = pg.id)`.as('supervision_count'),
      sql<{
        kind: SupervisionKind;
        at: string;
      } | null>`(select json_build_object('kind', sa.kind, 'at', sa.at) from supervision_action sa where sa.problem_id = pg.id order by sa.at desc, sa.id desc limit 1)`.as(
        'last_supervision',
      ),
    ])
    .orderBy(sql.ref(`pg.${sortColumn.split('.')[1]}`), w.direction)
    .orderBy('pg.code_order', w.direction)
    .orderBy('pg.id', w.direction)
    .execute();
  return { total, rows: w.direction === 'desc' ? rows.reverse() : rows };
}

export interface MeasureFilter {
  readonly source?: string | undefined;
  readonly unit?: string | undefined;
  readonly status?: 'not-started' | 'in-progress' | 'completed' | undefined;
  readonly search?: string | undefined;
  readonly limit?: number;
  readonly offset?: number;
  readonly scope: Scope;
}

/** The measures a filter picks, among the problems `who` admits, with the joins the filter and the page read. */
function measuresMatching(db: Tx, q: MeasureFilter, who: RawBuilder<boolean>) {
  let base = db
    .selectFrom('measure as m')
    .innerJoin('problem as p', 'p.id', 'm.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('org_unit as u', 'u.id', 'm.owner_unit_id')
    .leftJoin('person as o', 'o.id', 'm.owner_person_id')
    .leftJoin('org_unit as pu', 'pu.id', 'p.lead_unit_id')
    .where(who);
  if (q.source) base = base.where('s.code', '=', q.source);
  if (q.status) base = base.where('m.status', '=', q.status);
  if (q.unit === UNASSIGNED) base = base.where('m.owner_unit_id', 'is', null).where('p.lead_unit_id', 'is', null);
  else if (q.unit) base = base.where((eb) => eb.or([eb('u.name', '=', q.unit as string), eb('pu.name', '=', q.unit as string)]));
  if (q.search) base = base.where('m.text', 'like', containing(q.search));
  return base;
}

/** How many measures of a set's problems a filter picks, by source (the viewer's scope in the filter is not used). */
export async function measureCountsBySource(db: Tx, q: MeasureFilter, set: ProblemSet): Promise<Map<number, number>> {
  return bySource(await measuresMatching(db, q, inSet(set)).select(['p.source_id', COUNT]).groupBy('p.source_id').execute());
}

/** A page of the 任务清单: measures with their problem, owner and deadline, with how many match in all. */
export async function measurePage(db: Tx, q: MeasureFilter & PageReading) {
  const base = measuresMatching(db, q, scopeSql(q.scope, q.rows ?? 'many'));
  const total = q.total ?? Number((await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total);
  const w = pageWindow(total, q.limit ?? 50, q.offset ?? 0);
  if (!w.take) return { total, items: [] };
  const items = await base
    .select([
      'p.code as problem',
      'p.title as problemTitle',
      'm.ordinal',
      'm.text',
      'm.status',
      'm.progress',
      'm.deadline',
      'u.name as ownerUnit',
      'o.name as ownerPerson',
      'pu.name as leadUnit',
    ])
    .orderBy('p.code_order', w.direction)
    .orderBy('m.ordinal', w.direction)
    .orderBy('m.id', w.direction)
    .limit(w.take)
    .offset(w.skip)
    .execute();
  return { total, items: w.direction === 'desc' ? items.reverse() : items };
}

/** What the colour of each open top-level problem of a set is made from, with its source. */
export function openProblemColourInputs(db: Tx, set: ProblemSet) {
  return db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['p.source_id', 'p.status', 'p.deadline', 'p.start_date', 'p.progress', 'p.last_progress_at', 's.warning'])
    .where('p.parent_id', 'is', null)
    .where('p.status', '<>', 'completed')
    .where(inSet(set))
    .execute();
}

/** The top-level problems of a source as an assessment weighs them: when each was closed, how many measures it has. */
export function assessedProblems(db: Tx, sourceId: number) {
  return db
    .selectFrom('problem as p')
    .select(['p.code', 'p.status', 'p.deadline', 'p.lead_unit_id', 'p.lead_leader_id', 'p.responsible_person_id', 'p.reopened_count'])
    .select(
      sql<
        string | null
      >`(select min(sc.at) from status_change sc where sc.problem_id = p.id and sc.to_status in (${sql.join(DONE_FOR_NOW)}))`.as(
        'closed_on',
      ),
    )
    .select(sql<number>`(select count(*)::int from measure m where m.problem_id = p.id)`.as('measures'))
    .where('p.source_id', '=', sourceId)
    .where('p.parent_id', 'is', null)
    .orderBy('p.code_order')
    .execute();
}
