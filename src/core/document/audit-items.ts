// An audit rectification report lists its problems three levels down: categories ("（一）财政管理审计发现问题整改
// 情况。应整改问题43个，33个已整改到位。"), areas ("1. 市级财政管理及决算草案审计方面。") and, in running text, the
// problems of each area ("一是预算编制不够完整、细化问题。市财政局承诺…"). The areas group problems; they are not
// problems themselves. Here the items become the category's problems, each keeping its area, each with the status its
// own sentences give — or none, where they give none.

import { measuresIn } from './measures.ts';
import type { Aspect, Measure, Problem, ProblemStatus } from './model.ts';
import { clauseAround, type Paragraph } from './text.ts';

/** What is still to come: a promise, work under way, a part left over. Checked first: "已收回一半，余下正在追缴". */
const UNDER_WAY =
  /正在|推进中|有序推进|尚未|未完成|未整改|承诺|逐步|积极推进|持续推进|余下|剩余[^，。；]{0,12}正在|已?完成(?:了)?\s*\d{1,2}(?:\.\d+)?\s*%/;
/** What is done: money returned or paid in, rules made, work completed. */
const DONE =
  /已(?:经)?(?:全部)?(?:整改到位|完成|收回|追回|退回|归还|归垫|缴入|上缴|上交|拨付|发放|制定|出台|印发|修订|建立|办理|明晰|确认|将|按规定|于|成功|重新|撤销|注销|纳入|补缴|收缴|核销|调整|完善)|整改到位|发放到位|拨付到位|已[^，。；\d]{1,12}?(?:拨付|发放|退回|收回|追回|缴入|上缴|归还)/;

/** Partly done: "部分整改到位", "基本完成", "取得阶段性成效" — neither still to come nor done. */
const PARTLY = /部分整改到位|阶段性(?:完成|成效|成果)|基本(?:完成|整改到位)/;

/** The status an item's own sentences give, with the words that give it; null where they say nothing about it. */
export function itemStatus(text: string): { status: ProblemStatus; at: number } | null {
  const under = UNDER_WAY.exec(text);
  if (under) return { status: 'in-progress', at: under.index };
  const partly = PARTLY.exec(text);
  if (partly) return { status: 'phased', at: partly.index };
  const done = DONE.exec(text);
  if (done) return { status: 'completed', at: done.index };
  return null;
}

const ITEM = /^\s*([一二三四五六七八九十]{1,3}是)/;

/**
 * Where the item names its problem: "一是预算编制不够完整、细化问题。市财政局…" → "预算编制不够完整、细化问题"
 * (without a status run on after it: "…未及时上缴问题，部分整改到位"); an item that opens with an outcome and names
 * its problem after it ("一是已追回…12.5万元。某单位违规发放津贴补贴问题，…") by that problem; an item that names
 * none ("二是2个县落实…专项资金拨付，截至2023年11月…") by its first clause. `named` says whether it names a problem.
 */
function titleSpan(text: string): { start: number; end: number; named: boolean } {
  const from = ITEM.exec(text)?.[0].length ?? 0;
  const spans: { start: number; end: number }[] = [];
  for (let at = from; at < text.length && spans.length < 3; ) {
    const stop = text.slice(at).search(/[。；;]/);
    const end = stop < 0 ? text.length : at + stop;
    spans.push({ start: at, end });
    at = end + 1;
  }
  const first = spans[0] ?? { start: from, end: text.length };
  const sentence = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  const naming =
    /问题/.test(sentence(first)) || !itemStatus(sentence(first)) ? first : (spans.slice(1).find((s) => /问题/.test(sentence(s))) ?? first);
  const words = sentence(naming);
  const problemAt = words.indexOf('问题');
  if (problemAt < 0) {
    const clause = words.search(/[，,]/);
    return { start: naming.start, end: clause < 0 ? naming.end : naming.start + clause, named: false };
  }
  // "…问题，部分整改到位": the words after the problem's name are its status, not its name
  const rest = words.slice(problemAt + 2);
  const cut =
    /^\s*[，,]\s*(?:已|正在|部分|基本|尚|未|目前|截至|现已|均已)/.test(rest) || (/^\s*[，,]/.test(rest) && itemStatus(rest) !== null);
  return { start: naming.start, end: cut ? naming.start + problemAt + 2 : naming.end, named: true };
}

function itemTitle(text: string, span: { start: number; end: number }): string {
  const named = text.slice(span.start, span.end).trim();
  return named.length <= 60 ? named : `${named.slice(0, 59)}…`;
}

/** The clause that says it: "截至2023年11月，市财政局已将罚没收入…缴入国库" → "市财政局已将罚没收入…缴入国库". */
function clauseAt(text: string, at: number): string {
  const clause = clauseAround(text, at, ['，', ',', '。', '；', ';']).trim().replace(ITEM, '');
  return clause.length <= 60 ? clause : `${clause.slice(0, 59)}…`;
}

