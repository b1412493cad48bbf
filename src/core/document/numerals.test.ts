import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, toChineseNumeral } from './numerals.ts';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['三十二', 32],
    ['九十九', 99],
    ['一百', 100],
    ['一百零八', 108],
    ['两千', 2000],
    ['二〇二三', 2023],
    ['一万', 10000],
    ['一亿二千万', 120000000],
    ['三千零五', 3005],
    ['十万', 100000],
  ])('%s → %i', (s, n) => expect(parseChineseNumeral(s)).toBe(n));

  it('is not fooled by other characters', () => {
    expect(parseChineseNumeral('XX')).toBeNull();
    expect(parseChineseNumeral('')).toBeNull();
    expect(parseChineseNumeral('一是')).toBeNull();
  });

  it('writes headings numbers back and forth', () => {
    for (let n = 1; n < 400; n++) expect(parseChineseNumeral(toChineseNumeral(n))).toBe(n);
    expect(toChineseNumeral(10)).toBe('十');
    expect(toChineseNumeral(32)).toBe('三十二');
    expect(toChineseNumeral(108)).toBe('一百零八');
  });
});
