// Item numbering at the start of a line, in every form real reports mix in one file. Each style carries an example of
// the text it matches and what it yields. Works on folded text (full-width （）．：， already half-width).

import { CN_NUMERAL_CHARS, parseChineseNumeral } from './numerals.ts';

export type NumberingStyle =
  | 'cn-comma' //  "一、审计整改工作落实情况和取得成效" → 一, ordinal 1
  | 'cn-paren' //  "(一)高度重视，全面部署整改任务。" / "(一）" mixed → 一, 1
  | 'arabic-dot' // "1.持续加力整改…" / "1．针对…" / "1、贯彻执行…" / "5继续完善…" (dot lost, see below) → 1
  | 'arabic-paren' // "(1)健全议事决策机制" / "16)持续采取…" (opening bracket lost) → 1, 16
  | 'circled' //  "①…" → 1
  | 'ordinal-di' // "第一，加强对企业的指导促改力度。" at a line start → 1
  | 'problem-no'; // "存在问题一：对理论中心组学习制度解读不够透彻", "问题1：…" → 1

export interface Numbering {
  readonly style: NumberingStyle;
  readonly written: string; // the marker as written in the folded line, e.g. "(一)", "16)", "存在问题十二:"
  readonly ordinal: number;
  readonly length: number; // characters the marker occupies, leading spaces included
}

const CN = `[${CN_NUMERAL_CHARS}]{1,4}`;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

const PATTERNS: readonly { style: NumberingStyle; re: RegExp; ordinal: (m: RegExpExecArray) => number | null }[] = [
  // "存在问题三：意识形态工作责任制落实不到位。", "问题1：食品安全抽检覆盖不全面。整改措施：…" (a 问题清单 as text)
  { style: 'problem-no', re: new RegExp(`^\\s*(?:存在)?问题(${CN}|\\d{1,5})\\s*[:：]`), ordinal: (m) => num(m[1]) },
  // "一、…"  — but not "一是" (a measure) nor "一方面"
  { style: 'cn-comma', re: new RegExp(`^\\s*(${CN})\\s*[、.](?!\\d)`), ordinal: (m) => num(m[1]) },
  // "(一)…", "（一）", "(一）"
  { style: 'cn-paren', re: new RegExp(`^\\s*\\(\\s*(${CN})\\s*\\)`), ordinal: (m) => num(m[1]) },
  // "(1)…", "(1)2021年未将保密工作…" (a year right after the marker), "16)…" (the "(" lost in conversion — then a
  // digit after it means a figure such as "1)2", not an item)
  { style: 'arabic-paren', re: /^\s*(?:\(\s*(\d{1,5})\s*\)|(\d{1,5})\s*\)(?![\d.]))/, ordinal: (m) => Number(m[1] ?? m[2]) },
  // "1.…", "1．…", "1、…", "1000.…" (a long list goes past 999); "2.3亿元…" is a number, "5.17重要讲话" and
  // "2021.3.5召开…" dates, not items; "1.110KV" is item 1 about a 110KV line; "2.3所学校…" is item 2 about three
  // schools (a count's classifier after the figure: no date reads so)
  {
    style: 'arabic-dot',
    re: /^\s*(?!(?:19|20)\d\d\s*[.、]\s*\d)(\d{1,5})\s*[.、](?!\d+(?:\.\d+)?\s*(?:亿|万|元|%|个|人|次|家|项|倍|km|公里|米|亩|平方|吨))(?!\d{1,2}(?:(?![所名处条台批份篇起辆户件座栋套笔])[日号\u4e00-\u9fff“"]|$))/,
    ordinal: (m) => Number(m[1]),
  },
  { style: 'circled', re: new RegExp(`^\\s*([${CIRCLED}])`), ordinal: (m) => CIRCLED.indexOf(m[1] as string) + 1 },
  // "第一，…" at the start of a line is an item; inside a paragraph it is a measure (see measures.ts)
  { style: 'ordinal-di', re: new RegExp(`^\\s*第(${CN})\\s*[，,、:：]`), ordinal: (m) => num(m[1]) },
];

function num(s: string | undefined): number | null {
  if (!s) return null;
  return /^\d+$/.test(s) ? Number(s) : parseChineseNumeral(s);
}

/** The numbering a folded line starts with, or null. */
export function lineNumbering(folded: string): Numbering | null {
  if (/^\s*[一二三四五六七八九十]+是/.test(folded)) return null;
  for (const p of PATTERNS) {
    const m = p.re.exec(folded);
    if (!m) continue;
    const ordinal = p.ordinal(m);
    if (ordinal === null || ordinal < 1) continue;
    return { style: p.style, written: m[0].trim(), ordinal, length: m[0].length };
  }
  return null;
}

/**
 * "5继续完善社科人才专家库建设" (seed 002): an Arabic item number whose dot was lost. Accepted only where it continues
 * the sequence it would belong to (`expected`), so "2023年…" or "12家企业…" at a line start are never items.
 */
export function bareNumbering(folded: string, expected: number): Numbering | null {
  const m = /^\s*(\d{1,2})(?=[\u4e00-\u9fff])/.exec(folded);
  if (!m || Number(m[1]) !== expected) return null;
  if (/^\s*\d{1,2}(?:个|人|次|家|项|年|月|日|名|件|户|所|条|处|台|批|份|篇|起|辆|亩|万|亿|元)/.test(folded)) return null;
  return { style: 'arabic-dot', written: m[1] as string, ordinal: expected, length: m[0].length };
}

/** Starts a measure ("一是…", "①…") or a problem's own status line: never glued to the paragraph before. */
export function startsMeasureOrStatus(folded: string): boolean {
  return /^\s*(?:[一二三四五六七八九十]+是|[①-⑳]|第[一二三四五六七八九十]+[，,、]|整改(?:落实)?(?:情况|进展|结果)\s*[:：]|针对|关于.{2,40}问题|下一步)/.test(
    folded,
  );
}

/**
 * A line that opens something of its own — a table row, a numbered item, a measure, a status — and so is never the
 * wrapped end of the paragraph before it: the reader's paragraphs (text.ts) and the layout of placed text
 * (page-layout.ts) both keep it apart.
 */
export const startsItem = (folded: string) => folded.includes('\t') || lineNumbering(folded) !== null || startsMeasureOrStatus(folded);
