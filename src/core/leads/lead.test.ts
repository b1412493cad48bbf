import { describe, expect, it } from 'vitest';
import {
  addMonths,
  DEFAULT_LEAD_POLICY,
  type LeadFacts,
  leadDatesRefusal,
  leadDeadline,
  leadPolicyOf,
  leadStateOn,
  stepRefusal,
  trackingDue,
} from './lead.ts';
import { leadSentence, leadStatistics, type LeadForStatistics } from './statistics.ts';
import { planLeadSupervision, type SupervisedLead } from './lead-supervision.ts';
import { policyOf } from '../supervision/policy.ts';

const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  transferredOn: '2024-05-10',
  receivedOn: '2024-05-12',
  deadline: '2024-06-10',
  concludedOn: null,
  lastStepOn: null,
  ...over,
});

describe('a lead’s deadline, as seed 002’s rules set it', () => {
  it('handed over during the inspection: within 1 month of the hand-over; after it: 3 months from receipt', () => {
    expect(leadDeadline('during', '2024-05-10', '2024-05-20', DEFAULT_LEAD_POLICY)).toBe('2024-06-10');
    expect(leadDeadline('after', '2024-05-10', '2024-05-20', DEFAULT_LEAD_POLICY)).toBe('2024-08-20');
    // not yet said when it was received: from the hand-over
    expect(leadDeadline('after', '2024-05-10', null, DEFAULT_LEAD_POLICY)).toBe('2024-08-10');
  });

  it('counts calendar months, the 31st becoming a shorter month’s last day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
  });

  it('takes a source’s own months, and ignores nonsense in them', () => {
    expect(leadPolicyOf({ duringMonths: 2, afterMonths: 6 })).toEqual({ duringMonths: 2, afterMonths: 6, trackEveryMonths: 2 });
    expect(leadPolicyOf({ duringMonths: 0, afterMonths: '3', trackEveryMonths: 99 })).toEqual(DEFAULT_LEAD_POLICY);
    expect(leadPolicyOf(null)).toEqual(DEFAULT_LEAD_POLICY);
  });

  it('refuses dates that cannot be, in words', () => {
    expect(leadDatesRefusal('2024-05-10', '2024-05-01', null, '2025-01-01')).toBe('收到日期（2024-05-01）早于移交日期（2024-05-10）');
    expect(leadDatesRefusal('2024-13-01', null, null, '2025-01-01')).toBe('移交日期“2024-13-01”不是有效日期（应为 YYYY-MM-DD）');
    expect(leadDatesRefusal('2024-05-10', null, '2024-05-01', '2025-01-01')).toBe('办理期限（2024-05-01）早于移交日期（2024-05-10）');
    expect(leadDatesRefusal('2024-05-10', '2024-05-10', '2024-06-10', '2025-01-01')).toBeNull();
    expect(leadDatesRefusal('2025-01-02', null, null, '2025-01-01')).toBe('移交日期（2025-01-02）晚于今天（2025-01-01）');
  });
});

describe('a lead’s state on a day', () => {
  it('is open, then due soon, then overdue; concluded on time or late', () => {
    expect(leadStateOn(lead(), '2024-05-01')).toBe('not-yet');
    expect(leadStateOn(lead(), '2024-05-20')).toBe('open');
    expect(leadStateOn(lead(), '2024-06-04')).toBe('due-soon');
    expect(leadStateOn(lead(), '2024-06-10')).toBe('due-soon');
    expect(leadStateOn(lead(), '2024-06-11')).toBe('overdue');
    expect(leadStateOn(lead({ concludedOn: '2024-06-01' }), '2024-06-20')).toBe('concluded');
    expect(leadStateOn(lead({ concludedOn: '2024-07-01' }), '2024-07-02')).toBe('concluded-late');
    // as of a day before its conclusion it was still open
    expect(leadStateOn(lead({ concludedOn: '2024-07-01' }), '2024-06-20')).toBe('overdue');
  });

  it('is due its follow-up 2 months after its last step, never once concluded', () => {
    expect(trackingDue(lead(), '2024-07-11', DEFAULT_LEAD_POLICY)).toBe(false);
    expect(trackingDue(lead(), '2024-07-12', DEFAULT_LEAD_POLICY)).toBe(true);
    expect(trackingDue(lead({ lastStepOn: '2024-07-01' }), '2024-08-31', DEFAULT_LEAD_POLICY)).toBe(false);
    expect(trackingDue(lead({ lastStepOn: '2024-07-01' }), '2024-09-01', DEFAULT_LEAD_POLICY)).toBe(true);
    expect(trackingDue(lead({ concludedOn: '2024-06-01' }), '2024-12-01', DEFAULT_LEAD_POLICY)).toBe(false);
  });

  it('takes no step before its hand-over or after its conclusion', () => {
    expect(stepRefusal(lead(), 'verify', '2024-05-01', '2025-01-01')).toBe('日期（2024-05-01）早于线索移交日期（2024-05-10）');
    expect(stepRefusal(lead({ concludedOn: '2024-06-01' }), 'progress', '2024-06-02', '2025-01-01')).toBe(
      '该线索已于 2024-06-01 办结，不能再登记“办理进展”',
    );
    expect(stepRefusal(lead(), 'close', '2024-06-01', '2025-01-01')).toBeNull();
    expect(stepRefusal(lead(), 'close', '2025-01-02', '2025-01-01')).toBe('日期（2025-01-02）晚于今天（2025-01-01）');
  });
});

