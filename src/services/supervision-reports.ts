// Use cases: the weekly 调度表 (.xlsx) and the monthly 通报 ranking units (.docx), from the ledger as it stood at the
// end of the week or month and from what supervision sent out in it.
import type { Scope } from '../core/access/permissions.ts';
import { fromDay, isIsoDate, toDay } from '../core/ledger/dates.ts';
import { STATUS_LABEL } from '../core/ledger/problem-state.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../core/ledger/supervision.ts';
import { COLOUR_LABEL } from '../core/ledger/warning.ts';
import { monthlyCircular } from '../core/official/monthly-circular.ts';
import { rankUnits, NO_UNIT } from '../core/supervision/ranking.ts';
import { runHeavy } from './heavy-work.ts';
import { internalMark } from '../core/official/internal-mark.ts';
import { maskIdentifiers } from '../core/access/personal-data.ts';
import type { Db } from '../store/open-database.ts';
import { colourOf } from '../store/problem-colour.ts';
import { progressReportsBetween } from '../store/progress.repository.ts';
import { notificationsSentBetween, problemsAsOf, supervisionActionsOf } from '../store/supervision.repository.ts';
import { ActionRefused } from '../core/errors.ts';

function missedByUnit(sent: readonly { kind: string; unit: string | null }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of sent) if (s.kind === 'missed-report') m.set(s.unit ?? NO_UNIT, (m.get(s.unit ?? NO_UNIT) ?? 0) + 1);
  return m;
}

export async function monthlyCircularDocument(
  db: Db,
  q: { month: string; today: string; issuer: string; scope: Scope; generatedBy?: string | undefined },
) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month)) throw new ActionRefused(`月份“${q.month}”应写作 2025-03`);
  const first = `${q.month}-01`;
  const monthEnd = fromDay(toDay(`${fromDay(toDay(first) + 31).slice(0, 7)}-01`) - 1);
  // biome-ignore lint/complexity/useMathMinMax: ISO days, compared as text
  const end = monthEnd < q.today ? monthEnd : q.today;
  if (first > q.today) throw new ActionRefused(`${q.month} 还没有到`);
  const items = await problemsAsOf(db, end, q.scope);
  const sent = await notificationsSentBetween(db, first, end, q.scope);
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
  const circular = monthlyCircular(
    { month: q.month, end, standings, sent: counts, overdue: [...overdue].map(([unit, codes]) => ({ unit, codes })) },
    q.issuer,
    q.today,
  );
  // an internal document: whoever generated it is printed on every page
  const document = q.generatedBy ? { ...circular, watermark: internalMark(q.generatedBy, new Date()) } : circular;
  return { fileName: `整改工作月度通报-${q.month}.docx`, bytes: await runHeavy('writeOfficialDocx', document), document, standings };
}

export async function weeklySheet(db: Db, q: { day: string; today: string; scope: Scope; generatedBy?: string | undefined }) {
  if (!isIsoDate(q.day)) throw new ActionRefused(`日期“${q.day}”应写作 2025-03-07`);
  // biome-ignore lint/complexity/useMathMinMax: ISO days, compared as text
  const to = q.day < q.today ? q.day : q.today;
  const from = fromDay(toDay(to) - 6);
  const items = await problemsAsOf(db, to, q.scope);
  const ids = items.map((i) => i.id);
  const [reports, supervision, sent] = await Promise.all([
    ids.length ? progressReportsBetween(db, ids, from, to) : [],
    ids.length ? supervisionActionsOf(db, ids, to) : [],
    notificationsSentBetween(db, from, to, q.scope),
  ]);
  const open = items.filter((i) => i.status !== 'completed');
  const rows = open.map((i) => {
    const mine = reports.filter((r) => r.problem_id === i.id);
    const sv = supervision.filter((s) => s.problem_id === i.id);
    const colour = colourOf(i, to, i.warning);
    return {
      code: i.code,
      title: i.title,
      unit: i.unit,
      leader: i.leader,
      deadline: i.deadline,
      status: STATUS_LABEL[i.status],
      progress: i.progress,
      colour: colour ? COLOUR_LABEL[colour] : null,
      // a sheet passed round a meeting: a number written into a report is not printed whole
      reports: mine.map((r) => `${r.at} ${maskIdentifiers(r.text)}${r.progress !== null ? `（${r.progress}%）` : ''}`),
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
    bytes: await runHeavy(
      'writeWeeklySheet',
      { from, to },
      rows,
      standings,
      q.generatedBy ? internalMark(q.generatedBy, new Date()) : undefined,
    ),
    rows,
    standings,
  };
}
