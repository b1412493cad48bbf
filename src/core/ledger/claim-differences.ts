// The report said one thing, the ledger counts another: each overall figure a report states, beside what its
// imported problems give. Counts of 具体问题 are compared with specific problems, others with problems.
import { rateAgrees } from './completion-rate.ts';
import type { Counts } from './statistics.ts';

export interface StatedClaim {
  readonly metric: string;
  readonly value: string;
  readonly scope: string | null;
  readonly line: number;
  readonly text: string;
}

export interface ClaimDifference {
  readonly metric: string;
  /** null: the whole report; else the aspect (an audit report's category) the figure is stated for */
  readonly scope: string | null;
  readonly stated: number;
  readonly computed: number;
  readonly agrees: boolean;
  readonly line: number;
  readonly text: string;
}

const FIELD: Record<string, keyof Counts> = {
  problems: 'total',
  completed: 'completed',
  phased: 'phased',
  'in-progress': 'inProgress',
  'not-done': 'notStarted',
};

/**
 * A stated total is compared with the level it counts — problems, or specific problems (具体问题) — whichever it
 * equals; failing both, the level its words name. The status figures are compared at the level of the first total:
 * a report that counts "31个具体问题" and "完成整改28项" counts both in specific problems.
 */
export function claimDifferences(
  claims: readonly StatedClaim[],
  problems: Counts,
  specific: Counts,
  byAspect: { readonly problems: Readonly<Record<string, Counts>>; readonly specific: Readonly<Record<string, Counts>> } = {
    problems: {},
    specific: {},
  },
): ClaimDifference[] {
  const levelOf = (c: StatedClaim): Counts => {
    const v = Number(c.value);
    if (v === problems.total) return problems;
    if (v === specific.total) return specific;
    return /具体问题/.test(c.text) && !/\d+\s*个问题/.test(c.text) ? specific : problems;
  };
  const overall = claims.filter((c) => c.scope === null);
  const firstTotal = overall.find((c) => c.metric === 'problems');
  const level = firstTotal ? levelOf(firstTotal) : problems;
  const out: ClaimDifference[] = [];
  for (const c of overall) {
    const counts = c.metric === 'problems' ? levelOf(c) : level;
    const stated = Number(c.value);
    if (c.metric === 'completion-rate') {
      const computed = counts.completionRate;
      if (computed === null) continue;
      const decimals = (c.value.split('.')[1] ?? '').length;
      out.push({
        metric: c.metric,
        scope: null,
        stated,
        computed: Math.round(computed * 100) / 100,
        agrees: rateAgrees(stated, decimals, counts.completed, counts.total),
        line: c.line,
        text: c.text,
      });
      continue;
    }
    const field = FIELD[c.metric];
    if (!field) continue;
    const computed = counts[field] as number;
    out.push({ metric: c.metric, scope: null, stated, computed, agrees: stated === computed, line: c.line, text: c.text });
  }
  // "（一）财政管理审计发现问题整改情况。应整改问题43个，33个已整改到位。": each category's figures beside what the
  // ledger holds under it, at the level the report counts in (specific problems where its whole does)
  const aspectLevel = level === specific && specific !== problems ? byAspect.specific : byAspect.problems;
  for (const c of claims) {
    const v = Number(c.value);
    const own = c.scope === null ? undefined : byAspect.problems[c.scope];
    const counts = c.scope === null ? undefined : own?.total === v ? own : (aspectLevel[c.scope] ?? own);
    const field = FIELD[c.metric];
    if (!counts || !field || c.scope === null) continue;
    const stated = Number(c.value);
    const computed = counts[field] as number;
    out.push({ metric: c.metric, scope: c.scope, stated, computed, agrees: stated === computed, line: c.line, text: c.text });
  }
  return out;
}
