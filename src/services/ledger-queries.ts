// Use cases that read the ledger: statistics as of a day, problem lists with their warning colours, one problem
// with its whole history, the sources, and how a source's stated figures compare with its ledger.
import { sql } from 'kysely';
import { claimDifferences, type ClaimDifference } from '../core/ledger/claim-differences.ts';
import {
  statistics,
  UNASSIGNED,
  type Counts,
  type OutcomeRow,
  type StatusCell,
  type StatusCells,
  type Statistics,
} from '../core/ledger/statistics.ts';
import { thresholdsOf, warningColour, type WarningColour } from '../core/ledger/warning.ts';
import { reportedStatus, STATUS_LABEL, type LedgerStatus } from '../core/ledger/problem-state.ts';
import { REPORTED_STATUS_LABEL } from '../core/vocabulary.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../core/ledger/supervision.ts';
import type { Db } from '../store/open-database.ts';
import type { Scope } from '../core/access/permissions.ts';
import { scopeSql, sourceScopeSql } from '../store/scope.ts';
import { evidenceView } from '../core/ledger/evidence-file.ts';
import { assignmentText, earlier, type TimelineEntry } from '../core/ledger/timeline.ts';
import type { ProblemDetailAnswer } from '../core/contract/problem.ts';
import { NotFoundError } from '../core/errors.ts';
import { visibleSourceCodes, visibleSourceId, visibleSources } from '../store/source.repository.ts';

/** A LIKE pattern for text containing `s`, its own % and _ taken literally. */
const containing = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

export interface StatsQuery {
  readonly source?: string | undefined; // source code
  readonly asOf?: string | undefined; // ISO day; default: today
  readonly today: string;
  /** count specific problems (children) instead of problems */
  readonly level?: 'problems' | 'specific';
  readonly scope?: Scope;
}

/** The id of a source the viewer may see; NotFoundError otherwise. */
export async function sourceId(db: Db, code: string, scope?: Scope): Promise<number> {
  const id = await visibleSourceId(db, code, scope);
  if (id === undefined) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
  return id;
}

