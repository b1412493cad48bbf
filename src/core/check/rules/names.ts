// The same name written two ways: one role signed by names that differ in a single character (seed 003: 单位负责人
// "胡网新" on the data table, "胡明新" on the 自评表), or one document cited under two titles that differ by a
// character (seed 000: 《…重申学校食品安全管理工作要求的通知》 and 《…工作有要求的通知》).

import { finding, type Finding } from '../finding.ts';
import type { Institution, Located, PerformanceBlock } from '../../document/model.ts';

/** One substitution, insertion or deletion apart. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    let d = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
    return d === 1;
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

export function signatureVariants(signatures: PerformanceBlock['signatures']): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const a of signatures)
    for (const b of signatures) {
      if (a.line >= b.line || a.role !== b.role || a.name.length !== b.name.length || !oneEditApart(a.name, b.name)) continue;
      const key = `${a.role}:${[a.name, b.name].sort().join('/')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(finding('name-variants', 'warning', `${a.role}的姓名前后不一：“${a.name}”与“${b.name}”`, [a.line, b.line], a.name, b.name));
    }
  return out;
}

export function titleVariants(institutions: readonly Institution[]): Finding[] {
  const out: Finding[] = [];
  institutions.forEach((a, i) => {
    // titles listed together in one sentence are distinct documents (《科技特派员管理办法》《科技特派团管理办法》)
    for (const b of institutions.slice(i + 1))
      if (a.title.length >= 8 && a.sentence !== b.sentence && oneEditApart(a.title, b.title))
        out.push(
          finding('name-variants', 'warning', `同一文件名称写法不一：《${a.title}》与《${b.title}》`, [a.line, b.line], a.title, b.title),
        );
  });
  return out;
}

/**
 * A report whose title is written again with a different unit name (seed 003: "…岳阳市城市管理综合行政执法支队 直属三大队
 * 单位整体支出绩效自评报告" and, eight lines on, "…岳阳楼区岳阳市…"): the same document named two ways.
 */
export function titleRepeatedDifferently(title: Located<string> | null, others: readonly Located<string>[]): Finding[] {
  if (!title) return [];
  const kind = (t: string) => /(自评报告|自评表|基础数据表|通报|报告)$/.exec(t.replace(/\s+/g, ''))?.[1] ?? null;
  const squash = (t: string) => t.replace(/\s+/g, '');
  return others
    .filter((o) => kind(o.value) !== null && kind(o.value) === kind(title.value) && squash(o.value) !== squash(title.value))
    .map((o) =>
      finding(
        'name-variants',
        'warning',
        `同一报告的标题前后不一：“${o.value}”与“${title.value}”`,
        [o.line, title.line],
        o.value,
        title.value,
      ),
    );
}
