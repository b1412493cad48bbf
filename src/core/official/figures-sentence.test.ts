import { describe, expect, it } from 'vitest';
import { outcomeClause, statusClause } from './figures-sentence.ts';
import { emptyCounts } from '../ledger/statistics.ts';

const counts = (c: Partial<Parameters<typeof statusClause>[0]>) => ({ ...emptyCounts(), ...c });

describe('the figures sentence', () => {
  it('says every status that has problems, always the completed ones, and the rate as reports write it', () => {
    expect(statusClause(counts({ total: 8, completed: 6, phased: 1, inProgress: 1, completionRate: 75 }), '问题')).toBe(
      '8个问题中已完成整改6个，阶段性完成1个，正在整改1个，整改完成率75%',
    );
    expect(statusClause(counts({ total: 3, notStarted: 3, completionRate: 0 }), '问题')).toBe(
      '3个问题中已完成整改0个，尚未整改3个，整改完成率0%',
    );
    expect(statusClause(counts({ total: 3, completed: 2, inProgress: 1, completionRate: 200 / 3 }), '问题')).toBe(
      '3个问题中已完成整改2个，正在整改1个，整改完成率66.67%',
    );
  });
  it('says the outcomes the ledger holds and nothing it does not', () => {
    const none = { moneyWan: '0', moneyByKind: {}, institutions: 0, accountable: 0, meetings: 3 };
    expect(outcomeClause(none)).toBe('');
    expect(outcomeClause({ ...none, institutions: 4, accountable: 2, moneyByKind: { recovered: '12.36', returned: '0' } })).toBe(
      '建立完善制度4项，追回资金12.36万元，追责问责2人',
    );
  });
});
