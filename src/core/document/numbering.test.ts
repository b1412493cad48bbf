import { describe, expect, it } from 'vitest';
import { bareNumbering, lineNumbering } from './numbering.ts';
import { foldLine } from './text.ts';

const n = (s: string) => {
  const r = lineNumbering(foldLine(s));
  return r && [r.style, r.ordinal];
};

describe('numbering at the start of a line', () => {
  it.each([
    ['一、审计整改工作落实情况', ['cn-comma', 1]],
    ['（十二）关于…', ['cn-paren', 12]],
    ['(一）高度重视', ['cn-paren', 1]],
    ['1.持续加力整改', ['arabic-dot', 1]],
    ['1．针对“政治理论学习重视不够”的问题。', ['arabic-dot', 1]],
    ['1、贯彻执行国家有关法律', ['arabic-dot', 1]],
    ['1.110KV线路迁改', ['arabic-dot', 1]],
    ['（1）健全议事决策机制', ['arabic-paren', 1]],
    ['16)持续采取务实管用的措施', ['arabic-paren', 16]],
    // a specific problem whose title starts with a year (found reading back a generated 通报 of seed 002)
    ['（1）2021年未将保密工作纳入到班子会议事日程', ['arabic-paren', 1]],
    ['③加强督办', ['circled', 3]],
    ['第二，超前谋划国资国企发展方向。', ['ordinal-di', 2]],
    ['存在问题三十二：对审计监督检查指出问题整改不力。', ['problem-no', 32]],
    // a long list goes on past 999 (a ledger of 2,000 items lost everything from 1000 on)
    ['1000.第一千个问题', ['arabic-dot', 1000]],
    ['12345、问题', ['arabic-dot', 12345]],
    ['（1000）问题', ['arabic-paren', 1000]],
    ['存在问题1001：问题', ['problem-no', 1001]],
    // a 问题清单 written as text, each problem on its line with its measures and where it stands
    ['问题7：基层所办公条件较差。整改措施：分批改造基层市场监管所。', ['problem-no', 7]],
    // item 2 about three schools: a count's classifier after the figure, which no date has
    ['2.3所学校违规收取资料费', ['arabic-dot', 2]],
  ])('%s', (line, expected) => expect(n(line)).toEqual(expected));

  it.each([
    '一是修订完善了学习制度',
    '一方面，优化移交程序',
    '2.3亿元用于…',
    '2023 年度基本支出',
    '5.17重要讲话',
    '12家企业按规定退回',
    '1)2021年度',
    '2021.3.5召开专题会议',
    '2021、2022年连续两年',
    '问题12个，已完成10个',
  ])('%s is not an item', (line) => expect(n(line)).toBeNull());

  it('accepts an item whose dot was lost only where it continues the sequence', () => {
    expect(bareNumbering('5继续完善社科人才专家库建设', 5)?.ordinal).toBe(5);
    expect(bareNumbering('5继续完善社科人才专家库建设', 2)).toBeNull();
    expect(bareNumbering('12家企业按规定退回', 12)).toBeNull();
  });
});
