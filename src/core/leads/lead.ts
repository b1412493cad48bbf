// Problem leads (问题线索): what an inspection or audit found that is a matter for a discipline or personnel body, not
// for rectification, and is handed to it. A lead is handled by that body within a time set by the kind of hand-over
// — a lead handed over during the inspection (巡中移交) within 1 month of its hand-over, one handed over with the
// inspection's report (巡后移交) concluded or a case opened within 3 months of its receipt (seed 002's rules) —
// followed up every 2 months until it is concluded, and concluded by a disposal with its date and document.
// Pure: the rules; the register is in services/leads.ts.
import { daysBetween, isIsoDate } from '../ledger/dates.ts';
import type { Origin } from '../public/submission.ts';

/** When the lead was handed over: during the inspection or audit, or after it with its report. */
export type LeadPhase = 'during' | 'after';
export const LEAD_PHASE_LABEL: Record<LeadPhase, string> = { during: '巡中移交', after: '巡后移交' };

/** Whose the lead was first: found by the inspection or audit itself, or sent by the public about its 通报. */
export const LEAD_ORIGIN_LABEL: Record<Origin, string> = { source: '巡察审计发现', public: '群众反映' };

/** The body that received it. */
export type LeadReceiver = 'discipline' | 'organisation' | 'other';
export const LEAD_RECEIVER_LABEL: Record<LeadReceiver, string> = {
  discipline: '纪委监委',
  organisation: '组织部',
  other: '其他机关',
};

/**
 * What the receiving body did. 初步核实 and a note of progress are steps on the way; the rest are disposals, which
 * conclude the lead (办结): the four ways of disposing of a lead (谈话函询, 初步核实 leading to 立案 or 了结, 暂存待查,
 * 予以了结), a case opened, or the lead passed on to the body it belongs to.
 */
export type LeadStepKind = 'progress' | 'verify' | 'talk' | 'shelve' | 'close' | 'case' | 'transfer';
export const LEAD_STEP_LABEL: Record<LeadStepKind, string> = {
  progress: '办理进展',
  verify: '初步核实',
  talk: '谈话函询',
  shelve: '暂存待查',
  close: '予以了结',
  case: '立案审查调查',
  transfer: '转办',
};
const CONCLUDING: ReadonlySet<LeadStepKind> = new Set(['talk', 'shelve', 'close', 'case', 'transfer']);

export function concludes(kind: LeadStepKind): boolean {
  return CONCLUDING.has(kind);
}

/** How long a kind of hand-over may take, and how often an open lead is followed up; set per source. */
export interface LeadPolicy {
  readonly duringMonths: number;
  readonly afterMonths: number;
  readonly trackEveryMonths: number;
}
export const DEFAULT_LEAD_POLICY: LeadPolicy = { duringMonths: 1, afterMonths: 3, trackEveryMonths: 2 };

const months = (v: unknown, dflt: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 24 ? v : dflt);

/** A source's stored lead policy (JSON, possibly partial) over the defaults. */
export function leadPolicyOf(stored: unknown): LeadPolicy {
  const o = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  return {
    duringMonths: months(o.duringMonths, DEFAULT_LEAD_POLICY.duringMonths),
    afterMonths: months(o.afterMonths, DEFAULT_LEAD_POLICY.afterMonths),
    trackEveryMonths: months(o.trackEveryMonths, DEFAULT_LEAD_POLICY.trackEveryMonths),
  };
}

/** `n` calendar months after an ISO day; the 31st of a shorter month is its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The day a lead must be disposed of by: counted from its hand-over (during) or from its receipt (after). */
export function leadDeadline(phase: LeadPhase, transferredOn: string, receivedOn: string | null, policy: LeadPolicy): string {
  return phase === 'during' ? addMonths(transferredOn, policy.duringMonths) : addMonths(receivedOn ?? transferredOn, policy.afterMonths);
}

