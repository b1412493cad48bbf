// Measures numbered "一是…二是…四是" with no 三是: a measure lost or a number mistyped.

import { parseChineseNumeral } from '../../document/numerals.ts';
import { allProblems } from '../../document/problems.ts';
import { finding, type Finding } from '../finding.ts';
import type { Report } from '../../document/model.ts';

export function measureSequence(r: Report): Finding[] {
  const out: Finding[] = [];
  for (const p of allProblems(r.aspects)) {
    let prev: { n: number; line: number } | null = null;
    for (const m of p.measures) {
      const marker = /^([一二三四五六七八九十]{1,3})是/.exec(m.text);
      if (!marker) continue;
      const n = parseChineseNumeral(marker[1] as string);
      if (n === null) continue;
      // a new run of 一是 starts a new list (a second paragraph of measures)
      if (prev && n > 1 && n !== prev.n + 1)
        out.push(
          finding(
            'measure-sequence',
            'warning',
            n === prev.n ? `措施序号“${marker[0]}”重复` : `措施序号从“${'一二三四五六七八九十'[prev.n - 1] ?? prev.n}是”跳到“${marker[0]}”`,
            [prev.line, m.line],
            n,
            prev.n + 1,
          ),
        );
      prev = { n, line: m.line };
    }
  }
  return out;
}
