import { describe, expect, it } from 'vitest';
import { normaliseOcrLine, normaliseOcrText } from './ocr-normalise.ts';

describe('putting an OCR line back as it was printed', () => {
  it('removes the spaces a recogniser puts between Chinese characters, and beside figures', () => {
    expect(normaliseOcrLine('市 委 第 二 巡 察 组 反 馈 的 4 个 方 面 32 个 问 题')).toBe('市委第二巡察组反馈的4个方面32个问题');
    expect(normaliseOcrLine('截至 2023 年 11 月 ， 已 完 成 90% 。')).toBe('截至2023年11月，已完成90%。');
  });

  it('reads figures with half-width digits, and letters inside them as the digits they stand for', () => {
    expect(normaliseOcrLine('追回资金３４．３６万元')).toBe('追回资金34.36万元');
    expect(normaliseOcrLine('2O23年5月')).toBe('2023年5月');
    expect(normaliseOcrLine('整改问题1l2个')).toBe('整改问题112个');
    expect(normaliseOcrLine('共l37个问题')).toBe('共137个问题');
    // a word in Latin letters is not a figure
    expect(normaliseOcrLine('通过OA系统和ISO认证')).toBe('通过OA系统和ISO认证');
  });

  it('joins a figure split by a stray space', () => {
    expect(normaliseOcrLine('多支付第三方服务费 34. 36 万元')).toBe('多支付第三方服务费34.36万元');
    expect(normaliseOcrLine('完成率为 8 5.19 %')).toBe('完成率为85.19%');
  });

  it('gives Chinese sentences their full-width punctuation, and leaves decimals and thousands alone', () => {
    expect(normaliseOcrLine('一是制定计划,二是开展研讨.')).toBe('一是制定计划，二是开展研讨。');
    expect(normaliseOcrLine('整改情况:已完成整改;')).toBe('整改情况：已完成整改；');
    // a label's colon seen as a semicolon
    expect(normaliseOcrLine('整改情况；已完成整改。')).toBe('整改情况：已完成整改。');
    expect(normaliseOcrLine('金额1,234.56万元')).toBe('金额1,234.56万元');
    expect(normaliseOcrLine('(一)高度重视')).toBe('（一）高度重视');
  });

  it('reads an item numbered 1. that was seen as 工。, and an item’s dot seen as a comma', () => {
    expect(normaliseOcrLine('工。理论学习不深入')).toBe('1.理论学习不深入');
    expect(normaliseOcrLine('7，档案管理不规范')).toBe('7.档案管理不规范');
    expect(normaliseOcrLine('2023，全市')).toBe('2023，全市');
    expect(normaliseOcrLine('施工。理论')).toBe('施工。理论');
  });

  it('reads a full stop seen as o or ° at a sentence’s end', () => {
    expect(normaliseOcrLine('已完成整改o二是')).toBe('已完成整改。二是');
    expect(normaliseOcrLine('已完成整改°')).toBe('已完成整改。');
  });

  it('changes nothing more when run twice, and keeps every line in its place', () => {
    const page = '一 、 整 改 落 实 情 况\n\n共 l37 个 问 题 ,已 完 成 136 个 .';
    const once = normaliseOcrText(page);
    expect(once).toBe('一、整改落实情况\n\n共137个问题，已完成136个。');
    expect(normaliseOcrText(once)).toBe(once);
    expect(once.split('\n')).toHaveLength(3);
  });
});
