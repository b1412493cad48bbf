// Every money amount in a report, in the unit it was written in and in 万元.

import { findAmounts } from './money.ts';
import { lineAt, type Paragraph } from './text.ts';
import type { Amount } from './model.ts';

export function readAmounts(paras: readonly Paragraph[]): Amount[] {
  const out: Amount[] = [];
  for (const p of paras)
    for (const a of findAmounts(p.folded))
      out.push({ value: a.value, unit: a.unit, wan: a.wan, approx: a.approx, line: lineAt(p, a.index) });
  return out;
}