/** `area`: the area the item is listed under, or none where the category lists its items itself */
function itemProblem(area: { title?: string; lastLine: number }, m: Measure, next: Measure | undefined, ordinal: number): Problem {
  // the status is in what was done, not in the problem's name ("一是部分林业发展规划任务未完成问题。…")
  // …except where the item names no problem ("一是英德市已向用款单位拨付…200万元"): then all of it counts
  const span = titleSpan(m.text);
  const unnamed = span.named ? m.text.slice(0, span.start) + ' '.repeat(span.end - span.start) + m.text.slice(span.end) : m.text;
  const said = itemStatus(unnamed);
  return {
    number: (ITEM.exec(m.text)?.[1] as string) ?? '',
    ordinal,
    title: itemTitle(m.text, span),
    line: m.line,
    lastLine: next ? Math.max(m.line, next.line - (next.line > m.line ? 1 : 0)) : area.lastLine,
    status: said?.status ?? 'unknown',
    statusText: said ? clauseAt(m.text, said.at) : null,
    statusLine: said ? m.line : null,
    longTerm: false,
    measures: [],
    children: [],
    ...(area.title ? { area: area.title } : {}),
  };
}

/**
 * The items of each area as the category's problems, in an audit rectification report. An area whose text is not
 * itemised ("一是…二是…") stays what the reader made of it: a problem of its own.
 */
export function auditItemsAsProblems(aspects: readonly Aspect[], paras: readonly Paragraph[]): Aspect[] {
  return aspects
    .flatMap((a) => categoriesUnder(a, paras) ?? [a])
    .map((a) => ({
      ...a,
      problems:
        a.problems.length === 0
          ? listedInCategory(a, paras)
          : a.problems.flatMap((area) => {
              const items = area.measures.filter((m) => ITEM.test(m.text));
              if (area.children.length > 0 || items.length === 0 || items.length !== area.measures.length) return [ownStatus(area, paras)];
              return items.map((m, i) => itemProblem(area, m, items[i + 1], i + 1));
            }),
    }));
}

/** What was done, opening an item: "一是强化预算管理…", "二是建立健全…". */
const ACTION = /^(?:强化|加强|完善|建立|健全|规范|严格|落实|推进|开展|组织|制定|修订|印发|召开|深化|压实|坚持|持续|加快|督促|认真)/;

/**
 * "一是部分非税收入未及时缴库。县财政局已将1200万元缴入国库。": an item that names a finding without the word 问题 —
 * its first sentence says no outcome and is not an action, and the sentences after it give the status.
 */
function findingFirst(text: string): boolean {
  const body = text.slice(ITEM.exec(text)?.[0].length ?? 0);
  const stop = body.search(/[。；;]/);
  if (stop < 0) return false;
  const first = body.slice(0, stop);
  return !ACTION.test(first) && itemStatus(first) === null && itemStatus(body.slice(stop + 1)) !== null;
}

/** A category states what it must rectify: "应整改问题14个", "审计查出问题5个". */
const STATES_ITS_COUNT = /(?:应整改|查出|发现|反映)(?:的)?问题\s*\d+\s*(?:个|项|条)/;

/**
 * "二、审计查出问题整改具体情况" over "（一）县级财政管理审计查出问题整改情况。应整改问题5个…一是…二是…" and "（二）…":
 * where every part under a heading is a category stating its own count, the categories are the aspects (their counts
 * then scope to them, and add up to the whole) and their items are the problems, as when they head the report.
 */
function categoriesUnder(a: Aspect, paras: readonly Paragraph[]): Aspect[] | null {
  if (a.problems.length < 2) return null;
  const opening = (p: Problem) => paras.find((x) => x.firstLine === p.line)?.folded ?? '';
  if (!a.problems.every((p) => /^[（(][一二三四五六七八九十]{1,3}[)）]$/.test(p.number) && STATES_ITS_COUNT.test(opening(p)))) return null;
  return a.problems.map((p) => ({ title: p.title, line: p.line, lastLine: p.lastLine, problems: [] }));
}

/**
 * A numbered item that is a problem of its own ("1.非税收入未及时缴库问题。县财政局已将…缴入国库。") has no status line:
 * its status is the one the sentences after its name give, as for an "一是…" item; none where they give none.
 */
function ownStatus(area: Problem, paras: readonly Paragraph[]): Problem {
  if (area.status !== 'unknown') return area;
  const text = paras
    .filter((p) => p.firstLine >= area.line && p.firstLine <= area.lastLine)
    .map((p) => p.text)
    .join('');
  const named = text.indexOf(area.title);
  const after = named < 0 ? text : text.slice(named + area.title.length);
  const said = itemStatus(after);
  return said ? { ...area, status: said.status, statusText: clauseAt(after, said.at), statusLine: area.line } : area;
}

/**
 * "（一）县本级预算管理审计方面。应整改问题15个…。一是非税收入未及时缴库的问题，已缴入国库；二是…的问题，正在推进。":
 * a category with no areas lists its items itself. Taken as problems only where every item names one — items that
 * name none are what was done ("一是强化预算管理…"), not what was found.
 */
function listedInCategory(a: Aspect, paras: readonly Paragraph[]): Problem[] {
  const items = measuresIn(paras.filter((p) => p.firstLine >= a.line && p.firstLine <= a.lastLine)).filter((m) => ITEM.test(m.text));
  if (items.length === 0 || !items.every((m) => titleSpan(m.text).named || findingFirst(m.text))) return [];
  return items.map((m, i) => itemProblem({ lastLine: a.lastLine }, m, items[i + 1], i + 1));
}
