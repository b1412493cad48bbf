// Numbering gaps and duplicates among sibling headings: "3．" followed by "（2）" with no "（1）", "九、" twice.

import { foldLine } from '../../document/text.ts';
import { finding, type Finding } from '../finding.ts';
import type { OutlineNode } from '../../document/model.ts';

export function numberingSequence(outline: readonly OutlineNode[]): Finding[] {
  const out: Finding[] = [];
  // Numbering that runs on across parents ("存在问题十二" opens the second aspect after "存在问题十一" closed the
  // first; "（5）" under "2." after "（4）" under "1.") is continuous, not a gap.
  const lastAt = new Map<string, number>();
  const visit = (siblings: readonly OutlineNode[], parent: OutlineNode | null) => {
    const byStyle = new Map<string, OutlineNode[]>();
    for (const s of siblings) byStyle.set(s.style, [...(byStyle.get(s.style) ?? []), s]);
    for (const seq of byStyle.values()) {
      let prev: OutlineNode | null = null;
      for (const node of seq) {
        const key = `${node.style}@${node.level}`;
        const runOn = (lastAt.get(key) ?? 0) + 1;
        const expected = prev ? prev.ordinal + 1 : node.ordinal === runOn ? runOn : 1;
        lastAt.set(key, node.ordinal);
        if (prev && node.ordinal === prev.ordinal) {
          out.push(
            finding('numbering-duplicate', 'warning', `编号“${node.numbering}”重复出现`, [prev.line, node.line], node.ordinal, expected),
          );
        } else if (node.ordinal > expected) {
          const missing = expected === node.ordinal - 1 ? `${expected}` : `${expected}至${node.ordinal - 1}`;
          out.push(
            finding(
              'numbering-gap',
              'warning',
              `编号“${node.numbering}”之前缺少第${missing}项`,
              [prev?.line ?? parent?.line, node.line],
              node.ordinal,
              expected,
            ),
          );
        } else if (prev && node.ordinal < expected) {
          out.push(
            finding(
              'numbering-restart',
              'warning',
              `编号“${node.numbering}”在第${prev.ordinal}项之后重新开始`,
              [prev.line, node.line],
              node.ordinal,
              expected,
            ),
          );
        }
        prev = node;
      }
    }
    for (const s of siblings) visit(s.children, s);
  };
  visit(outline, null);
  return out;
}

/** The written shape of a marker: "（15）" and "(15)" are "(#)"; "16)" is "#)"; "1．" and "1." are "#.". */
function shape(written: string): string {
  return foldLine(written)
    .replace(/\d+|[零〇一二两三四五六七八九十百]+/g, '#')
    .replace(/\s+/g, '');
}

/**
 * One sequence written two ways — "(15)" then "16)" (the bracket lost in conversion), "4." then "5继续" (the dot
 * lost): the reader copes, but the document is not clean and a person comparing it with the plan may miscount.
 */
export function numberingFormat(outline: readonly OutlineNode[]): Finding[] {
  const runs = new Map<string, OutlineNode[]>();
  const walk = (ns: readonly OutlineNode[]) => {
    for (const n of ns) {
      const key = `${n.style}@${n.level}`;
      runs.set(key, [...(runs.get(key) ?? []), n]);
      walk(n.children);
    }
  };
  walk(outline);
  const out: Finding[] = [];
  for (const run of runs.values()) {
    const counts = new Map<string, number>();
    for (const n of run) counts.set(shape(n.numbering), (counts.get(shape(n.numbering)) ?? 0) + 1);
    if (counts.size < 2) continue;
    const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    const odd = run.filter((n) => shape(n.numbering) !== usual);
    out.push(
      finding(
        'numbering-format',
        'warning',
        `编号格式不一致：${odd.map((n) => `“${n.numbering}”`).join('、')}与其余${counts.get(usual)}处的“${usual.replace('#', 'N')}”写法不同`,
        odd.map((n) => n.line),
        odd.length,
        null,
      ),
    );
  }
  return out;
}
