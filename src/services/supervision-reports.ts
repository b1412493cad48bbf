// Use cases: the weekly 调度表 (.xlsx) and the monthly 通报 ranking units (.docx), from the ledger as it stood at the
// end of the week or month and from what supervision sent out in it.
import { sql } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import { fromDay, isIsoDate, toDay } from '../core/ledger/dates.ts';
import { STATUS_LABEL, type LedgerStatus } from '../core/ledger/problem-state.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../core/ledger/supervision.ts';
import { COLOUR_LABEL, thresholdsOf, warningColour } from '../core/ledger/warning.ts';
import { monthlyCircular } from '../core/official/monthly-circular.ts';
import { rankUnits, NO_UNIT } from '../core/supervision/ranking.ts';
import { runHeavy } from './heavy-work.ts';
import type { Db } from '../store/open-database.ts';
import { scopeSql } from './scope.ts';
import { ActionRefused } from '../core/errors.ts';

/** Every top-level problem in scope as it stood at the end of `end`. */
async function itemsAt(db: Db, end: string, scope?: Scope) {
  const rows = await db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
    .leftJoin('person as l', 'l.id', 'p.lead_leader_id')
    .select([
      'p.id',
      'p.code',
      'p.title',
      'p.deadline',
      'p.start_date',
      'p.progress',
      'p.last_progress_at',
      's.warning',
      'u.name as unit',
      'l.name as leader',
    ])
    .select(
      sql<LedgerStatus | null>`(select sc.to_status from status_change sc where sc.problem_id = p.id and sc.at <= ${end} order by sc.at desc, sc.id desc limit 1)`.as(
        'status',
      ),
    )
    .select(
      sql<
        string | null
      >`(select min(sc.at) from status_change sc where sc.problem_id = p.id and sc.to_status = 'completed' and sc.at <= ${end})`.as(
        'completed_on',
      ),
    )
    .where('p.parent_id', 'is', null)
    .where(scopeSql(scope))
    .orderBy('p.code_order')
    .execute();
  return rows.filter((r) => r.status !== null) as (Omit<(typeof rows)[number], 'status'> & { status: LedgerStatus })[];
}

async function sentBetween(db: Db, from: string, to: string, scope?: Scope) {
  return db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('org_unit as u', 'u.id', 'n.unit_id')
    .select(['n.kind', 'n.rung', 'u.name as unit'])
    .where('n.day', '>=', from)
    .where('n.day', '<=', to)
    .where(scopeSql(scope))
    .execute();
}

function missedByUnit(sent: readonly { kind: string; unit: string | null }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of sent) if (s.kind === 'missed-report') m.set(s.unit ?? NO_UNIT, (m.get(s.unit ?? NO_UNIT) ?? 0) + 1);
  return m;
}

export async function monthlyCircularDocument(db: Db, q: { month: string; today: string; issuer: string; scope?: Scope }) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month)) throw new ActionRefused(`月份“${q.month}”应写作 2025-03`);
  const first = `${q.month}-01`;
  const monthEnd = fromDay(toDay(`${fromDay(toDay(first) + 31).slice(0, 7)}-01`) - 1);
  // biome-ignore lint/complexity/useMathMinMax: ISO days, compared as text
  const end = monthEnd < q.today ? monthEnd : q.today;
  if (first > q.today) throw new ActionRefused(`${q.month} 还没有到`);
  const items = await itemsAt(db, end, q.scope);
  const sent = await sentBetween(db, first, end, q.scope);
  const counts: Record<string, number> = {};
  for (const s of sent) {
    const k = s.kind === 'escalation' ? (s.rung ?? 'notice') : s.kind;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const standings = rankUnits(
    items.map((i) => ({ unit: i.unit, status: i.status, deadline: i.deadline, completedOn: i.completed_on })),
    end,
    missedByUnit(sent),
  );
  const overdue = new Map<string, string[]>();
  for (const i of items)
    if (i.status !== 'completed' && i.status !== 'phased' && i.deadline && i.deadline < end)
      overdue.set(i.unit ?? NO_UNIT, [...(overdue.get(i.unit ?? NO_UNIT) ?? []), i.code]);
  const document = monthlyCircular(
    { month: q.month, end, standings, sent: counts, overdue: [...overdue].map(([unit, codes]) => ({ unit, codes })) },
    q.issuer,
    q.today,
  );
  return { fileName: `整改工作月度通报-${q.month}.docx`, bytes: await runHeavy('writeOfficialDocx', document), document, standings };
}

export async function weeklySheet(db: Db, q: { day: string; today: string; scope?: Scope }) {
  if (!isIsoDate(q.day)) throw new ActionRefused(`日期“${q.day}”应写作 2025-03-07`);
  // biome-ignore lint/complexity/useMathMinMax: ISO days, compared as text
  const to = q.day < q.today ? q.day : q.today;
  const from = fromDay(toDay(to) - 6);
  const items = await itemsAt(db, to, q.scope);
  const ids = items.map((i) => i.id);
  const [reports, supervision, sent] = await Promise.all([
    ids.length
      ? db
          .selectFrom('progress_update')
          .select(['problem_id', 'at', 'text', 'progress'])
          .where('problem_id', 'in', ids)
          .where('at', '>=', from)
          .where('at', '<=', to)
          .orderBy('at')
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('supervision_action')
          .select(['problem_id', 'kind', 'at'])
          .where('problem_id', 'in', ids)
          .where('at', '<=', to)
          .orderBy('at')
          .execute()
      : [],
    sentBetween(db, from, to, q.scope),
  ]);
  const open = items.filter((i) => i.status !== 'completed');
  const rows = open.map((i) => {
    const mine = reports.filter((r) => r.problem_id === i.id);
    const sv = supervision.filter((s) => s.problem_id === i.id);
    const colour = warningColour(
      { status: i.status, deadline: i.deadline, startDate: i.start_date, progress: i.progress, lastProgressAt: i.last_progress_at },
      to,
      thresholdsOf(i.warning),
    );
    return {
      code: i.code,
      title: i.title,
      unit: i.unit,
      leader: i.leader,
      deadline: i.deadline,
      status: STATUS_LABEL[i.status],
      progress: i.progress,
      colour: colour ? COLOUR_LABEL[colour] : null,
      reports: mine.map((r) => `${r.at} ${r.text}${r.progress !== null ? `（${r.progress}%）` : ''}`),
      reported: mine.length > 0,
      supervision: sv.length ? sv.map((s) => `${s.at} ${SUPERVISION_LABEL[s.kind as SupervisionKind] ?? s.kind}`).join('；') : null,
    };
  });
  const standings = rankUnits(
    items.map((i) => ({ unit: i.unit, status: i.status, deadline: i.deadline, completedOn: i.completed_on })),
    to,
    missedByUnit(sent),
  );
  return {
    fileName: `整改调度表-${from}至${to}.xlsx`,
    bytes: await runHeavy('writeWeeklySheet', { from, to }, rows, standings),
    rows,
    standings,
  };
}
