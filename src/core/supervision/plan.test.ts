import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../ledger/warning.ts';
import { weekday } from './cadence.ts';
import { planSupervision, type SupervisedItem } from './plan.ts';
import { policyOf } from './policy.ts';

const item = (unit: string, lastProgressAt: string | null): SupervisedItem => ({
  id: 1,
  code: 'XC2025-01-001',
  title: '问题',
  status: 'in-progress',
  deadline: '2025-12-31',
  startDate: '2025-01-01',
  progress: 80,
  lastProgressAt,
  leadUnit: { id: 7, name: unit },
  leadLeader: null,
  thresholds: DEFAULT_THRESHOLDS,
  policy: policyOf({ unitReport: { 单位甲: { every: 'daily' } } }),
  observed: null,
  climbed: [],
});

describe('a unit with a cadence of its own', () => {
  it('reports daily while the others keep the weekly Friday', () => {
    expect(weekday('2025-03-05')).toBe(3); // a Wednesday
    const missed = (unit: string, last: string) =>
      planSupervision([item(unit, last)], '2025-03-05').actions.filter((a) => a.kind === 'missed-report');
    // 单位甲 last reported two days ago: yesterday's daily report is missing
    expect(missed('单位甲', '2025-03-03').map((a) => a.key)).toEqual(['missed-report:XC2025-01-001:2025-03-05:u7']);
    // 单位乙 reported on Monday: nothing is due before Friday
    expect(missed('单位乙', '2025-03-03')).toEqual([]);
  });

  it('ignores a stored policy it cannot read, keeping the defaults', () => {
    expect(policyOf({ report: { every: 'hourly' }, dueSoonDays: ['七'], unitReport: 'x' })).toEqual(policyOf(null));
  });
});

describe('the escalation ladder', () => {
  const overdue: SupervisedItem = { ...item('单位甲', '2025-03-01'), deadline: '2025-01-31' };
  const rungs = (climbed: SupervisedItem['climbed'], day: string) =>
    planSupervision([{ ...overdue, climbed }], day)
      .actions.filter((a) => a.kind === 'escalation')
      .map((a) => a.rung);

  it('climbs one rung a day for an item found long overdue, never several at once', () => {
    // 40 days overdue on the first run: 督办单, 挂牌督办 and 约谈 are all due, but only the 督办单 goes out today
    expect(rungs([], '2025-03-12')).toEqual(['notice']);
    expect(rungs([{ rung: 'notice', on: '2025-03-12' }], '2025-03-12')).toEqual([]);
    expect(rungs([{ rung: 'notice', on: '2025-03-12' }], '2025-03-13')).toEqual(['listed']);
    const two = [
      { rung: 'notice', on: '2025-03-12' },
      { rung: 'listed', on: '2025-03-13' },
    ] as const;
    expect(rungs(two, '2025-03-14')).toEqual(['talk']);
    expect(rungs([...two, { rung: 'talk', on: '2025-03-14' }], '2025-03-20')).toEqual([]);
  });

  it('climbs no further than the days overdue allow', () => {
    expect(rungs([{ rung: 'notice', on: '2025-02-01' }], '2025-02-03')).toEqual([]); // 3 days: listing comes at 7
  });
});
