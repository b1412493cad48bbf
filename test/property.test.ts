// Arbitrary and mangled text: the reader never throws, every line it cites is inside the input, and the same input
// always gives the same reports and findings.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readReports } from '../src/core/read-reports.ts';
import { splitLines } from '../src/core/document/text.ts';
import { haveSeeds, seedText } from './support/seeds.ts';

/** Every line number anywhere in the model: `line`, `lastLine`, `statusLine`, `lines`. */
function lineRefs(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value) lineRefs(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'line' || k === 'lastLine' || k === 'statusLine') && typeof v === 'number') out.push(v);
      else if (k === 'lines' && Array.isArray(v)) out.push(...v.filter((x): x is number => typeof x === 'number'));
      else lineRefs(v, out);
    }
  }
  return out;
}

function holds(text: string): boolean {
  const reports = readReports(text);
  const n = splitLines(text).length;
  for (const l of lineRefs(reports)) if (!Number.isInteger(l) || l < 1 || l > n) throw new Error(`line ${l} outside 1..${n}`);
  expect(JSON.stringify(readReports(text))).toBe(JSON.stringify(reports));
  return true;
}

// Pieces of real reports: numbering, statuses, dates, figures, tables, in every width.
const PIECES = [
  '一、',
  '（一）',
  '(二)',
  '1.',
  '1．',
  '16)',
  '（3）',
  '①',
  '第一，',
  '存在问题十二：',
  '一是',
  '二是',
  '四是',
  '整改情况：',
  '整改落实情况：已完成整改，并长期坚持。',
  '阶段性完成整改',
  '在整改时限内有序推进整改',
  '基本完成的事项',
  '关于巡察整改进展情况的通报',
  '审计查出问题整改情况的报告',
  '绩效自评表',
  '目录',
  '##paidbegin##',
  '【素材库】会员',
  '2023年8月29日',
  '8月30日',
  '至',
  '截至2023年11月底',
  '截至目前',
  '反馈了巡察意见',
  '市委第一巡察组对',
  '开展巡察',
  '185个问题，137个已整改到位，整改完成率74.05%',
  '应整改问题43个',
  '36.84亿元',
  '约552万元',
  'XX个',
  '追责问责11人',
  '制定《管理办法（试行）》',
  '\t',
  '合计\t—\t100\t98',
  '三级指标\t分值\t得分',
  '。',
  '，',
  '\n',
  '\n\n',
  '  ',
  '\r\n',
];

describe('the reader on any text', () => {
  it('cites no line past the end when a staffing table’s header is the last line (found by the property below)', () => {
    expect(holds('\n\n2023年度预算单位整体支出绩效评价基础数据表\n\n财政供养人员情况\t编制数\t\t2023年实际在职人数\t\t控制率\t')).toBe(
      true,
    );
  });

  it('reads a report written as one line of a few megabytes, full of figures, without losing any', () => {
    // some 50,000 figures of each kind in one paragraph: appended by spreading, they overflowed the stack (a RangeError,
    // answered 500). How its time grows with the length is bench/parse.bench.ts's business.
    const sentence = '共发现问题12个，已整改完成10个，正在整改2个，整改完成率83.3%，制定《管理办法》。';
    const [report] = readReports(`关于巡察整改进展情况的通报\n${sentence.repeat(50_000)}`);
    expect(report?.claims.filter((c) => c.metric === 'completion-rate')).toHaveLength(50_000);
    expect(report?.institutions).toHaveLength(1); // one institution, however often it is named
    expect(holds(`x\n${sentence.repeat(200)}`)).toBe(true);
  }, 60_000);

  it('holds for arbitrary unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), holds), { numRuns: 300 });
  });

  it('holds for report-like text assembled from real pieces', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 200 }).map((xs) => xs.join(''));
    fc.assert(fc.property(text, holds), { numRuns: 300 });
  });

  it.skipIf(!haveSeeds)('holds for mangled seed documents: lines dropped, repeated, swapped, cut mid-line', () => {
    const seeds = ['000', '001', '002', '003', '004'].map((p) => splitLines(seedText(p)));
    const mangled = fc
      .record({
        seed: fc.integer({ min: 0, max: 4 }),
        edits: fc.array(
          fc.record({ kind: fc.constantFrom('drop', 'dup', 'swap', 'cut', 'blank'), at: fc.nat(), len: fc.nat({ max: 40 }) }),
          { maxLength: 30 },
        ),
        from: fc.nat(),
        span: fc.integer({ min: 1, max: 400 }),
      })
      .map(({ seed, edits, from, span }) => {
        const src = seeds[seed] as string[];
        const start = from % src.length;
        const lines = src.slice(start, start + span);
        for (const e of edits) {
          if (lines.length === 0) break;
          const i = e.at % lines.length;
          const line = lines[i] as string;
          if (e.kind === 'drop') lines.splice(i, 1);
          else if (e.kind === 'dup') lines.splice(i, 0, line);
          else if (e.kind === 'swap') lines.splice(i, 1, lines[(i + e.len) % lines.length] as string);
          else if (e.kind === 'cut') lines.splice(i, 1, line.slice(0, e.len), line.slice(e.len));
          else lines.splice(i, 0, '');
        }
        return lines.join('\n');
      });
    fc.assert(fc.property(mangled, holds), { numRuns: 150 });
  });
});
