// Figures of the leads register as of a day — received, concluded, open, overdue and the rate concluded — in all and
// by source and by receiving body; and the sentence a report states about them, which says "已全部办结" only when
// every lead received by that day was concluded by it.
import { completionRate, formatRate } from '../ledger/completion-rate.ts';
import { type LeadFacts, LEAD_ORIGIN_LABEL, type LeadReceiver, LEAD_RECEIVER_LABEL, leadStateOn } from './lead.ts';
import type { Origin } from '../public/submission.ts';

export interface LeadForStatistics extends LeadFacts {
  readonly sourceCode: string;
  readonly receiver: LeadReceiver;
  /** handed over by the source itself, or transferred from what the public sent; the source's when not said */
  readonly origin?: Origin | undefined;
}

export interface LeadFigures {
  /** handed over by the day */
  readonly received: number;
  readonly concluded: number;
  /** of the concluded, those concluded after their deadline */
  readonly concludedLate: number;
  readonly open: number;
  /** of the open, those past their deadline */
  readonly overdue: number;
  /** concluded / received, in per cent; null when none were received */
  readonly rate: number | null;
}

export interface LeadStatistics extends LeadFigures {
  readonly asOf: string;
  readonly bySource: readonly (LeadFigures & { readonly key: string })[];
  readonly byReceiver: readonly (LeadFigures & { readonly key: LeadReceiver; readonly label: string })[];
  /** the inspection's (or audit's) own hand-overs apart from those the public's submissions became */
  readonly byOrigin: readonly (LeadFigures & { readonly key: Origin; readonly label: string })[];
}

function figures(leads: readonly LeadFacts[], asOf: string): LeadFigures {
  let received = 0;
  let concluded = 0;
  let concludedLate = 0;
  let overdue = 0;
  for (const l of leads) {
    const state = leadStateOn(l, asOf);
    if (state === 'not-yet') continue;
    received++;
    if (state === 'concluded' || state === 'concluded-late') concluded++;
    if (state === 'concluded-late') concludedLate++;
    if (state === 'overdue') overdue++;
  }
  return { received, concluded, concludedLate, open: received - concluded, overdue, rate: completionRate(concluded, received) };
}

function grouped<K extends string>(leads: readonly LeadForStatistics[], key: (l: LeadForStatistics) => K): Map<K, LeadForStatistics[]> {
  const out = new Map<K, LeadForStatistics[]>();
  for (const l of leads) out.set(key(l), [...(out.get(key(l)) ?? []), l]);
  return out;
}

export function leadStatistics(leads: readonly LeadForStatistics[], asOf: string): LeadStatistics {
  return {
    asOf,
    ...figures(leads, asOf),
    bySource: [...grouped(leads, (l) => l.sourceCode)]
      .map(([key, ls]) => ({ key, ...figures(ls, asOf) }))
      .filter((g) => g.received > 0)
      .sort((a, b) => a.key.localeCompare(b.key)),
    byReceiver: [...grouped(leads, (l) => l.receiver)]
      .map(([key, ls]) => ({ key, label: LEAD_RECEIVER_LABEL[key], ...figures(ls, asOf) }))
      .filter((g) => g.received > 0),
    byOrigin: [...grouped(leads, (l) => l.origin ?? 'source')]
      .map(([key, ls]) => ({ key, label: LEAD_ORIGIN_LABEL[key], ...figures(ls, asOf) }))
      .filter((g) => g.received > 0)
      .sort((a, b) => (a.key === 'source' ? -1 : b.key === 'source' ? 1 : 0)),
  };
}

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The sentence a report states: "截至2024年7月1日，移交的问题线索12件已全部办结。" only when all are concluded;
 * otherwise how many are concluded, open and overdue. `what` names the leads ("巡察移交的问题线索"). Null when none
 * were received by the day: a report says nothing of leads it has none of.
 */
export function leadSentence(f: LeadFigures, asOf: string, what = '移交的问题线索'): string | null {
  if (f.received === 0) return null;
  const by = `截至${chineseDate(asOf)}，${what}${f.received}件`;
  if (f.open === 0) return `${by}已全部办结。`;
  const overdue = f.overdue > 0 ? `（其中逾期未办结${f.overdue}件）` : '';
  return `${by}，已办结${f.concluded}件，正在办理${f.open}件${overdue}，办结率${formatRate(f.rate ?? 0, 1)}%。`;
}
