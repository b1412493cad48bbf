import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { statistics, statusOn, type StatusCell } from './statistics.ts';
import type { LedgerStatus } from './problem-state.ts';

const cell = (status: LedgerStatus, count: number, o: Partial<StatusCell> = {}): StatusCell => ({
  key: 'deadline',
  status,
  pastDeadline: false,
  count,
  ...o,
});
const one = (cs: StatusCell[]) => ({
  byAspect: cs.map((c) => ({ ...c, key: '甲' })),
  byUnit: cs.map((c) => ({ ...c, key: '办公室' })),
  byTriage: cs,
});

describe('statistics', () => {
  it('counts as real reports do: only completed items make the rate; a pending closure is still in progress', () => {
    const s = statistics(
      one([
        cell('completed', 688),
        cell('phased', 4),
        cell('in-progress', 3),
        cell('closure-requested', 1),
        cell('not-started', 1, { pastDeadline: true }),
      ]),
    );
    expect(s.byAspect.甲?.total).toBe(697);
    expect(s).toMatchObject({ total: 697, completed: 688, phased: 4, inProgress: 4, notStarted: 1, overdue: 1 });
    expect(s.completionRate?.toFixed(2)).toBe('98.71');
  });
  it('does not count completed or phase-complete items as overdue', () => {
    expect(statistics(one([cell('completed', 2, { pastDeadline: true }), cell('phased', 1, { pastDeadline: true })])).overdue).toBe(0);
  });
  it('sums outcomes exactly', () => {
    const s = statistics(one([]), [
      { kind: 'money', moneyKind: 'recovered', amountWan: '0.1', people: null, count: null },
      { kind: 'money', moneyKind: 'recovered', amountWan: '0.2', people: null, count: null },
      { kind: 'accountability', moneyKind: null, amountWan: null, people: 3, count: null },
      { kind: 'institution', moneyKind: null, amountWan: null, people: null, count: 2 },
    ]);
    expect(s.outcomes).toEqual({ moneyWan: '0.3', moneyByKind: { recovered: '0.3' }, institutions: 2, accountable: 3, meetings: 0 });
  });
  it('property: the same events in any order give the same statistics', () => {
    const status = fc.constantFrom<LedgerStatus>('not-started', 'in-progress', 'closure-requested', 'phased', 'completed');
    // changes of one problem carry distinct sequence numbers, as the database's ids do
    const problem = fc
      .array(fc.record({ at: fc.constantFrom('2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'), to: status }), {
        minLength: 1,
        maxLength: 6,
      })
      .map((cs) => cs.map((c, seq) => ({ ...c, seq })));
    fc.assert(
      fc.property(
        fc.array(problem, { maxLength: 30 }),
        fc.constantFrom('2024-01-15', '2024-03-01', '2024-12-31'),
        fc.nat(),
        (problems, day, seed) => {
          const cellsOf = (ps: typeof problems) =>
            ps.flatMap((changes) => {
              const s = statusOn(changes, day);
              return s ? [cell(s, 1)] : [];
            });
          const shuffle = <T>(xs: T[]) =>
            xs
              .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
              .sort((a, b) => a.k - b.k)
              .map((o) => o.x);
          const a = statistics(one(cellsOf(problems)));
          const b = statistics(one(shuffle(cellsOf(problems.map((changes) => shuffle([...changes]))))));
          expect(b).toEqual(a);
        },
      ),
    );
  });
});
