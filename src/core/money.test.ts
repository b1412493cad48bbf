import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findAmounts } from './document/money.ts';
import { addDecimals, shiftDecimal, sumFigures } from './money.ts';

describe('money', () => {
  it('keeps the unit as written and gives 万元 exactly', () => {
    const a = findAmounts('追回24146.92万元、36.84亿元、200599.76元，约 552 万元，14.62 万余元，1,234,500元');
    expect(a.map((x) => [x.value, x.unit, x.wan, x.approx])).toEqual([
      ['24146.92', '万元', '24146.92', false],
      ['36.84', '亿元', '368400', false],
      ['200599.76', '元', '20.059976', false],
      ['552', '万元', '552', true],
      ['14.62', '万元', '14.62', true],
      ['1234500', '元', '123.45', false],
    ]);
  });
  it('does not read "元旦" or a list "5，3万元" as thousands', () => {
    expect(findAmounts('2024年元旦')).toHaveLength(0);
    expect(findAmounts('分别为5,3万元').map((a) => a.value)).toEqual(['3']);
  });
  it('shifts and adds decimals without binary rounding', () => {
    expect(shiftDecimal('0.1', -4)).toBe('0.00001');
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 99 }), (i, f) => {
        const v = `${i}.${String(f).padStart(2, '0')}`;
        return shiftDecimal(shiftDecimal(v, 4), -4) === shiftDecimal(v, 0);
      }),
    );
  });
  it("adds a self-evaluation's figures as written, signed, with no float error", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumFigures([0.1, 0.2])).toBe(0.3);
    expect(sumFigures([89.974, -0.004])).toBe(89.97);
    expect(sumFigures([1e-7, 1])).toBe(1.0000001);
    expect(sumFigures([])).toBe(0);
    // the same as the exact sum of the decimal strings, for any column of 万元 figures to four places
    const wan = fc.integer({ min: 0, max: 99_999_999_999 }).map((n) => n / 10_000);
    fc.assert(
      fc.property(fc.array(wan, { maxLength: 40 }), (xs) => {
        expect(sumFigures(xs)).toBe(Number(addDecimals(xs.map(String))));
      }),
    );
  });
});
