import { describe, expect, it } from 'vitest';
import { parseActual, parseTarget } from './targets.ts';

describe('targets as self-evaluation tables write them', () => {
  it('reads floors, ceilings and a count to reach, with their units', () => {
    expect(parseTarget('≥95%')).toEqual({ text: '≥95%', direction: 'at-least', value: 95, unit: '%' });
    expect(parseTarget('不超过5%')).toMatchObject({ direction: 'at-most', value: 5, unit: '%' });
    expect(parseTarget('5%以内')).toMatchObject({ direction: 'at-most', value: 5 });
    expect(parseTarget('100%以上')).toMatchObject({ direction: 'at-least', value: 100 });
    expect(parseTarget('190件')).toMatchObject({ direction: 'at-least', value: 190, unit: '件' });
    expect(parseTarget('1,200 人次')).toMatchObject({ direction: 'at-least', value: 1200, unit: '人次' });
  });
  it('takes nothing above none as a ceiling, and a bare cost as a ceiling', () => {
    expect(parseTarget('0起')).toMatchObject({ direction: 'at-most', value: 0, unit: '起' });
    expect(parseTarget('120万元', true)).toMatchObject({ direction: 'at-most', value: 120, unit: '万元' });
  });
  it('keeps words without a figure as qualitative, as written', () => {
    expect(parseTarget(' 逐步提高 ')).toEqual({ text: '逐步提高', direction: 'qualitative', value: null, unit: null });
    expect(parseActual('达到预期')).toEqual({ text: '达到预期', value: null, unit: null });
    expect(parseActual('99.5%')).toEqual({ text: '99.5%', value: 99.5, unit: '%' });
  });
});
