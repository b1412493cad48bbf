// The import plan's regrouping of problems as a person corrects the reader's nesting, on the repository's sample and
// on seed 004.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReports } from '../src/core/read-reports.ts';
import { planImport } from '../src/core/ledger/import-plan.ts';
import { haveSeeds, seedText } from './support/seeds.ts';

const SAMPLE = readFileSync(join(import.meta.dirname, '../samples/巡察整改进展情况的通报-示例.txt'), 'utf8');
const [report] = readReports(SAMPLE);
const shape = (plan: ReturnType<typeof planImport>) =>
  plan.aspects[0]?.problems.map((p) => [p.ordinal, p.line, p.children.map((c) => [c.ordinal, c.line])]);

describe('the nesting a person corrects before importing', () => {
  if (!report) throw new Error('the sample report did not read');
  const first = planImport(report, '2025-01-15');
  const [a, b] = first.aspects[0]?.problems ?? [];
  if (!a || !b) throw new Error('the sample’s first aspect has fewer than two problems');
  const count = (plan: ReturnType<typeof planImport>) =>
    plan.aspects.flatMap((x) => x.problems).reduce((n, p) => n + 1 + p.children.length, 0);

  it('puts a problem under the one before it, and lifts it out again, losing none', () => {
    const nested = planImport(report, '2025-01-15', [{ line: b.line, level: 'sub' }]);
    const top = nested.aspects[0]?.problems ?? [];
    expect(top.length).toBe((first.aspects[0]?.problems.length ?? 0) - 1);
    expect(top[0]?.children.map((c) => c.line)).toEqual([...a.children.map((c) => c.line), b.line, ...b.children.map((c) => c.line)]);
    expect(top[0]?.lastLine).toBeGreaterThanOrEqual(b.lastLine);
    expect(top.map((p) => p.ordinal)).toEqual(top.map((_, i) => i + 1));
    expect(count(nested)).toBe(count(first));
  });

  it('leaves the first problem of an aspect where it is: there is none before it to go under', () => {
    expect(shape(planImport(report, '2025-01-15', [{ line: a.line, level: 'sub' }]))).toEqual(shape(first));
  });
});

describe.skipIf(!haveSeeds)('a specific problem lifted out (seed 004: 存在问题八 holds two)', () => {
  it('follows its former parent as a problem of its own, with the ordinals counted again', () => {
    const [seed] = readReports(seedText('004'));
    if (!seed) throw new Error('seed 004 did not read');
    const plan = planImport(seed, '2025-01-15');
    const problems = plan.aspects.flatMap((a) => a.problems);
    const eight = problems.find((p) => p.children.length === 2);
    const second = eight?.children[1];
    if (!eight || !second) throw new Error('存在问题八 has no two specific problems');
    const lifted = planImport(seed, '2025-01-15', [{ line: second.line, level: 'problem' }]);
    const aspect = lifted.aspects.find((a) => a.problems.some((p) => p.line === eight.line));
    const at = aspect?.problems.findIndex((p) => p.line === eight.line) ?? -1;
    expect(aspect?.problems[at]?.children.map((c) => c.line)).toEqual([eight.children[0]?.line]);
    expect(aspect?.problems[at + 1]).toMatchObject({ line: second.line, ordinal: at + 2 });
  });
});

describe('items a report leaves silent, closed by its overall figure only where that figure can only mean them', () => {
  const plan = (figures: string, items: number) => {
    const lines = ['中共示例镇党委关于县委巡察整改进展情况的通报', figures, '一、整改落实情况', '（一）党的建设方面'];
    for (let i = 1; i <= items; i++) lines.push(`${i}.问题${i}`, `针对问题${i}，制定了整改措施。`);
    const [r] = readReports(lines.join('\n'));
    if (!r) throw new Error('the text did not read');
    return planImport(r, '2025-01-15').aspects.flatMap((a) => a.problems.map((p) => `${p.status}${p.untold ? '·untold' : ''}`));
  };

  it('closes them when the report says all its problems, which are these, are done', () => {
    expect(plan('巡察组反馈问题4个，已完成整改4个。', 4)).toEqual(Array(4).fill('completed'));
  });

  it('leaves them untold when the reader found fewer items than the report states', () => {
    // 6 problems stated, 4 found: the 4 done of the figure need not be these 4
    expect(plan('巡察组反馈问题6个，已完成整改4个，阶段性完成2个。', 4)).toEqual(Array(4).fill('in-progress·untold'));
  });
});

describe('outcomes a report states of itself', () => {
  it('counts a whole once, not again with the part said of it', () => {
    const [r] = readReports(
      [
        '中共示例县委关于巡察整改进展情况的通报',
        '巡察组反馈问题4个，已完成整改4个。整改中处理干部12人，其中党纪政务处分4人；追回资金80万元。',
        '一、整改落实情况',
        '1.甲问题',
        '整改情况：已完成整改。',
      ].join('\n'),
    );
    if (!r) throw new Error('the text did not read');
    const counted = planImport(r, '2025-01-15').outcomes.filter((o) => o.counted);
    expect(counted.filter((o) => o.kind === 'accountability').map((o) => o.people)).toEqual([12]);
    expect(counted.filter((o) => o.kind === 'money').map((o) => o.amountWan)).toEqual(['80']);
  });
});
