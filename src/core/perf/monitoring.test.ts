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

const rows = (...reached: [string, { onCourse?: boolean; reason?: string }?][]) =>
  TARGETS.indicators.map((t, k) => ({ level3: t.level3, reached: reached[k]?.[0] ?? '', ...reached[k]?.[1] }));

describe('绩效运行监控 at mid-year', () => {
  it('counts the year gone by the end of the day', () => {
    expect(yearElapsed('2025-06-30')).toBeCloseTo((181 / 365) * 100, 6);
    expect(yearElapsed('2025-12-31')).toBe(100);
  });

  it('flags spending behind the time elapsed and a count behind its share of the year, and wants their reasons', () => {
    const r = monitor(TARGETS, {
      asOf: '2025-06-30',
      executed: '150', // 30% spent at 49.6% of the year: 19.6 points behind, yellow
      // 25% at 49.6%: red; a rate met; over the cost ceiling: red whatever the time
      indicators: rows(['400人次'], ['96%'], ['3100元'], ['', { onCourse: true }]),
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
      '“亩均建设成本”3100元，超过≤3000元：请说明原因和改进措施',
    ]);
  });

  it('takes the reasons, and refuses a report that leaves an indicator blank or does not match the targets’ rows', () => {
    const r = monitor(TARGETS, {
      asOf: '2025-06-30',
      executed: '260',
      indicators: rows(
        ['400人次', { reason: '汛期停训两个月，下半年加开四期' }],
        ['96%'],
        [''],
        ['', { onCourse: false, reason: '受价格影响，正组织产销对接' }],
      ),
    });
    expect(r.budget?.colour).toBe('green');
    expect(r.indicators.find((i) => i.label === '农户收入')).toMatchObject({ colour: 'red', reason: '受价格影响，正组织产销对接' });
    expect(r.refusals).toEqual(['请填写“亩均建设成本”截至2025-06-30的完成情况']);
    const shifted = monitor(TARGETS, { asOf: '2025-06-30', executed: null, indicators: rows(['800人次'], ['96%']).slice(1) });
    expect(shifted.refusals[0]).toBe('报送了3项指标，绩效目标表有4项：目标表可能已修改，请刷新后重新填报');
  });

  it('measures in one unit: 万 is read, a unit that differs or words for a figure are refused', () => {
    const table: TargetTable = {
      ...TARGETS,
      indicators: [
        { level1: '产出指标', level2: '数量指标', level3: '高标准农田建设面积', target: '≥1.2万亩', weight: 40 },
        { level1: '产出指标', level2: '数量指标', level3: '高标准农田建设面积', target: '≥1.2万亩', weight: 20 },
        { level1: '产出指标', level2: '成本指标', level3: '项目总成本', target: '60万元', weight: 20 },
        { level1: '产出指标', level2: '数量指标', level3: '农民培训人次', target: '≥1500人次', weight: 10 },
      ],
    };
    const at = (reached: string[]) =>
      monitor(table, {
        asOf: '2025-06-30',
        executed: null,
        indicators: table.indicators.map((t, k) => ({ level3: t.level3, reached: reached[k] as string, reason: '原因' })),
      });
    const r = at(['3000亩', '0.6万亩', '80万元', '800']);
    // two rows of one name each read as their own; 3000 of 12000 is 25%; a bare cost under 成本指标 is a ceiling
    expect(r.indicators.map((i) => [i.colour, i.progress === null ? null : Math.round(i.progress)])).toEqual([
      ['red', 25],
      ['green', 50],
      ['red', 0],
      ['green', 53],
    ]);
    expect(r.refusals).toEqual([]);
    expect(at(['3000户', '大部分已完成', '50万元', '800人次']).refusals).toEqual([
      '“高标准农田建设面积”填写的“3000户”与年度指标值“≥1.2万亩”单位不同，请按“万亩”填写',
      '“高标准农田建设面积”的年度指标值是≥1.2万亩，请填写截至2025-06-30达到的数值（单位：万亩）',
    ]);
  });
});
