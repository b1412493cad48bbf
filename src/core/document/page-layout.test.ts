import { describe, expect, it } from 'vitest';
import { layoutPages, type PlacedRun } from './page-layout.ts';

/** A line of text placed as a typesetter places it: one run, left edge `x` in ems, on baseline `row`. */
const line = (row: number, x: number, text: string, width = [...text].length): PlacedRun => ({ x, y: row * 2, width, size: 1, text });

describe('laying out placed text', () => {
  it('joins the lines a paragraph wrapped into, across a page break, and drops page numbers', () => {
    const pages = [
      // 24 characters a line: a paragraph's first line indented by two, the lines it wraps into from the margin
      [
        line(1, 2, '一、整改落实情况'),
        line(2, 2, '市委巡察组反馈的问题共有十二个，现已完成整改'),
        line(3, 0, '九个，其余三个正在推进，明年六月底前完成全部整改'),
        line(4, 2, '二、下一步工作打算要点说明如下，继续抓好落实'),
        line(30, 11, '— 1 —'),
      ],
      [line(1, 0, '并建立长效机制。'), line(2, 2, '（一）持续压实责任。')],
    ];
    const { text, firstLines } = layoutPages(pages);
    expect(text.split('\n')).toEqual([
      '一、整改落实情况',
      '市委巡察组反馈的问题共有十二个，现已完成整改九个，其余三个正在推进，明年六月底前完成全部整改',
      '二、下一步工作打算要点说明如下，继续抓好落实并建立长效机制。',
      '（一）持续压实责任。',
    ]);
    // the second page begins inside the paragraph its first line continues
    expect(firstLines).toEqual([1, 3]);
  });

  it('keeps a table row’s empty cell in its column', () => {
    const cells = (row: number, ...xs: [number, string][]) => xs.map(([x, t]) => line(row, x, t, [...t].length));
    const { text } = layoutPages([[...cells(1, [0, '项目'], [10, '预算数'], [20, '决算数']), ...cells(2, [0, '公务接待'], [20, '1.5'])]]);
    expect(text.split('\n')).toEqual(['', '项目\t预算数\t决算数', '公务接待\t\t1.5']);
  });
});

describe('lines a recogniser found', () => {
  it('keeps each recognised line whole, even where a tilted page makes neighbouring lines overlap in height', () => {
    // a heading and a paragraph's first line on a page tilted by a few degrees: the first line's right end sits as low as the
    // second's left end
    const runs: PlacedRun[] = [
      { x: 4, y: 10, width: 4, size: 2, text: '第一行左', line: 'a' },
      { x: 40, y: 13, width: 4, size: 2, text: '第一行右', line: 'a' },
      { x: 8, y: 13, width: 4, size: 2, text: '第二行左', line: 'b' },
      { x: 40, y: 16, width: 4, size: 2, text: '第二行右', line: 'b' },
    ];
    expect(layoutPages([runs], { cellGap: 100 }).text.split('\n')).toEqual(['第一行左第一行右', '第二行左第二行右']);
  });
});
