// "分别" lists: names in one place, their figures in another, paired in order. "立行立改、限期整改、长期整改问题分别为
// 12个、8个、3个"; "其中立行立改的12个、限期整改的20个、长期坚持的8个……分别完成12个、17个、5个（占100%、85%、
// 62.5%）". Each figure goes to its own name; a figure read without its name would be taken for the whole.

import { isLongTerm, statusOf } from './status.ts';
import type { Metric } from './model.ts';

export interface Paired {
  readonly metric: Metric;
  readonly value: number;
  /** the name the figure is paired with, null where the name is a status of the whole ("已完成、正在整改的分别为…") */
  readonly scope: string | null;
  readonly at: number; // offset of the figure in the sentence
  readonly length: number;
  readonly decimals?: number; // a rate's
}

const COUNT = '\\d+\\s*(?:个|项|条|件)';
/** "分别为12个、8个、3个", "分别完成12个、17个、5个", then perhaps "(占100%、85%、62.5%)" */
const VALUES = new RegExp(
  `分别(为|是|有|(?:已)?完成(?:整改)?|整改完成|整改到位|已整改)?\\s*((?:${COUNT}\\s*[、,，和及]\\s*)+${COUNT})(?:\\s*[(（]?\\s*(?:占|分别占)?\\s*((?:\\d+(?:\\.\\d+)?\\s*%\\s*[、,，和及]\\s*)+\\d+(?:\\.\\d+)?\\s*%))?`,
);
/** one named count of an enumeration: "立行立改的12个", "限期整改问题20个" */
const NAMED_COUNT = /([^、,，;；。:：\d]{2,12}?)(?:的|类)?(?:问题)?\s*\d+(?:\.\d+)?\s*(?:个|项|条|件)/g;
const TRIAGE = /立行立改|限期整改|即知即改/;

const figures = (s: string, offset: number) => [...s.matchAll(/\d+(?:\.\d+)?/g)].map((m) => ({ text: m[0], at: offset + (m.index ?? 0) }));

/** The names listed before 分别 in its own clause: "立行立改、限期整改、长期整改问题", "已完成整改的问题和正在整改的问题" */
function namesBefore(sentence: string, at: number): string[] {
  const clause =
    sentence
      .slice(0, at)
      .split(/[,，;；:：]/)
      .pop() ?? '';
  const list = clause.replace(/^\s*(?:其中|截至[^、]*)/, '');
  if (!/[、和及]/.test(list)) return [];
  return list.split(/[、和及]/).map((n) => n.replace(/(?:的|类)?(?:问题)?(?:数)?\s*$/, '').trim());
}

/** The names of the last enumeration of named counts with `k` items, in the sentence before 分别 or the one before it. */
function namesListed(texts: readonly string[], k: number): string[] {
  for (const text of texts) {
    const runs = text.split(/[。;；]/);
    for (let i = runs.length - 1; i >= 0; i--) {
      const items = [...(runs[i] as string).matchAll(NAMED_COUNT)].map((m) =>
        (m[1] as string).replace(/^\s*(?:其中|共|[、,，])\s*/, '').trim(),
      );
      if (items.length >= k) return items.slice(-k);
    }
  }
  return [];
}

const statusMetric = (name: string): Metric | null => {
  if (TRIAGE.test(name)) return null;
  if (isLongTerm(name)) return 'long-term';
  const s = statusOf(name);
  return s === 'completed' || s === 'phased' || s === 'in-progress' ? s : s === 'not-started' ? 'not-done' : null;
};

/**
 * The figures of a "分别" list in `sentence`, each with the name it is paired with; `previous` is the sentence before
 * in the paragraph, where the names may have been listed. Nothing where the names and the figures do not pair one
 * to one.
 */
export function readRespectively(sentence: string, previous: string): Paired[] {
  const m = VALUES.exec(sentence);
  if (!m) return [];
  const verb = m[1] ?? '';
  const valuesAt = (m.index ?? 0) + m[0].indexOf(m[2] as string);
  const values = figures(m[2] as string, valuesAt);
  const k = values.length;
  let names = namesBefore(sentence, m.index ?? 0);
  if (names.length !== k) names = namesListed([sentence.slice(0, m.index ?? 0), previous], k);
  if (names.length !== k) return [];
  const done = /完成|到位|已整改/.test(verb);
  const statuses = done ? [] : names.map(statusMetric);
  const byStatus = statuses.length === k && statuses.every((s) => s !== null);
  const out: Paired[] = values.map((v, i) => ({
    metric: byStatus ? (statuses[i] as Metric) : done ? 'completed' : 'problems',
    value: Number(v.text),
    scope: byStatus ? null : (names[i] as string),
    at: v.at,
    length: v.text.length,
  }));
  if (m[3] && !byStatus) {
    const ratesAt = (m.index ?? 0) + m[0].lastIndexOf(m[3]);
    const rates = figures(m[3], ratesAt);
    if (rates.length === k)
      rates.forEach((r, i) =>
        out.push({
          metric: 'completion-rate',
          value: Number(r.text),
          scope: names[i] as string,
          at: r.at,
          length: r.text.length,
          decimals: (r.text.split('.')[1] ?? '').length,
        }),
      );
  }
  return out;
}