/** What is checked of a new lead's dates, in the user's words; null when they hold. Nothing is handed over tomorrow. */
export function leadDatesRefusal(transferredOn: string, receivedOn: string | null, deadline: string | null, today: string): string | null {
  if (!isIsoDate(transferredOn)) return `移交日期“${transferredOn}”不是有效日期（应为 YYYY-MM-DD）`;
  if (transferredOn > today) return `移交日期（${transferredOn}）晚于今天（${today}）`;
  if (receivedOn !== null && isIsoDate(receivedOn) && receivedOn > today) return `收到日期（${receivedOn}）晚于今天（${today}）`;
  if (receivedOn !== null && !isIsoDate(receivedOn)) return `收到日期“${receivedOn}”不是有效日期（应为 YYYY-MM-DD）`;
  if (receivedOn !== null && receivedOn < transferredOn) return `收到日期（${receivedOn}）早于移交日期（${transferredOn}）`;
  if (deadline !== null && !isIsoDate(deadline)) return `办理期限“${deadline}”不是有效日期（应为 YYYY-MM-DD）`;
  if (deadline !== null && deadline < transferredOn) return `办理期限（${deadline}）早于移交日期（${transferredOn}）`;
  return null;
}

/** A lead as far as its state goes: its dates and its disposal, if any. */
export interface LeadFacts {
  readonly transferredOn: string;
  readonly receivedOn: string | null;
  readonly deadline: string;
  /** the day of the disposal that concluded it, or null while open */
  readonly concludedOn: string | null;
  /** the day of its last step (or its receipt): when it was last followed up */
  readonly lastStepOn: string | null;
}

export type LeadState = 'not-yet' | 'open' | 'due-soon' | 'overdue' | 'concluded' | 'concluded-late';
export const LEAD_STATE_LABEL: Record<LeadState, string> = {
  'not-yet': '尚未移交',
  open: '正在办理',
  'due-soon': '临近期限',
  overdue: '逾期未办结',
  concluded: '已办结',
  'concluded-late': '已办结（逾期）',
};

/** Days before its deadline an open lead is due soon. */
export const LEAD_DUE_SOON_DAYS = 7;

/** A lead's state as of a day: what the register showed that day, whatever happened after. */
export function leadStateOn(lead: LeadFacts, asOf: string): LeadState {
  if (asOf < lead.transferredOn) return 'not-yet';
  if (lead.concludedOn !== null && lead.concludedOn <= asOf) return lead.concludedOn > lead.deadline ? 'concluded-late' : 'concluded';
  if (asOf > lead.deadline) return 'overdue';
  return daysBetween(asOf, lead.deadline) <= LEAD_DUE_SOON_DAYS ? 'due-soon' : 'open';
}

/**
 * The day a follow-up (每2个月跟踪了解) last fell due on or before `asOf`: each time an interval of `everyMonths` since
 * the last step (or the receipt) ended without a step. Null when none has, or the lead was concluded by then.
 */
export function followUpDue(lead: LeadFacts, asOf: string, everyMonths: number): string | null {
  if (lead.concludedOn !== null && lead.concludedOn <= asOf) return null;
  const since = lead.lastStepOn ?? lead.receivedOn ?? lead.transferredOn;
  let due: string | null = null;
  for (let k = 1; addMonths(since, k * everyMonths) <= asOf; k++) due = addMonths(since, k * everyMonths);
  return due;
}

/** Whether an open lead is due its follow-up: no step for the policy's interval since the last one. */
export function trackingDue(lead: LeadFacts, asOf: string, policy: Pick<LeadPolicy, 'trackEveryMonths'>): boolean {
  return followUpDue(lead, asOf, policy.trackEveryMonths) !== null;
}

/**
 * Whether a step may be recorded on a lead in its present state, on the day it says, today being `today`; the refusal
 * in the user's words, or null.
 */
export function stepRefusal(
  lead: Pick<LeadFacts, 'transferredOn' | 'concludedOn'>,
  kind: LeadStepKind,
  on: string,
  today: string,
): string | null {
  if (!isIsoDate(on)) return `日期“${on}”不是有效日期（应为 YYYY-MM-DD）`;
  if (on > today) return `日期（${on}）晚于今天（${today}）`;
  if (on < lead.transferredOn) return `日期（${on}）早于线索移交日期（${lead.transferredOn}）`;
  if (lead.concludedOn !== null) return `该线索已于 ${lead.concludedOn} 办结，不能再登记“${LEAD_STEP_LABEL[kind]}”`;
  return null;
}