export async function ledgerStatistics(db: Db, q: StatsQuery): Promise<Statistics & { asOf: string }> {
  const asOf = q.asOf ?? q.today;
  const src = q.source ? await sourceId(db, q.source, q.scope) : null;
  const current = asOf >= q.today;
  // The status of each problem on the day: its row for today, else its last change on or before the day.
  const statusOn = sql`with sc as (select distinct on (problem_id) problem_id, to_status from status_change where at <= ${asOf} order by problem_id, at desc, id desc)`;
  const status = current ? sql`p.status` : sql`sc.to_status`;
  const rows = await sql<{ dim: number; id: number | null; triage: string | null; status: LedgerStatus; past: boolean; n: number }>`
    ${current ? sql`` : statusOn}
    select grouping(aspect_id) + 2 * grouping(unit_id) as dim, coalesce(aspect_id, unit_id) as id, triage, status, past, count(*)::int as n
      from (select p.aspect_id, p.lead_unit_id as unit_id, p.triage, ${status} as status, coalesce(p.deadline < ${asOf}, false) as past
              from problem p
              join source s on s.id = p.source_id
              ${current ? sql`` : sql`join sc on sc.problem_id = p.id`}
             where ${q.level === 'specific' ? sql`not exists (select 1 from problem c where c.parent_id = p.id)` : sql`p.parent_id is null`}
               ${src ? sql`and p.source_id = ${src}` : sql``}
               and ${scopeSql(q.scope)}) x
     group by grouping sets ((aspect_id, status, past), (unit_id, status, past), (triage, status, past))`.execute(db);
  // names for the ids the database grouped by (grouping by integers is what keeps 100,000 problems under 200 ms)
  const aspects = new Map(
    (
      await db
        .selectFrom('aspect as a')
        .innerJoin('source as s', 's.id', 'a.source_id')
        .select(['a.id', 'a.title', 's.code'])
        .$if(src !== null, (qb) => qb.where('a.source_id', '=', src as number))
        .execute()
    ).map((a) => [a.id, src ? a.title : `${a.code} ${a.title}`]),
  );
  const units = new Map((await db.selectFrom('org_unit').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  const cell = (r: (typeof rows.rows)[number], key: string | null): StatusCell => ({
    key,
    status: r.status,
    pastDeadline: r.past,
    count: r.n,
  });
  const cells: StatusCells = {
    byAspect: rows.rows.filter((r) => r.dim === 2).map((r) => cell(r, r.id === null ? null : (aspects.get(r.id) ?? null))),
    byUnit: rows.rows.filter((r) => r.dim === 1).map((r) => cell(r, r.id === null ? null : (units.get(r.id) ?? null))),
    byTriage: rows.rows.filter((r) => r.dim === 3).map((r) => cell(r, r.triage)),
  };
  let outcomesQuery = db
    .selectFrom('outcome as o')
    .innerJoin('source as s', 's.id', 'o.source_id')
    .leftJoin('problem as p', 'p.id', 'o.problem_id')
    .select(['o.kind', 'o.money_kind', 'o.amount_wan', 'o.people', 'o.count'])
    .where('o.counted', '=', true)
    .where((eb) => eb.or([eb('o.at', 'is', null), eb('o.at', '<=', asOf)]))
    // outcomes of a problem follow the problem's scope; a source's own totals follow the source's
    .where(sql<boolean>`case when p.id is null then ${sourceScopeSql(q.scope)} else ${scopeSql(q.scope)} end`);
  if (src) outcomesQuery = outcomesQuery.where('o.source_id', '=', src);
  const outcomes: OutcomeRow[] = (await outcomesQuery.execute()).map((o) => ({
    kind: o.kind as OutcomeRow['kind'],
    moneyKind: o.money_kind,
    amountWan: o.amount_wan,
    people: o.people,
    count: o.count,
  }));
  return { asOf, ...statistics(cells, outcomes) };
}

/** A source's stated overall figures beside what its ledger counts. */
export async function sourceClaims(db: Db, code: string, today: string, scope?: Scope): Promise<ClaimDifference[]> {
  const id = await sourceId(db, code, scope);
  const claims = await db
    .selectFrom('claim')
    .select(['metric', 'value', 'scope', 'line', 'text'])
    .where('source_id', '=', id)
    .orderBy('line')
    .execute();
  const problems: Counts = await ledgerStatistics(db, { source: code, today });
  const specific: Counts = await ledgerStatistics(db, { source: code, today, level: 'specific' });
  return claimDifferences(claims, problems, specific);
}

/** The code of the one source the ledger holds, for commands that may leave `--source` out. */
export async function soleSourceCode(db: Db, scope?: Scope): Promise<string> {
  const codes = await visibleSourceCodes(db, scope, 6);
  if (codes.length === 1) return codes[0] as string;
  if (codes.length === 0) throw new NotFoundError('台账中还没有整改来源，请先导入');
  throw new NotFoundError(`台账中有多个整改来源（${codes.slice(0, 5).join('、')}${codes.length > 5 ? '等' : ''}），请用 --source 指定`);
}

export async function listSources(db: Db, scope?: Scope) {
  return visibleSources(db, scope);
}

export interface ProblemListQuery {
  readonly source?: string | undefined;
  readonly status?: LedgerStatus | undefined;
  readonly unit?: string | undefined;
  readonly overdue?: boolean | undefined;
  readonly search?: string | undefined;
  readonly today: string;
  readonly limit?: number;
  readonly offset?: number;
  readonly sort?: 'code' | 'deadline' | 'status';
  readonly scope?: Scope;
  /** only problems under supervision (督办清单): a supervision action recorded, or past the deadline */
  readonly supervised?: boolean | undefined;
  /** an aspect's title (with its source's code before it when no source is chosen, as statistics name it) */
  readonly aspect?: string | undefined;
  readonly triage?: 'immediate' | 'deadline' | 'long-term' | 'none' | undefined;
}

export interface ProblemListItem {
  readonly code: string;
  readonly title: string;
  readonly status: LedgerStatus;
  readonly longTerm: boolean;
  readonly triage: string | null;
  readonly deadline: string | null;
  readonly leadUnit: string | null;
  readonly progress: number;
  readonly colour: WarningColour | null;
  readonly source: string;
  readonly aspect: string | null;
  readonly leadLeader: string | null;
  readonly responsiblePerson: string | null;
  readonly cooperatingUnits: string[];
  readonly supervisionCount: number;
  readonly lastSupervision: { kind: string; at: string } | null;
  readonly version: number;
}

export async function listProblems(db: Db, q: ProblemListQuery): Promise<{ total: number; items: ProblemListItem[] }> {
  let base = db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('aspect as a', 'a.id', 'p.aspect_id')
    .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
    .where('p.parent_id', 'is', null)
    .where(scopeSql(q.scope));
  if (q.source) base = base.where('s.code', '=', q.source);
  if (q.status) base = base.where('p.status', '=', q.status);
  // "（未指定）", the dashboard's bar for problems no unit leads yet, filters on exactly those
  if (q.unit === UNASSIGNED) base = base.where('p.lead_unit_id', 'is', null);
  else if (q.unit) base = base.where('u.name', '=', q.unit);
  if (q.overdue) base = base.where('p.deadline', '<', q.today).where('p.status', 'not in', ['completed', 'phased']);
  if (q.search) base = base.where('p.title', 'like', containing(q.search));
  if (q.aspect)
    base = base.where((eb) =>
      eb.or([eb('a.title', '=', q.aspect as string), eb(sql<string>`s.code || ' ' || a.title`, '=', q.aspect as string)]),
    );
  if (q.triage) base = q.triage === 'none' ? base.where('p.triage', 'is', null) : base.where('p.triage', '=', q.triage);
  if (q.supervised)
    base = base.where(
      sql<boolean>`(exists (select 1 from supervision_action sa where sa.problem_id = p.id) or (p.deadline < ${q.today} and p.status not in ('completed', 'phased')))`,
    );
  const sortColumn = q.sort === 'deadline' ? 'p.deadline' : q.sort === 'status' ? 'p.status' : 'p.code_order';
  // the total by a count the planner can answer without the joins; the page in order by an index; the per-row
  // extras computed for the page's rows only
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const page = base
    .leftJoin('person as ll', 'll.id', 'p.lead_leader_id')
    .leftJoin('person as rp', 'rp.id', 'p.responsible_person_id')
    .select([
      'p.id',
      'p.code',
      'p.code_order',
      'p.title',
      'p.status',
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
    .orderBy(sortColumn)
    .orderBy('p.code_order')
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0);
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
        kind: string;
        at: string;
      } | null>`(select json_build_object('kind', sa.kind, 'at', sa.at) from supervision_action sa where sa.problem_id = pg.id order by sa.at desc, sa.id desc limit 1)`.as(
        'last_supervision',
      ),
    ])
    .orderBy(sql.ref(`pg.${sortColumn.split('.')[1]}`))
    .orderBy('pg.code_order')
    .execute();
  return {
    total,
    items: rows.map((r) => ({
      code: r.code,
      title: r.title,
      status: r.status as LedgerStatus,
      longTerm: r.long_term,
      triage: r.triage,
      deadline: r.deadline,
      leadUnit: r.unit,
      progress: r.progress,
      colour: warningColour(
        {
          status: r.status as LedgerStatus,
          deadline: r.deadline,
          startDate: r.start_date,
          progress: r.progress,
          lastProgressAt: r.last_progress_at,
        },
        q.today,
        thresholdsOf(r.warning),
      ),
      source: r.source,
      aspect: r.aspect,
      leadLeader: r.lead_leader,
      responsiblePerson: r.responsible_person,
      cooperatingUnits: r.cooperating,
      supervisionCount: r.supervision_count,
      lastSupervision: r.last_supervision,
      version: r.version,
    })),
  };
}

