// Several years of one unit side by side: each indicator of this year with what the other years set and reached for
// the indicator of the same name (its 三级 indicator, spaces aside: an indicator may move from 产出 to 效益 between
// years), and the total of each year; and what
// last year's evaluation found — its problems and the indicators that fell short — for whoever sets next year's targets.
import type { Evaluation } from './evaluation.ts';
import type { ScoredEvaluation } from './score-evaluation.ts';

export interface YearOfUnit {
  readonly year: number;
  readonly evaluation: Evaluation;
  readonly scored: ScoredEvaluation;
}

export interface IndicatorYear {
  readonly target: string;
  readonly actual: string;
  readonly weight: number | null;
  readonly score: number | null;
}

export interface YearOnYear {
  readonly years: readonly number[];
  readonly totals: readonly { readonly year: number; readonly total: number; readonly grade: string }[];
  readonly rows: readonly {
    readonly level1: string;
    readonly level3: string;
    /** one per year of `years`, null where that year had no such indicator */
    readonly byYear: readonly (IndicatorYear | null)[];
  }[];
}

const keyOf = (level3: string) => level3.replace(/\s+/g, '');

/** This year's indicators across the years, oldest first; a year twice keeps its first evaluation. */
export function yearOnYear(years: readonly YearOfUnit[]): YearOnYear {
  const seen = new Set<number>();
  const ordered = [...years].sort((a, b) => a.year - b.year).filter((y) => !seen.has(y.year) && Boolean(seen.add(y.year)));
  const latest = ordered[ordered.length - 1];
  const at = ordered.map((y) => {
    const m = new Map<string, IndicatorYear>();
    y.scored.indicators.forEach((i) => {
      const key = keyOf(i.level3);
      if (!m.has(key)) m.set(key, { target: i.target, actual: i.actual, weight: i.weight, score: i.score });
    });
    return m;
  });
  return {
    years: ordered.map((y) => y.year),
    totals: ordered.map((y) => ({ year: y.year, total: y.scored.total, grade: y.scored.grade })),
    rows: (latest?.scored.indicators ?? []).map((i) => ({
      level1: i.level1,
      level3: i.level3,
      byYear: at.map((m) => m.get(keyOf(i.level3)) ?? null),
    })),
  };
}

/** What an evaluation found: the problems it names, and each indicator that fell short of its weight with its reason. */
export function whatWasFound(e: Evaluation, s: ScoredEvaluation) {
  return {
    problems: e.problems.map((p) => p.text),
    shortfalls: s.indicators
      .map((i, k) => ({ i, deviation: e.indicators[k]?.deviation ?? null }))
      .filter(({ i }) => i.weight !== null && i.score !== null && i.score < i.weight)
      .map(({ i, deviation }) => ({
        level3: i.level3,
        target: i.target,
        actual: i.actual,
        weight: i.weight as number,
        score: i.score as number,
        deviation,
      })),
  };
}
