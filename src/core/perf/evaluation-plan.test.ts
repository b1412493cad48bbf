import { describe, expect, it } from 'vitest';
import type { Evaluation } from './evaluation.ts';
import { planFromEvaluation } from './evaluation-plan.ts';
import { scoreEvaluation } from './score-evaluation.ts';

const evaluation = (over: Partial<Evaluation>): Evaluation => ({
  unit: '示例县司法局',
  year: 2024,
  budget: null,
  funding: [],
  spending: [],
  staffing: null,
  indicators: [],
  basics: [],
  totals: null,
  problems: [],
  measures: [],
  ...over,
});

const indicator = (level3: string, score: number, deviation: string | null) => ({
  level1: '产出指标',
  level2: '数量指标',
  level3,
  target: '100件',
  actual: `${score * 10}件`,
  weight: 10,
  score,
  deviation,
});

describe('a self-evaluation as a plan for the ledger', () => {
  it('pairs measures with problems in order, the rest going with the last, each to be rectified by a deadline', () => {
    const e = evaluation({
      problems: [{ text: '绩效目标设定不够细化', line: 40 }, { text: '资金支付进度偏慢' }],
      measures: [{ text: '细化目标' }, { text: '按月调度支付' }, { text: '建立预警' }],
    });
    const plan = planFromEvaluation(e, scoreEvaluation(e), '2025-03-01');
    expect(plan).toMatchObject({ kind: 'self-evaluation', title: '示例县司法局2024年度预算绩效自评发现的问题', year: 2024 });
    expect(plan.aspects.map((a) => [a.ordinal, a.title])).toEqual([[1, '自评发现的问题']]);
    const [first, second] = plan.aspects[0]?.problems ?? [];
    expect(first).toMatchObject({ ordinal: 1, status: 'not-started', triage: 'deadline', line: 40 });
    expect(first?.measures.map((m) => m.text)).toEqual(['细化目标']);
    expect(second?.measures.map((m) => m.text)).toEqual(['按月调度支付', '建立预警']);
    // no line where the problem was entered by hand
    expect(second?.line).toBe(0);
  });

  it('makes each indicator short of its weight a problem, with its shortfall and its stated reason', () => {
    const e = evaluation({ year: null, indicators: [indicator('办案数', 9, '案源减少'), indicator('结案率', 10, null)] });
    const plan = planFromEvaluation(e, scoreEvaluation(e), '2025-03-01');
    expect(plan.year).toBe(2025);
    expect(plan.aspects.map((a) => [a.ordinal, a.title])).toEqual([[2, '未达成的绩效指标']]);
    const [p] = plan.aspects[0]?.problems ?? [];
    expect(p?.title).toBe('绩效指标“办案数”未达成');
    expect(p?.detail).toBe('产出指标/数量指标：年度指标值100件，实际完成值90件，得分9（分值10）');
    expect(p?.measures.map((m) => m.text)).toEqual(['案源减少']);
    expect(plan.aspects[0]?.problems).toHaveLength(1);
  });
});