export interface MeasureListQuery {
  readonly source?: string | undefined;
  readonly unit?: string | undefined;
  readonly status?: 'not-started' | 'in-progress' | 'completed' | undefined;
  readonly search?: string | undefined;
  readonly limit?: number;
  readonly offset?: number;
  readonly scope?: Scope;
}

/** 任务清单: every measure with its problem, owner and deadline. */
export async function listMeasures(db: Db, q: MeasureListQuery) {
  let base = db
    .selectFrom('measure as m')
    .innerJoin('problem as p', 'p.id', 'm.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('org_unit as u', 'u.id', 'm.owner_unit_id')
    .leftJoin('person as o', 'o.id', 'm.owner_person_id')
    .leftJoin('org_unit as pu', 'pu.id', 'p.lead_unit_id')
    .where(scopeSql(q.scope));
  if (q.source) base = base.where('s.code', '=', q.source);
  if (q.status) base = base.where('m.status', '=', q.status);
  if (q.unit === UNASSIGNED) base = base.where('m.owner_unit_id', 'is', null).where('p.lead_unit_id', 'is', null);
  else if (q.unit) base = base.where((eb) => eb.or([eb('u.name', '=', q.unit as string), eb('pu.name', '=', q.unit as string)]));
  if (q.search) base = base.where('m.text', 'like', containing(q.search));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
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
    .orderBy('p.code_order')
    .orderBy('m.ordinal')
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0)
    .execute();
  return { total: Number(total), items };
}

