import { describe, expect, it } from 'vitest';
import { claimDifferences, type StatedClaim } from './claim-differences.ts';
import type { Counts } from './statistics.ts';

const counts = (total: number, completed: number, inProgress = total - completed): Counts => ({
  total,
  completed,
  phased: 0,
  inProgress,
  notStarted: 0,
  overdue: 0,
  completionRate: total ? (completed / total) * 100 : null,
});
const claim = (metric: string, value: string, text: string, scope: string | null = null): StatedClaim => ({
  metric,
  value,
  scope,
  line: 3,
  text,
});

describe('what a report states beside what its ledger counts', () => {
  const problems = counts(8, 6);
  const specific = counts(31, 28);

  it('agrees where the figures agree, and finds the one that does not', () => {
    const d = claimDifferences(
      [claim('problems', '8', '反馈问题8个'), claim('completed', '6', '已完成整改6个'), claim('in-progress', '3', '正在整改3个')],
      problems,
      specific,
    );
    expect(d.map((x) => [x.metric, x.stated, x.computed, x.agrees])).toEqual([
      ['problems', 8, 8, true],
      ['completed', 6, 6, true],
      ['in-progress', 3, 2, false],
    ]);
  });

  it('counts a report that counts specific problems in specific problems, its status figures too', () => {
    const d = claimDifferences(
      [claim('problems', '31', '细化为31个具体问题'), claim('completed', '28', '完成整改28项')],
      problems,
      specific,
    );
    expect(d.every((x) => x.agrees)).toBe(true);
  });

  it('takes a rate as agreeing at the precision it was written with, and leaves scoped figures to their scope', () => {
    const three = counts(3, 2);
    expect(claimDifferences([claim('completion-rate', '66.7', '整改完成率66.7%')], three, three)[0]).toMatchObject({
      computed: 66.67,
      agrees: true,
    });
    expect(claimDifferences([claim('completion-rate', '60', '整改完成率60%')], three, three)[0]?.agrees).toBe(false);
    expect(claimDifferences([claim('completed', '1', '其中第一方面完成1个', '第一方面')], problems, specific)).toEqual([]);
  });
});
