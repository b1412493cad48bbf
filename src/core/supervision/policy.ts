// How a source is supervised: how often units report, when reminders go out before a deadline, and when the
// escalation ladder (提醒 → 督办单 → 挂牌督办 → 约谈 → 问责) climbs. Accountability (问责) is a decision for people:
// the ladder recommends up to 约谈 and stops.
import type { Cadence } from './cadence.ts';
import { DEFAULT_LEAD_POLICY, type LeadPolicy, leadPolicyOf } from '../leads/lead.ts';

export interface SupervisionPolicy {
  /** open items: 一周一调度 on Fridays by default */
  readonly report: Cadence;
  /** phase-complete long-term items report less often */
  readonly phasedReport: Cadence;
  /** units that report on a rhythm of their own (一日一推进 for a unit with urgent items), by unit name */
  readonly unitReport: Readonly<Record<string, Cadence>>;
  /** reminders this many days before the deadline */
  readonly dueSoonDays: readonly number[];
  /** a 督办单 after this many runs in a row found the item yellow */
  readonly noticeAfterYellowRuns: number;
  /** 挂牌督办 after this many days past the deadline (a 督办单 goes out the first day it is overdue) */
  readonly listedAfterOverdueDays: number;
  /** 约谈 recommended after this many days past the deadline */
  readonly talkAfterOverdueDays: number;
  /** the problem leads handed over from this source: how long each kind may take, how often they are followed up */
  readonly leads: LeadPolicy;
}

export const DEFAULT_POLICY: SupervisionPolicy = {
  report: { every: 'weekly', weekday: 5 },
  phasedReport: { every: 'quarterly' },
  unitReport: {},
  dueSoonDays: [7, 3, 1],
  noticeAfterYellowRuns: 2,
  listedAfterOverdueDays: 7,
  talkAfterOverdueDays: 30,
  leads: DEFAULT_LEAD_POLICY,
};

const int = (v: unknown, lo: number, hi: number, dflt: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? v : dflt;

function cadenceOf(v: unknown, dflt: Cadence): Cadence {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  switch (o.every) {
    case 'daily':
    case 'half-monthly':
    case 'quarterly':
      return { every: o.every };
    case 'weekly':
      return { every: 'weekly', weekday: int(o.weekday, 1, 7, 5) };
    case 'monthly':
      return { every: 'monthly', day: int(o.day, 1, 28, 25) };
    default:
      return dflt;
  }
}

/** A source's stored policy (JSON, possibly partial or old) over the defaults. */
export function policyOf(stored: unknown): SupervisionPolicy {
  const o = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const days = Array.isArray(o.dueSoonDays)
    ? o.dueSoonDays.filter((d): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 90)
    : null;
  return {
    report: cadenceOf(o.report, DEFAULT_POLICY.report),
    phasedReport: cadenceOf(o.phasedReport, DEFAULT_POLICY.phasedReport),
    unitReport: Object.fromEntries(
      Object.entries(o.unitReport && typeof o.unitReport === 'object' ? (o.unitReport as Record<string, unknown>) : {})
        .filter(([unit]) => unit.trim() !== '')
        .map(([unit, c]) => [unit, cadenceOf(c, DEFAULT_POLICY.report)]),
    ),
    dueSoonDays: days?.length ? [...new Set(days)].sort((a, b) => b - a) : DEFAULT_POLICY.dueSoonDays,
    noticeAfterYellowRuns: int(o.noticeAfterYellowRuns, 1, 30, DEFAULT_POLICY.noticeAfterYellowRuns),
    listedAfterOverdueDays: int(o.listedAfterOverdueDays, 0, 365, DEFAULT_POLICY.listedAfterOverdueDays),
    talkAfterOverdueDays: int(o.talkAfterOverdueDays, 0, 730, DEFAULT_POLICY.talkAfterOverdueDays),
    leads: leadPolicyOf(o.leads),
  };
}