/** Completion over time: the statistics at the end of each of the last `months` months and today. */
export async function statisticsTrend(db: Db, q: { today: string; months: number; source?: string | undefined; scope?: Scope }) {
  const days: string[] = [];
  const [y, m] = q.today.split('-').map(Number) as [number, number];
  for (let i = q.months; i >= 1; i--) {
    const d = new Date(Date.UTC(y, m - i, 0)); // last day of the month i-1 months before this one
    days.push(d.toISOString().slice(0, 10));
  }
  days.push(q.today);
  const out = [];
  for (const day of days) {
    const s = await ledgerStatistics(db, { today: q.today, asOf: day, source: q.source, scope: q.scope });
    out.push({ day, total: s.total, completed: s.completed, phased: s.phased, inProgress: s.inProgress, completionRate: s.completionRate });
  }
  return out;
}

export async function problemDetail(db: Db, code: string, today: string, scope?: Scope): Promise<ProblemDetailAnswer> {
  const p = await db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('aspect as a', 'a.id', 'p.aspect_id')
    .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
    .leftJoin('person as l', 'l.id', 'p.lead_leader_id')
    .leftJoin('person as r', 'r.id', 'p.responsible_person_id')
    .selectAll('p')
    .select([
      's.code as source_code',
      's.title as source_title',
      's.warning',
      'a.title as aspect',
      'u.name as lead_unit',
      'l.name as lead_leader',
      'r.name as responsible_person',
    ])
    .where('p.code', '=', code)
    .where(scopeSql(scope))
    .executeTakeFirst();
  if (!p) throw new NotFoundError(`没有编号为“${code}”的问题`);
  const id = p.id;
  const [children, measures, cooperating, changes, progress, evidence, closures, extensions, supervision, lookbacks, outcomes, assigned] =
    await Promise.all([
      db.selectFrom('problem').select(['code', 'title', 'status']).where('parent_id', '=', id).orderBy('ordinal').execute(),
      db.selectFrom('measure').selectAll().where('problem_id', '=', id).orderBy('ordinal').execute(),
      db
        .selectFrom('problem_unit')
        .innerJoin('org_unit', 'org_unit.id', 'problem_unit.unit_id')
        .select(['org_unit.name', 'problem_unit.role'])
        .where('problem_id', '=', id)
        .execute(),
      db
        .selectFrom('status_change as c')
        .leftJoin('document as d', 'd.id', 'c.document_id')
        .selectAll('c')
        .select('d.file_name')
        .where('c.problem_id', '=', id)
        .orderBy('c.at')
        .orderBy('c.id')
        .execute(),
      db.selectFrom('progress_update').selectAll().where('problem_id', '=', id).orderBy('at').orderBy('id').execute(),
      db
        .selectFrom('evidence')
        .select(['id', 'file_name', 'sha256', 'size', 'mime', 'uploaded_by', 'uploaded_at'])
        .where('problem_id', '=', id)
        .orderBy('id')
        .execute(),
      db.selectFrom('closure_request').selectAll().where('problem_id', '=', id).orderBy('id').execute(),
      db.selectFrom('extension_request').selectAll().where('problem_id', '=', id).orderBy('id').execute(),
      db.selectFrom('supervision_action').selectAll().where('problem_id', '=', id).orderBy('at').execute(),
      db.selectFrom('lookback').selectAll().where('problem_id', '=', id).orderBy('at').execute(),
      db.selectFrom('outcome').selectAll().where('problem_id', '=', id).orderBy('id').execute(),
      db
        .selectFrom('event')
        .select(['at', 'actor', 'after'])
        .where('entity', '=', 'problem')
        .where('entity_id', '=', String(id))
        .where('action', '=', 'assign')
        .orderBy('id')
        .execute(),
    ]);
  const day = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);
  const moment = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());
  const timeline: TimelineEntry[] = [
    ...changes.map((c) => ({
      at: c.at,
      time: moment(c.recorded_at),
      kind: 'status' as const,
      by: c.actor,
      // a status taken from a document says it as the document did ("已完成"): no closure was reviewed here to call it
      // "已销号"
      text: `${c.from_status ? STATUS_LABEL[c.from_status as LedgerStatus] : '—'} → ${
        c.document_id ? REPORTED_STATUS_LABEL[reportedStatus(c.to_status as LedgerStatus)] : STATUS_LABEL[c.to_status as LedgerStatus]
      }：${c.reason}`,
      ...(c.document_id && c.file_name ? { document: { id: c.document_id, fileName: c.file_name } } : {}),
    })),
    // who gave it a lead unit and a deadline, and when: from the event log, which records every step
    ...assigned.map((e) => {
      const after = (e.after ?? {}) as { at?: string; detail?: Parameters<typeof assignmentText>[0] };
      return {
        at: after.at ?? day(e.at),
        time: moment(e.at),
        kind: 'assignment' as const,
        by: e.actor,
        text: assignmentText(after.detail ?? {}),
      };
    }),
    ...progress.map((u) => ({
      at: u.at,
      time: moment(u.created_at),
      kind: 'progress' as const,
      by: u.reported_by,
      text: `${u.text}${u.progress !== null ? `（进度 ${u.progress}%）` : ''}`,
    })),
    ...evidence.map((e) => ({
      at: day(e.uploaded_at),
      time: moment(e.uploaded_at),
      kind: 'evidence' as const,
      by: e.uploaded_by,
      text: `上传佐证材料“${e.file_name}”`,
    })),
    ...closures.flatMap((c) => [
      {
        at: c.requested_at,
        time: moment(c.requested_recorded_at),
        kind: 'closure-request' as const,
        by: c.requested_by,
        text: `申请销号，佐证材料 ${c.evidence_ids.length} 份${c.note ? `：${c.note}` : ''}`,
      },
      ...(c.decision && c.decided_at
        ? [
            {
              at: c.decided_at,
              time: moment(c.decided_recorded_at),
              kind: 'closure-decision' as const,
              by: c.decided_by,
              text: c.decision === 'accepted' ? `同意销号${c.reason ? `：${c.reason}` : ''}` : `退回：${c.reason ?? ''}`,
            },
          ]
        : []),
    ]),
    ...extensions.flatMap((x) => [
      {
        at: x.requested_at,
        time: moment(x.requested_recorded_at),
        kind: 'extension-request' as const,
        by: x.requested_by,
        text: `申请延期至 ${x.new_deadline}：${x.reason}`,
      },
      ...(x.decision && x.decided_at
        ? [
            {
              at: x.decided_at,
              time: moment(x.decided_recorded_at),
              kind: 'extension-decision' as const,
              by: x.decided_by,
              text: `${x.decision === 'approved' ? '批准延期' : '不批准延期'}${x.decision_reason ? `：${x.decision_reason}` : ''}`,
            },
          ]
        : []),
    ]),
    ...supervision.map((s) => ({
      at: s.at,
      time: moment(s.recorded_at),
      kind: 'supervision' as const,
      by: s.by,
      text: `${SUPERVISION_LABEL[s.kind as SupervisionKind] ?? s.kind}${s.note ? `：${s.note}` : ''}`,
    })),
    ...lookbacks.map((l) => ({
      at: l.at,
      time: moment(l.recorded_at),
      kind: 'lookback' as const,
      by: l.by,
      text: `回头看：${l.result === 'consolidated' ? '巩固' : '反弹'}${l.note ? `，${l.note}` : ''}`,
    })),
  ].sort(earlier);
  return {
    problem: {
      code: p.code,
      title: p.title,
      number: p.number,
      source: { code: p.source_code, title: p.source_title },
      aspect: p.aspect,
      status: p.status as LedgerStatus,
      statusText: p.status_text,
      longTerm: p.long_term,
      triage: p.triage,
      progress: p.progress,
      deadline: p.deadline,
      startDate: p.start_date,
      target: p.target,
      amountDue: p.amount_due ? { amount: p.amount_due, unit: p.amount_unit } : null,
      leadUnit: p.lead_unit,
      leadLeader: p.lead_leader,
      responsiblePerson: p.responsible_person,
      cooperatingUnits: cooperating.filter((c) => c.role === 'cooperating').map((c) => c.name),
      reopenedCount: p.reopened_count,
      version: p.version,
      colour: warningColour(
        {
          status: p.status as LedgerStatus,
          deadline: p.deadline,
          startDate: p.start_date,
          progress: p.progress,
          lastProgressAt: p.last_progress_at,
        },
        today,
        thresholdsOf(p.warning),
      ),
    },
    children,
    measures: measures.map((m) => ({ ordinal: m.ordinal, text: m.text, status: m.status, progress: m.progress, deadline: m.deadline })),
    evidence: evidence.map((e) => ({
      id: e.id,
      fileName: e.file_name,
      size: e.size,
      mime: e.mime,
      view: evidenceView(e.mime),
      uploadedBy: e.uploaded_by,
      uploadedAt: new Date(e.uploaded_at).toISOString(),
    })),
    // the document the present status was taken from, when it was taken from one (a report, a workbook): its basis
    basis: (() => {
      const last = changes[changes.length - 1];
      return last?.document_id && last.file_name ? { id: last.document_id, fileName: last.file_name } : null;
    })(),
    pendingClosure: closures.find((c) => c.decision === null)?.evidence_ids ?? null,
    pendingExtension: extensions.find((x) => x.decision === null)?.new_deadline ?? null,
    outcomes: outcomes.map((o) => ({
      kind: o.kind,
      moneyKind: o.money_kind,
      amount: o.amount,
      unit: o.unit,
      title: o.title,
      people: o.people,
      count: o.count,
      note: o.note,
    })),
    timeline,
  };
}

/** How many open problems show each warning colour today (the colour rule is core's; this only counts). */
export async function colourCounts(
  db: Db,
  q: { today: string; source?: string | undefined; scope?: Scope },
): Promise<Record<WarningColour, number>> {
  let base = db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['p.status', 'p.deadline', 'p.start_date', 'p.progress', 'p.last_progress_at', 's.warning'])
    .where('p.parent_id', 'is', null)
    .where('p.status', '<>', 'completed')
    .where(scopeSql(q.scope));
  if (q.source) base = base.where('s.code', '=', q.source);
  const out: Record<WarningColour, number> = { green: 0, blue: 0, yellow: 0, red: 0 };
  for (const r of await base.execute()) {
    const c = warningColour(
      {
        status: r.status as LedgerStatus,
        deadline: r.deadline,
        startDate: r.start_date,
        progress: r.progress,
        lastProgressAt: r.last_progress_at,
      },
      q.today,
      thresholdsOf(r.warning),
    );
    if (c) out[c]++;
  }
  return out;
}