describe('the register’s figures and the sentence reports state', () => {
  const leads: LeadForStatistics[] = [
    { ...lead({ concludedOn: '2024-06-01' }), sourceCode: 'XC2024-01', receiver: 'discipline' },
    { ...lead({ concludedOn: '2024-07-01' }), sourceCode: 'XC2024-01', receiver: 'discipline' },
    { ...lead({ deadline: '2024-08-12' }), sourceCode: 'XC2024-02', receiver: 'organisation' },
    { ...lead({ transferredOn: '2024-09-01', receivedOn: null, deadline: '2024-12-01' }), sourceCode: 'XC2024-02', receiver: 'discipline' },
  ];

  it('counts as of any day, by source and by receiver', () => {
    const s = leadStatistics(leads, '2024-08-20');
    expect(s).toMatchObject({ received: 3, concluded: 2, concludedLate: 1, open: 1, overdue: 1 });
    expect(s.rate).toBeCloseTo(66.67, 2);
    expect(s.bySource).toEqual([
      { key: 'XC2024-01', received: 2, concluded: 2, concludedLate: 1, open: 0, overdue: 0, rate: 100 },
      { key: 'XC2024-02', received: 1, concluded: 0, concludedLate: 0, open: 1, overdue: 1, rate: 0 },
    ]);
    expect(s.byReceiver.map((r) => [r.label, r.received, r.concluded])).toEqual([
      ['纪委监委', 2, 2],
      ['组织部', 1, 0],
    ]);
    // earlier, the second was not yet concluded
    expect(leadStatistics(leads, '2024-06-15')).toMatchObject({ received: 3, concluded: 1, open: 2, overdue: 1 });
  });

  it('says "已全部办结" only when every lead received by the day was concluded by it', () => {
    const bySource = leadStatistics(leads, '2024-08-20').bySource;
    expect(leadSentence(bySource[0] as never, '2024-08-20', '巡察移交的问题线索')).toBe(
      '截至2024年8月20日，巡察移交的问题线索2件已全部办结。',
    );
    expect(leadSentence(leadStatistics(leads, '2024-08-20'), '2024-08-20')).toBe(
      '截至2024年8月20日，移交的问题线索3件，已办结2件，正在办理1件（其中逾期未办结1件），办结率66.7%。',
    );
    expect(leadSentence(leadStatistics(leads, '2024-05-01'), '2024-05-01')).toBeNull();
  });
});

describe('the leads in the daily supervision run', () => {
  const supervised = (over: Partial<SupervisedLead> = {}): SupervisedLead => ({
    ...lead(),
    id: 1,
    code: 'XC2024-01-L01',
    receiver: '示例县纪委监委',
    policy: policyOf(null),
    climbed: [],
    ...over,
  });

  it('reminds before the deadline and on passing it, naming the lead by its code alone', () => {
    const [soon] = planLeadSupervision([supervised()], '2024-06-07');
    expect(soon).toMatchObject({ kind: 'due-soon', key: 'lead-due-soon:XC2024-01-L01:2024-06-10:3' });
    expect(soon?.message).toBe('【临近期限】问题线索 XC2024-01-L01应于2024-06-10前办结（还有3天），请示例县纪委监委及时处置。');
    const late = planLeadSupervision([supervised()], '2024-06-11');
    expect(late.map((n) => [n.kind, n.rung])).toEqual([
      ['overdue', null],
      ['escalation', 'notice'],
    ]);
  });

  it('climbs the ladder one rung a day, by days overdue, and stops once the lead is concluded', () => {
    const day1 = planLeadSupervision([supervised()], '2024-06-30');
    expect(day1.filter((n) => n.kind === 'escalation').map((n) => n.rung)).toEqual(['notice']);
    const climbed = [{ rung: 'notice' as const, on: '2024-06-30' }];
    expect(planLeadSupervision([supervised({ climbed })], '2024-06-30').filter((n) => n.kind === 'escalation')).toEqual([]);
    const day2 = planLeadSupervision([supervised({ climbed })], '2024-07-01');
    expect(day2.filter((n) => n.kind === 'escalation').map((n) => [n.rung, n.message])).toEqual([
      ['listed', '【挂牌督办】问题线索 XC2024-01-L01已逾期21天未办结，请示例县纪委监委限期办结。'],
    ]);
    const three = [...climbed, { rung: 'listed' as const, on: '2024-07-01' }];
    expect(planLeadSupervision([supervised({ climbed: three })], '2024-07-11').find((n) => n.rung === 'talk')?.message).toBe(
      '【约谈】问题线索 XC2024-01-L01已逾期31天未办结，建议约谈示例县纪委监委有关负责同志。',
    );
    expect(planLeadSupervision([supervised({ concludedOn: '2024-06-20' })], '2024-07-11')).toEqual([]);
  });

  it('asks for a follow-up two months after the last step, once per interval', () => {
    const open = supervised({ deadline: '2024-12-31', lastStepOn: '2024-06-01' });
    expect(planLeadSupervision([open], '2024-07-31').filter((n) => n.kind === 'tracking')).toEqual([]);
    const [follow] = planLeadSupervision([open], '2024-08-01').filter((n) => n.kind === 'tracking');
    expect(follow?.key).toBe('lead-tracking:XC2024-01-L01:2024-08-01');
    expect(follow?.message).toContain('按每2个月跟踪了解的要求');
    // still nothing two months on: asked again
    expect(planLeadSupervision([open], '2024-10-02').find((n) => n.kind === 'tracking')?.key).toBe(
      'lead-tracking:XC2024-01-L01:2024-10-01',
    );
  });
});
