import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findAmounts } from './document/money.ts';
import { addDecimals, compareDecimals, decimalOf, decimalOfNumber, percentOf, shiftDecimal } from './money.ts';

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
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(addDecimals(['89.974', '-0.004'])).toBe('89.97');
    expect(addDecimals(['-1', '0.25'])).toBe('-0.75');
    expect(addDecimals(['0.5', '-0.5'])).toBe('0');
    expect(addDecimals([])).toBe('0');
    expect(compareDecimals('-0.75', '-0.7')).toBe(-1);
    expect(compareDecimals('10', '9.99')).toBe(1);
    expect(compareDecimals('1.50', '1.5')).toBe(0);
    // adding a column and taking it away again leaves nothing, for any 万元 figures to four places
    const wan = fc.integer({ min: 0, max: 99_999_999_999 }).map((n) => decimalOfNumber(n / 10_000) as string);
    fc.assert(
      fc.property(fc.array(wan, { maxLength: 40 }), (xs) => {
        expect(addDecimals([...xs, ...xs.map((x) => `-${x}`)])).toBe('0');
      }),
    );
  });

  it('reads a cell as the figure it shows: typed text and a spreadsheet number alike', () => {
    expect(['1,234.50', ' 007.5 ', '-3', '-0', '12元', ''].map(decimalOf)).toEqual(['1234.5', '7.5', '-3', '0', null, null]);
    expect([89.974, 1e-7, 1e21, -0.25, 0, Number.NaN].map(decimalOfNumber)).toEqual([
      '89.974',
      '0.0000001',
      '1000000000000000000000',
      '-0.25',
      '0',
      null,
    ]);
    // a rate is a quotient, the only float; none over nothing
    expect(percentOf('318.5', '320')).toBeCloseTo(99.53125, 9);
    expect(percentOf('5', '0')).toBeNull();
  });
});
