import { describe, expect, it } from 'vitest';
import { findDateRanges, findDates, toIso } from './dates.ts';

const ref = { year: 2023, month: 8, day: 25 };
const iso = (s: string, r = ref) => findDates(s).map((d) => toIso(d, r));

describe('dates', () => {
  it('reads full dates, with the spaces a PDF leaves', () => {
    expect(iso('2023 年 8 月 29 日，市八届人大常委会')).toEqual(['2023-08-29']);
    expect(iso('发布日期:2025-09-12')).toEqual(['2025-09-12']);
  });
  it('puts a date without a year on or before the report date', () => {
    expect(iso('3月2日，反馈了巡察意见')).toEqual(['2023-03-02']);
    expect(iso('12月20日召开')).toEqual(['2022-12-20']);
  });
  it('reads month ends and months', () => {
    expect(iso('截至2023年11月底')).toEqual(['2023-11-30']);
    expect(iso('截至2024年2月底')).toEqual(['2024-02-29']);
    expect(iso('填报日期: 2024年5月')).toEqual(['2024-05']);
  });
  it('does not take spans of months or invalid days for dates', () => {
    expect(findDates('2025年1-6月全市一般公共预算收入')).toHaveLength(0);
    expect(findDates('2月30日')).toHaveLength(0);
  });
  it('reads ranges, the end borrowing the start’s year', () => {
    const [r] = findDateRanges('2024年9月23日至12月20日,市委第一巡察组');
    expect(r && [toIso(r.start, null), toIso(r.end, null)]).toEqual(['2024-09-23', '2024-12-20']);
    const [r2] = findDateRanges('2022年10月10日至1月20日');
    expect(r2 && toIso(r2.end, null)).toBe('2023-01-20');
    const [r3] = findDateRanges('2022年2月17日—4月15日');
    expect(r3 && toIso(r3.end, null)).toBe('2022-04-15');
  });
});
