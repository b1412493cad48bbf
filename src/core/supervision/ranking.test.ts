import { describe, expect, it } from 'vitest';
import { NO_UNIT, rankUnits, type RankedItem } from './ranking.ts';

const item = (
  unit: string | null,
  status: RankedItem['status'],
  deadline: string | null,
  completedOn: string | null = null,
): RankedItem => ({
  unit,
  status,
  deadline,
  completedOn,
});

describe('ranking units for the monthly 通报', () => {
  const day = '2025-06-30';
  it('ranks by completion, then timeliness, then fewer missed reports; equal on all, equal in rank', () => {
    const items = [
      item('甲局', 'completed', '2025-05-31', '2025-05-20'),
      item('甲局', 'in-progress', '2025-07-31'),
      item('乙局', 'completed', '2025-05-31', '2025-06-10'), // completed late
      item('乙局', 'in-progress', '2025-07-31'),
      item('丙局', 'completed', null, '2025-06-01'),
      item('丙局', 'in-progress', '2025-07-31'),
      item('丁局', 'in-progress', '2025-05-31'), // overdue
      item('戊局', 'in-progress', '2025-05-31'), // overdue: level with 丁局 on every measure
      item(null, 'phased', null),
    ];
    const ranked = rankUnits(items, day, new Map([['丙局', 1]]));
    expect(ranked.map((r) => [r.rank, r.unit])).toEqual([
      [1, '甲局'],
      [2, '丙局'],
      [3, '乙局'],
      [4, NO_UNIT],
      [5, '丁局'],
      [5, '戊局'],
    ]);
    expect(ranked.find((r) => r.unit === '丁局')).toMatchObject({ total: 1, overdue: 1, onTime: 0, completionRate: 0 });
    expect(ranked.find((r) => r.unit === '乙局')).toMatchObject({ completionRate: 50, timelinessRate: 50 });
  });
});
