// The 自评报告 says only what the data says: a table that lists no spending by kind does not make "无基本支出", and
// indicators missed are problems even where the unit wrote none.
import { describe, expect, it } from 'vitest';
import { scoreEvaluation } from './score-evaluation.ts';
import { selfEvaluationReport } from './self-evaluation-report.ts';
import { evaluationFromTargets } from './target-table.ts';

const started = evaluationFromTargets({
  unit: '示例县农业农村局',
  year: 2025,
  budget: { total: '500', weight: null },
  indicators: [
    { level1: '产出指标', level2: '数量指标', level3: '农民培训人次', target: '≥1500人次', weight: 50 },
    { level1: '满意度指标', level2: '服务对象满意度指标', level3: '农户满意度', target: '≥90%', weight: 40 },
  ],
});
const done = {
  ...started,
  budget: started.budget ? { ...started.budget, executed: '480' } : null,
  indicators: started.indicators.map((i, k) => ({ ...i, actual: k === 0 ? '1200人次' : '93%' })),
};
const text = (e: typeof done) =>
  selfEvaluationReport(e, scoreEvaluation(e), { date: '2026-01-20', rectification: null })
    .document.blocks.map((b) => ('text' in b ? b.text : ''))
    .join('\n');

describe('the 自评报告 of an evaluation started from targets', () => {
  it('does not say there was no spending of a kind the table never listed', () => {
    const t = text(done);
    expect(t).not.toContain('无基本支出');
    expect(t).not.toContain('无项目支出');
    expect(t).toContain('（自评表未按支出性质列示，此处由单位填写。）');
    const listed = text({ ...done, spending: [{ type: '基本支出', amount: '480' }] });
    expect(listed).toContain('2025年度基本支出480万元。');
    expect(listed).toContain('2025年度本单位无项目支出。');
  });

  it('lists the indicators missed as problems where the unit wrote none, and asks for the measures', () => {
    const t = text(done);
    expect(t).toContain('1. “农民培训人次”未完全达成：年度指标值≥1500人次，实际完成值1200人次。');
    expect(t).toContain('（此部分由单位填写：针对上述问题的改进措施。）');
    const own = text({ ...done, problems: [{ text: '培训组织不够及时' }], measures: [{ text: '提前制定培训计划' }] });
    expect(own).toContain('1. 培训组织不够及时。');
    expect(own).not.toContain('未完全达成：');
  });
});
