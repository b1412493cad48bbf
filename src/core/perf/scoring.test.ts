import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyRounding, gradeOf, ROUNDINGS, scoreIndicator } from './scoring.ts';
import { parseTarget } from './targets.ts';
import { scoreEvaluation } from './score-evaluation.ts';
import type { Evaluation } from './evaluation.ts';
import { scoredAnswer } from '../contract/perf.ts';

describe('targets as tables write them', () => {
  it.each([
    ['190件', 'at-least', 190, '件'],
    ['≥95%', 'at-least', 95, '%'],
    ['100%以上', 'at-least', 100, '%'],
    ['不超过5%', 'at-most', 5, '%'],
    ['5%以内', 'at-most', 5, '%'],
    ['0起', 'at-most', 0, '起'],
    ['每天', 'qualitative', null, null],
    ['不超过预算金额', 'qualitative', null, null],
  ])('%s', (text, direction, value, unit) => expect(parseTarget(text)).toMatchObject({ direction, value, unit }));

  it('takes a bare figure of a cost indicator as a ceiling', () => {
    expect(parseTarget('120万元', true)).toMatchObject({ direction: 'at-most', value: 120 });
  });
});

describe('scoring rules', () => {
  it('scores proportionally, reversed for ceilings, and met or not for qualitative targets', () => {
    expect(scoreIndicator({ level1: '产出指标', target: '100%', actual: '99%', weight: 5 })).toMatchObject({
      raw: 4.95,
      rule: 'proportional',
    });
    expect(scoreIndicator({ level1: '产出指标', target: '≤5%', actual: '8%', weight: 4 })).toMatchObject({
      raw: 2.5,
      rule: 'proportional-reversed',
    });
    expect(scoreIndicator({ level1: '效益指标', target: '提高', actual: '提高', weight: 10 })).toMatchObject({
      raw: 10,
      rule: 'qualitative-met',
    });
    expect(scoreIndicator({ level1: '效益指标', target: '有效提升', actual: '未完成', weight: 10 })).toMatchObject({
      raw: 0,
      rule: 'qualitative-not-met',
    });
    expect(scoreIndicator({ level1: '产出指标', target: '100%', actual: '190件', weight: 5 })).toMatchObject({
      raw: null,
      rule: 'not-scorable',
    });
    expect(scoreIndicator({ level1: '产出指标', target: '100%', actual: '', weight: 5 })).toMatchObject({
      raw: null,
      rule: 'not-scorable',
    });
  });

  const quantitative = fc.record({
    level1: fc.constantFrom('产出指标', '效益指标', '成本指标', '满意度指标'),
    target: fc
      .tuple(fc.constantFrom('', '≥', '≤', '不超过', '不低于'), fc.integer({ min: 0, max: 1000 }), fc.constantFrom('%', '件', '次', '万元'))
      .map(([w, n, u]) => `${w}${n}${u}`),
    actual: fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.constantFrom('%', '件', '次', '万元', '')).map(([n, u]) => `${n}${u}`),
    weight: fc.integer({ min: 0, max: 30 }),
  });

  it('never gives more than the weight nor less than nothing, at any rounding', () => {
    fc.assert(
      fc.property(quantitative, fc.constantFrom(...ROUNDINGS), (i, r) => {
        const { raw } = scoreIndicator(i);
        if (raw === null) return true;
        const s = applyRounding(raw, r);
        return s >= 0 && s <= i.weight;
      }),
    );
  });

  it('gives the full weight when every target is met', () => {
    fc.assert(
      fc.property(fc.array(quantitative, { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 20 }), (rows, budgetWeight) => {
        // the actual is the target itself: met exactly, whatever the direction
        const indicators = rows.map((r, k) => ({
          ...r,
          level2: '二级',
          level3: `指标${k}`,
          actual: r.target,
          score: null,
          deviation: null,
        }));
        const e: Evaluation = {
          unit: '单位',
          year: 2023,
          budget: { initial: '100', executed: '100', weight: budgetWeight, rate: null, score: null },
          funding: [],
          spending: [],
          staffing: null,
          indicators,
          basics: [],
          totals: null,
          problems: [],
          measures: [],
        };
        const s = scoreEvaluation(e);
        return Math.abs(s.total - s.weightTotal) < 1e-9 && s.indicators.every((i) => i.score === i.weight);
      }),
    );
  });

  it('grades by the published bands', () => {
    expect([gradeOf(90), gradeOf(89.99), gradeOf(80), gradeOf(60), gradeOf(59.5)]).toEqual(['优', '良', '良', '中', '差']);
  });

  it('gives no rate over a budget of nothing, and no figure JSON cannot carry (found by the API fuzz test)', () => {
    const e: Evaluation = {
      unit: '示例单位',
      year: 2024,
      budget: { initial: '0', executed: '100', weight: 10, rate: 95, score: 9 },
      funding: [],
      spending: [],
      staffing: { authorized: 5e-324, actual: 3, controlRate: 90 },
      indicators: [],
      basics: [],
      totals: null,
      problems: [],
      measures: [],
    };
    const scored = scoreEvaluation(e);
    expect(scored.budget?.rate).toBeNull();
    // the answer the server sends is within its contract: every figure a finite number or none
    expect(scoredAnswer.safeParse(scored).error).toBeUndefined();
    expect(JSON.stringify(scored)).not.toMatch(/Infinity|NaN/);
  });
});
