import { describe, expect, it } from 'vitest';
import { monitor, yearElapsed } from './monitoring.ts';
import type { TargetTable } from './target-table.ts';

const TARGETS: TargetTable = {
  unit: '示例县农业农村局',
  year: 2025,
  budget: { total: '500', weight: null },
  indicators: [
    { level1: '产出指标', level2: '数量指标', level3: '农民培训人次', target: '≥1600人次', weight: 30 },
    { level1: '产出指标', level2: '质量指标', level3: '培训合格率', target: '≥95%', weight: 20 },
    { level1: '产出指标', level2: '成本指标', level3: '亩均建设成本', target: '≤3000元', weight: 10 },
    { level1: '效益指标', level2: '社会效益指标', level3: '农户收入', target: '提高', weight: 30 },
  ],
};

describe('绩效运行监控 at mid-year', () => {
  it('counts the year gone by the end of the day', () => {
    expect(yearElapsed('2025-06-30')).toBeCloseTo((181 / 365) * 100, 6);
    expect(yearElapsed('2025-12-31')).toBe(100);
  });

  it('flags spending behind the time elapsed and a count behind its share of the year, and wants their reasons', () => {
    const r = monitor(TARGETS, {
      asOf: '2025-06-30',
      executed: '150', // 30% spent at 49.6% of the year: 19.6 points behind, yellow
      indicators: [
        { level3: '农民培训人次', reached: '400人次' }, // 25% at 49.6%: red
        { level3: '培训合格率', reached: '96%' },
        { level3: '亩均建设成本', reached: '3100元' }, // over its ceiling: red whatever the time
        { level3: '农户收入', reached: '', onCourse: true },
      ],
    });
    expect(r.budget).toMatchObject({ progress: 30, colour: 'yellow' });
    expect(r.indicators.map((i) => [i.label, i.colour])).toEqual([
      ['农民培训人次', 'red'],
      ['培训合格率', 'green'],
      ['亩均建设成本', 'red'],
      ['农户收入', 'green'],
    ]);
    expect(r.refusals).toEqual([
      '“预算执行”进度30.0%，落后于应有的49.6%：请说明原因和改进措施',
      '“农民培训人次”进度25.0%，落后于应有的49.6%：请说明原因和改进措施',
      '“亩均建设成本”进度0.0%，落后于应有的49.6%：请说明原因和改进措施',
    ]);
  });

  it('takes the reasons, and refuses a report that leaves an indicator out or names one the targets do not have', () => {
    const r = monitor(TARGETS, {
      asOf: '2025-06-30',
      executed: '260',
      indicators: [
        { level3: '农民培训人次', reached: '400人次', reason: '汛期停训两个月，下半年加开四期' },
        { level3: '培训合格率', reached: '96%' },
        { level3: '农户收入', reached: '', onCourse: false, reason: '受价格影响，正组织产销对接' },
        { level3: '办案数', reached: '3件' },
      ],
    });
    expect(r.budget?.colour).toBe('green');
    expect(r.indicators.find((i) => i.label === '农户收入')).toMatchObject({ colour: 'red', reason: '受价格影响，正组织产销对接' });
    expect(r.refusals).toEqual(['请填写“亩均建设成本”截至2025-06-30的完成情况', '绩效目标中没有指标“办案数”']);
  });
});
