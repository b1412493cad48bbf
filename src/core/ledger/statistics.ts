// Statistics of a ledger as of a day: totals, completed, phased, in progress, not started, overdue, the completion
// rate as real reports state it (only fully completed items count), by aspect, unit and triage class, and outcome
// sums. The database counts rows; what counts as what is decided here, once.
import { completionRate } from './completion-rate.ts';
import { addDecimals } from '../money.ts';
import { isOpen, reportedStatus, type LedgerStatus } from './problem-state.ts';

/** A group of problems that share a key (an aspect, a unit or a triage class), a status and whether the deadline has passed. */
export interface StatusCell {
  readonly key: string | null;
  readonly status: LedgerStatus;
  /** the deadline lies before the as-of day */
  readonly pastDeadline: boolean;
  readonly count: number;
}

/** Every problem falls in exactly one cell of each dimension. */
export interface StatusCells {
  readonly byAspect: readonly StatusCell[];
  readonly byUnit: readonly StatusCell[];
  readonly byTriage: readonly StatusCell[];
}

export interface OutcomeRow {
  readonly kind: 'money' | 'institution' | 'accountability' | 'meeting';
  readonly moneyKind: string | null;
  readonly amountWan: string | null;
  readonly people: number | null;
  readonly count: number | null;
}

export interface Counts {
  total: number;
  completed: number;
  phased: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  /** percent, unrounded; null when there is nothing to count */
  completionRate: number | null;
}

export interface Statistics extends Counts {
  byAspect: Record<string, Counts>;
  byUnit: Record<string, Counts>;
  byTriage: Record<string, Counts>;
  outcomes: { moneyWan: string; moneyByKind: Record<string, string>; institutions: number; accountable: number; meetings: number };
}

/** Nothing counted yet: the counts of an aspect, unit or source with no problem. */
export const emptyCounts = (): Counts => ({
  total: 0,
  completed: 0,
  phased: 0,
  inProgress: 0,
  notStarted: 0,
  overdue: 0,
  completionRate: null,
});

function add(c: Counts, cell: StatusCell): void {
  c.total += cell.count;
  const s = reportedStatus(cell.status);
  if (s === 'completed') c.completed += cell.count;
  else if (s === 'phased') c.phased += cell.count;
  else if (s === 'in-progress') c.inProgress += cell.count;
  else c.notStarted += cell.count;
  if (isOpen(cell.status) && cell.pastDeadline) c.overdue += cell.count;
  c.completionRate = completionRate(c.completed, c.total);
}

/**
 * The counts of `whole` without those of `part` (a part of the same problems): the source's own problems, once those
 * opened from what the public sent are set apart. The rate is recomputed by its one rule.
 */
export function countsWithout(whole: Counts, part: Counts): Counts {
  const c = {
    total: whole.total - part.total,
    completed: whole.completed - part.completed,
    phased: whole.phased - part.phased,
    inProgress: whole.inProgress - part.inProgress,
    notStarted: whole.notStarted - part.notStarted,
    overdue: whole.overdue - part.overdue,
  };
  return { ...c, completionRate: completionRate(c.completed, c.total) };
}

/** The counts of a list of problems by their status on a day (`pastDeadline`: the deadline lies before it). */
export function countsOf(problems: readonly { status: LedgerStatus; pastDeadline: boolean }[]): Counts {
  const c = emptyCounts();
  for (const p of problems) add(c, { key: null, status: p.status, pastDeadline: p.pastDeadline, count: 1 });
  return c;
}

export const UNASSIGNED = '（未指定）';

export function statistics(cells: StatusCells, outcomes: readonly OutcomeRow[] = []): Statistics {
  const all = emptyCounts();
  const group = (cs: readonly StatusCell[]) => {
    const out: Record<string, Counts> = {};
    for (const c of cs) add((out[c.key ?? UNASSIGNED] ??= emptyCounts()), c);
    return out;
  };
  for (const c of cells.byTriage) add(all, c);
  const byAspect = group(cells.byAspect);
  const byUnit = group(cells.byUnit);
  const byTriage = group(cells.byTriage);
  const money = outcomes.filter((o) => o.kind === 'money' && o.amountWan !== null);
  const moneyByKind: Record<string, string> = {};
  for (const o of money)
    moneyByKind[o.moneyKind ?? 'other'] = addDecimals([moneyByKind[o.moneyKind ?? 'other'] ?? '0', o.amountWan as string]);
  return {
    ...all,
    byAspect,
    byUnit,
    byTriage,
    outcomes: {
      moneyWan: addDecimals(money.map((o) => o.amountWan as string)),
      moneyByKind,
      institutions: outcomes.filter((o) => o.kind === 'institution').reduce((s, o) => s + (o.count ?? 1), 0),
      accountable: outcomes.filter((o) => o.kind === 'accountability').reduce((s, o) => s + (o.people ?? 0), 0),
      meetings: outcomes.filter((o) => o.kind === 'meeting').reduce((s, o) => s + (o.count ?? 0), 0),
    },
  };
}

/** The status a problem had on a day: its last change on or before it (changes of one day in the order made). */
export function statusOn(changes: readonly { at: string; seq: number; to: LedgerStatus }[], day: string): LedgerStatus | null {
  let best: { at: string; seq: number; to: LedgerStatus } | null = null;
  for (const c of changes) if (c.at <= day && (!best || c.at > best.at || (c.at === best.at && c.seq > best.seq))) best = c;
  return best?.to ?? null;
}
