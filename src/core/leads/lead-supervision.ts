// Supervision of the leads register in the daily run, on the cadence problems have: a reminder as the deadline
// nears, one on passing it, a follow-up asked for when no step was recorded for the source's interval (每2个月跟踪
// 了解), and the ladder climbed by days overdue — 督办单 on the first overdue day, 挂牌督办 and 约谈 after the source's
// days — one rung a day at most. Every notice carries a key made of what it is about (the lead, its deadline, the
// period), so the same run twice creates nothing new. The notices name the lead by its code, never the people it
// concerns.
import { daysBetween } from '../ledger/dates.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../ledger/supervision.ts';
import type { SupervisionPolicy } from '../supervision/policy.ts';
import { followUpDue, type LeadFacts } from './lead.ts';

export interface SupervisedLead extends LeadFacts {
  readonly id: number;
  readonly code: string;
  /** the body that received it, by name */
  readonly receiver: string;
  readonly policy: SupervisionPolicy;
  /** the rungs already climbed for the present deadline, and the day each was */
  readonly climbed: readonly { readonly rung: SupervisionKind; readonly on: string }[];
}

export type LeadNoticeKind = 'due-soon' | 'overdue' | 'tracking' | 'escalation';
export const LEAD_NOTICE_LABEL: Record<LeadNoticeKind, string> = {
  'due-soon': '临近期限提醒',
  overdue: '逾期提醒',
  tracking: '跟踪了解',
  escalation: '升级督办',
};

export interface LeadNotice {
  readonly key: string;
  readonly leadId: number;
  readonly lead: string;
  readonly kind: LeadNoticeKind;
  readonly rung: SupervisionKind | null;
  readonly deadline: string;
  readonly message: string;
}

export function planLeadSupervision(leads: readonly SupervisedLead[], day: string): LeadNotice[] {
  const out: LeadNotice[] = [];
  for (const l of leads) {
    if (l.concludedOn !== null || day < l.transferredOn) continue;
    const add = (key: string, kind: LeadNoticeKind, message: string, rung: SupervisionKind | null = null) =>
      out.push({ key, leadId: l.id, lead: l.code, kind, rung, deadline: l.deadline, message });
    const about = `问题线索 ${l.code}`;
    const left = daysBetween(day, l.deadline);
    const threshold = [...l.policy.dueSoonDays].sort((a, b) => a - b).find((d) => left >= 0 && left <= d);
    if (threshold !== undefined)
      add(
        `lead-due-soon:${l.code}:${l.deadline}:${threshold}`,
        'due-soon',
        `【临近期限】${about}应于${l.deadline}前办结（还有${left}天），请${l.receiver}及时处置。`,
      );
    if (left < 0)
      add(
        `lead-overdue:${l.code}:${l.deadline}`,
        'overdue',
        `【逾期未办结】${about}已超过办理期限${l.deadline}，请${l.receiver}说明情况并尽快处置。`,
      );
    const since = l.lastStepOn ?? l.receivedOn ?? l.transferredOn;
    const due = followUpDue(l, day, l.policy.leads.trackEveryMonths);
    if (due !== null)
      add(
        `lead-tracking:${l.code}:${due}`,
        'tracking',
        `【跟踪了解】${about}自${since}以来未登记办理情况，按每${l.policy.leads.trackEveryMonths}个月跟踪了解的要求，请${l.receiver}报告处置进展。`,
      );
    const overdue = left < 0 ? -left : 0;
    const dueRungs: SupervisionKind[] = [];
    if (overdue >= 1) dueRungs.push('notice');
    if (overdue >= Math.max(1, l.policy.listedAfterOverdueDays)) dueRungs.push('listed');
    if (overdue >= Math.max(1, l.policy.talkAfterOverdueDays)) dueRungs.push('talk');
    const climbedToday = l.climbed.some((c) => c.on >= day);
    const next = dueRungs.find((r) => !l.climbed.some((c) => c.rung === r));
    if (next && !climbedToday)
      add(
        `lead-escalation:${l.code}:${next}:${l.deadline}`,
        'escalation',
        `【${SUPERVISION_LABEL[next]}】${about}已逾期${overdue}天未办结，${next === 'talk' ? `建议约谈${l.receiver}有关负责同志` : `请${l.receiver}限期办结`}。`,
        next,
      );
  }
  return out;
}
