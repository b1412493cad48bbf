// The same person written two ways: one role signed by names that differ in a single character
// (seed 003: 单位负责人 "胡网新" on the data table, "胡明新" on the 自评表).

import { finding, type Finding } from '../finding.ts';
import type { PerformanceBlock } from '../../document/model.ts';

function differsByOne(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d === 1;
}

export function nameVariants(signatures: PerformanceBlock['signatures']): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const a of signatures)
    for (const b of signatures) {
      if (a.line >= b.line || a.role !== b.role || !differsByOne(a.name, b.name)) continue;
      const key = `${a.role}:${[a.name, b.name].sort().join('/')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(finding('name-variants', 'warning', `${a.role}的姓名前后不一：“${a.name}”与“${b.name}”`, [a.line, b.line], a.name, b.name));
    }
  return out;
}
