// Targets and actual values as self-evaluation tables write them: "190件", "≥95%", "不超过5%", "100%以上",
// "每天", "提高", "不超过预算金额". A target is kept as written and parsed: a value with its unit and a direction (at
// least, at most), or qualitative.

export type Direction = 'at-least' | 'at-most' | 'qualitative';

export interface Target {
  readonly text: string;
  readonly direction: Direction;
  readonly value: number | null;
  readonly unit: string | null;
}

const AT_MOST_WORDS = /^(?:≤|<=|＜=|不高于|不超过|不大于|小于等于|低于|控制在|<|＜)/;
const AT_LEAST_WORDS = /^(?:≥|>=|＞=|不低于|不少于|不小于|大于等于|达到|高于|超过|>|＞)/;
const AT_MOST_AFTER = /(?:以下|以内|之内)$/;
const AT_LEAST_AFTER = /(?:以上|及以上)$/;
const NUMBER = /(-?\d+(?:\.\d+)?)\s*(%|‰|[\u4e00-\u9fff]{1,4}|[a-zA-Z²³/]{1,6})?/;

function numeric(text: string): { value: number; unit: string | null; rest: string } | null {
  const t = text.replace(/\s+/g, '').replace(/,/g, '');
  const stripped = t.replace(AT_MOST_WORDS, '').replace(AT_LEAST_WORDS, '').replace(AT_MOST_AFTER, '').replace(AT_LEAST_AFTER, '');
  const m = new RegExp(`^${NUMBER.source}$`).exec(stripped);
  if (!m) return null;
  return { value: Number(m[1]), unit: m[2] ?? null, rest: stripped };
}

/**
 * "≥95%" → at least 95 %; "不超过5%" / "5%以内" → at most 5 %; "190件" → at least 190 件 (a count to reach);
 * "0起" → at most 0 (nothing above none is better); anything without a number ("每天", "提高") → qualitative.
 */
export function parseTarget(text: string, costIndicator = false): Target {
  const t = text.trim();
  const n = numeric(t);
  if (!n) return { text: t, direction: 'qualitative', value: null, unit: null };
  const compact = t.replace(/\s+/g, '');
  const atMost = AT_MOST_WORDS.test(compact) || AT_MOST_AFTER.test(compact) || (n.value === 0 && !AT_LEAST_WORDS.test(compact));
  const atLeast = AT_LEAST_WORDS.test(compact) || AT_LEAST_AFTER.test(compact);
  // a cost indicator with a bare figure ("总成本 120万元") is a ceiling
  const direction: Direction = atMost ? 'at-most' : atLeast ? 'at-least' : costIndicator ? 'at-most' : 'at-least';
  return { text: t, direction, value: n.value, unit: n.unit };
}

/** An actual value: its figure and unit when it has one ("99%", "190件"), else only its text. */
export function parseActual(text: string): { text: string; value: number | null; unit: string | null } {
  const t = text.trim();
  const n = numeric(t);
  return n ? { text: t, value: n.value, unit: n.unit } : { text: t, value: null, unit: null };
}

/** A cost indicator (成本指标, under 一级 or 二级): a bare figure is its ceiling. */
export const isCostIndicator = (i: { readonly level1: string; readonly level2?: string | undefined }) =>
  /成本/.test(i.level1) || /成本/.test(i.level2 ?? '');

const SCALE: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** "1.2万亩" → 12000 亩, "0.35万元" → 3500 元, "1.5万" → 15000: a figure in its unit without 万 or 亿. */
export function inBaseUnit(value: number, unit: string | null): { value: number; unit: string | null } {
  const k = unit ? SCALE[unit[0] as string] : undefined;
  if (!unit || k === undefined) return { value, unit };
  return { value: value * k, unit: unit.length > 1 ? unit.slice(1) : null };
}

/**
 * A target and an actual value in one unit, or null where they cannot be compared: units that differ ("3000户"
 * against "≥1.2万亩"), or — where `bareIsTargets` is false — a bare figure against a target with a unit.
 */
export function inOneUnit(
  target: { readonly value: number; readonly unit: string | null },
  actual: { readonly value: number; readonly unit: string | null },
  bareIsTargets = false,
): { target: number; actual: number } | null {
  const t = inBaseUnit(target.value, target.unit);
  const a = inBaseUnit(actual.value, actual.unit);
  if (t.unit !== null && a.unit !== null && t.unit !== a.unit) return null;
  if (t.unit !== null && a.unit === null && !bareIsTargets) return null;
  return { target: t.value, actual: a.value };
}
