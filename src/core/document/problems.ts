// Aspects (方面) → problems (问题) → specific problems (具体问题), read from the heading tree.
//
// Reports arrange them in a few ways, all seen in the seeds:
//  - a wrapper section ("二、巡察反馈重点问题整改落实情况") whose "（一）" headings are aspects and whose "1." are problems;
//  - a wrapper whose items are problems directly ("二、整改落实情况" → "1.关于“造假成风”问题的整改");
//  - top-level sections that are aspects themselves ("一、聚焦…", "二、聚焦…", "三、聚焦…");
//  - groups by status ("（一）集中整改期内已完成的整改事项", "（二）按计划持续推进的整改事项", "三、需长期整改事项").

import { measuresIn } from './measures.ts';
import { groupStatus, isLongTerm, leastAdvanced, statusLine } from './status.ts';
import type { Aspect, OutlineNode, Problem, ProblemStatus } from './model.ts';
import { lineAt, type Paragraph, type SourceText } from './text.ts';
import { append } from '../append.ts';

type SectionRole = 'problems' | 'organisation' | 'next-steps' | 'other';

/** What a top-level section is for, from its title. */
export function sectionRole(title: string): SectionRole {
  // "一、关于落实主体责任方面的问题": an aspect of problems, whatever its words say of responsibility
  if (/方面的?问题$/.test(title)) return 'problems';
  // "（一）贯彻落实上级决策部署方面（4个）": an aspect that counts its problems
  if (/方面的?(?:问题)?\s*\(\s*(?:共)?\s*\d+\s*[个项条]\s*\)$/.test(title)) return 'problems';
  if (/下一步|下步|打算|巩固|长效|抓常抓长|立足长远|整改成效$|推动工作提升|改进措施|持续转化/.test(title)) return 'next-steps';
  if (/主体责任|组织领导|总体情况|政治站位|政治担当|政治任务|政治责任|组织情况|统一思想|安排部署|取得成效|基本情况/.test(title))
    return 'organisation';
  if (/问题|整改(落实|进展)?情况|整改任务|具体(措施|整改)|需长期整改|需要进一步整改|全面整改|聚焦/.test(title)) return 'problems';
  return 'other';
}

const ASPECT_LIKE = /方面|聚焦|领域|^关于.{2,40}(方面|情况)$|事项$/;
/** what was done, opening an item: "制定…", "开展…", "对…进行…", "委托第三方…" */
const DONE_STEP =
  /^(?:制定|开展|建立|健全|完善|修订|印发|出台|组织|召开|实行|实施|推行|落实|加强|强化|规范|委托|对|向|将|督促|约谈|选派|聘请|举办|编制|梳理|排查|清理|追回|收回|退还|整合|明确|成立|调整|补充|安排|新增|设立|细化|压实|深化|推进)/;
/** a heading that names one problem: "关于…问题的整改", "关于…的问题", "…不到位问题" */
const NAMES_A_PROBLEM = /^关于.{2,60}问题(?:的整改(?:情况)?)?$|问题(?:的整改(?:情况)?)?$/;

interface Inherited {
  status: ProblemStatus | null;
  statusText: string | null;
  longTerm: boolean;
}

/**
 * A heading's title as read — simplified, full-width folded, one character for one — by which its role is judged; the
 * title as written is what is quoted. "二、問題整改情況" is a section of problems as "二、问题整改情况" is.
 */
function readTitle(src: SourceText, node: OutlineNode): string {
  const raw = src.lines[node.line - 1] ?? '';
  const at = raw.indexOf(node.title);
  return at < 0 ? node.title : (src.folded[node.line - 1] ?? '').slice(at, at + node.title.length);
}

export function readAspects(src: SourceText, outline: readonly OutlineNode[], paras: readonly Paragraph[]): Aspect[] {
  const read = (n: OutlineNode) => readTitle(src, n);
  const roots = outline.filter((n) => sectionRole(read(n)) === 'problems');
  const aspects: Aspect[] = [];
  // Several top-level sections all opening with 聚焦 are the aspects themselves.
  const rootsAreAspects = roots.length >= 2 && roots.filter((r) => /^聚焦/.test(read(r))).length >= 2;
  for (const root of roots) {
    const rootGroup = groupOf(read(root), root.title, null);
    if (rootsAreAspects) {
      aspects.push(toAspect(src, root, root.children, paras, rootGroup));
      continue;
    }
    const kids = root.children;
    // "1.关于食品安全监管责任落实不到位问题的整改" over its (1), (2): each names a problem, and what is under it is what
    // was done — problems, not aspects, however deep their measures go
    const kidsAreProblems = kids.length > 0 && kids.every((k) => /问题的整改(?:情况)?$/.test(read(k)) && !ASPECT_LIKE.test(read(k)));
    const kidsAreAspects =
      !kidsAreProblems && (kids.some((k) => k.children.length > 0) || (kids.length > 0 && kids.every((k) => ASPECT_LIKE.test(read(k)))));
    if (kidsAreAspects) {
      for (const k of kids) aspects.push(toAspect(src, k, k.children, paras, groupOf(read(k), k.title, rootGroup)));
    } else if (kids.length > 0) {
      aspects.push(toAspect(src, root, kids, paras, rootGroup));
    } else {
      // "（一）贯彻落实上级决策部署方面（4个）" with its problems as "一是…。（已完成）…" below it
      const alone = toAspect(src, root, [], paras, rootGroup);
      if (alone.problems.length > 0) aspects.push(alone);
    }
  }
  return aspects.length > 0 ? aspects : unsectioned(src, outline, paras);
}

/** an aspect's heading, not a problem's: "党的领导弱化方面问题15个", "…方面", "聚焦…" — not "医疗卫生领域腐败问题整治不深入" */
const ASPECT_HEADING = /(?:方面|领域)的?(?:问题)?\s*\d|(?:方面|领域)$|^聚焦|事项$/;

/** The aspect of problems a report lists without any section over them. */
export const NO_ASPECT = '未分方面';

/**
 * "1.关于村级集体经济发展缓慢的问题。整改情况：…" straight after the opening paragraph, with no section over them: a
 * short report's problems, as one aspect — where every top-level item is numbered alike and most name a problem.
 */
function unsectioned(src: SourceText, outline: readonly OutlineNode[], paras: readonly Paragraph[]): Aspect[] {
  const first = outline[0];
  const last = outline[outline.length - 1];
  if (!first || !last || outline.length < 2 || outline.some((n) => n.style !== first.style)) return [];
  const titles = outline.map((n) => readTitle(src, n));
  // "（一）党的领导弱化方面问题15个" are aspects that count their problems, not problems; "三、下一步打算" no problem
  if (titles.some((t) => ASPECT_HEADING.test(t) || sectionRole(t) === 'organisation' || sectionRole(t) === 'next-steps')) return [];
  const wrapper: OutlineNode = { ...first, title: NO_ASPECT, lastLine: last.lastLine, children: [...outline] };
  const aspect = toAspect(src, wrapper, outline, paras, null);
  // most name a problem ("1.关于…的问题"), or every one states where it stands ("1.国土空间规划编制滞后。…目前已整改到位。")
  const named = titles.filter((t) => /问题|^关于|^针对/.test(t)).length * 2 > titles.length;
  return named || aspect.problems.every((p) => p.status !== 'unknown') ? [aspect] : [];
}

function groupOf(title: string, written: string, outer: Inherited | null): Inherited | null {
  const g = groupStatus(title);
  if (!g) return outer;
  return { status: g.status, statusText: written, longTerm: g.longTerm || (outer?.longTerm ?? false) };
}

function toAspect(
  src: SourceText,
  node: OutlineNode,
  items: readonly OutlineNode[],
  paras: readonly Paragraph[],
  group: Inherited | null,
): Aspect {
  // "（一）党的建设方面" with no numbered items under it: its problems are the "关于…的问题。" paragraphs
  const outer = {
    status: group?.status ?? 'unknown',
    statusText: group?.statusText ?? null,
    statusLine: null,
    longTerm: group?.longTerm ?? false,
  } as const;
  const body = items.length === 0 ? within(paras, node.line + 1, node.lastLine) : [];
  const asParagraphs = items.length === 0 ? paragraphProblems(body, outer) : [];
  // …or, failing those, its "一是…。整改情况：…" items, each with its own status
  const unnumbered = asParagraphs.length > 0 || items.length > 0 ? asParagraphs : listedProblems(body, outer);
  return {
    title: node.title,
    line: node.line,
    lastLine: node.lastLine,
    problems: items.length ? items.map((i) => toProblem(src, i, paras, group)) : unnumbered,
  };
}

/** "关于理论学习不深入的问题。" — not "针对这方面存在的14个问题，", which counts the problems of an aspect */
const PARAGRAPH_PROBLEM = /^(关于|针对)(?!这|上述|以上|各|巡察|巡视)(?![^。：:]*?\d+\s*(?:个|项|条))[^。：:]{2,60}?问题[。：:，,]/;

/**
 * Problems written as paragraphs ("关于理论学习不深入的问题。整改情况：已完成整改。一是…"): each from its paragraph to
 * the next, with the status its own text states ("整改情况：…" right after its title, or on a line of its own), else
 * the status of what it is listed under (`outer`).
 */
function paragraphProblems(
  paras: readonly Paragraph[],
  outer: Pick<Problem, 'status' | 'statusText' | 'statusLine' | 'longTerm'>,
): Problem[] {
  const heads = paras.filter((p) => PARAGRAPH_PROBLEM.test(p.folded));
  return heads.map((p, i) => {
    const next = heads[i + 1];
    const body = paras.filter((q) => q.firstLine >= p.firstLine && (!next || q.firstLine < next.firstLine));
    const stop = p.folded.search(/问题[。：:，,]/);
    const title = p.text
      .slice(0, stop + 2)
      .replace(/^(关于|针对)/, '')
      .replace(/的?问题$/, '');
    const after = { folded: p.folded.slice(stop + 3), raw: p.text.slice(stop + 3) };
    const own =
      statusLine(after.folded, after.raw) ??
      body.slice(1).reduce<ReturnType<typeof statusLine>>((found, q) => found ?? statusLine(q.folded, q.text), null);
    return {
      number: '',
      ordinal: null,
      title,
      line: p.firstLine,
      lastLine: body[body.length - 1]?.lastLine ?? p.lastLine,
      status: own?.status ?? outer.status,
      statusText: own?.phrase ?? outer.statusText,
      statusLine: own ? p.firstLine : outer.statusLine,
      longTerm: outer.longTerm || Boolean(own?.longTerm),
      measures: measuresIn(body),
      children: [],
    };
  });
}

/** An item that opens a sentence: "一是理论学习不深入。整改情况：已完成整改。" */
const LISTED_ITEM = /(?:^|[。；;])\s*([一二三四五六七八九十]+是)/g;

/**
 * A town's report lists an aspect's problems as "一是…。整改情况：已完成整改。二是…。整改情况：正在整改。", on one line or
 * several: each item is a problem when every item states its own status. Items without one are the measures or
 * examples of something else ("一是成立领导小组；二是…"), and stay what they were.
 */
function listedProblems(paras: readonly Paragraph[], outer: Pick<Problem, 'status' | 'statusText' | 'statusLine' | 'longTerm'>): Problem[] {
  const found: Problem[] = [];
  for (const p of paras) {
    const starts = [...p.folded.matchAll(LISTED_ITEM)].map((m) => ({
      at: (m.index ?? 0) + m[0].indexOf(m[1] as string),
      number: m[1] as string,
    }));
    for (const [i, start] of starts.entries()) {
      const end = starts[i + 1]?.at ?? p.folded.length;
      const folded = p.folded.slice(start.at + start.number.length, end);
      const raw = p.text.slice(start.at + start.number.length, end);
      const stop = folded.search(/[。；;]/);
      if (stop <= 1) return [];
      const own = statusLine(folded.slice(stop + 1), raw.slice(stop + 1));
      if (!own) return [];
      const line = lineAt(p, start.at);
      found.push({
        number: start.number,
        ordinal: null,
        title: raw.slice(0, stop).trim(),
        line,
        lastLine: lineAt(p, Math.max(start.at, end - 1)),
        status: own.status,
        statusText: own.phrase,
        statusLine: line,
        longTerm: outer.longTerm || own.longTerm,
        measures: [],
        children: [],
      });
    }
  }
  return found;
}

function within(paras: readonly Paragraph[], from: number, to: number): Paragraph[] {
  return paras.filter((p) => p.firstLine >= from && p.firstLine <= to);
}

function toProblem(src: SourceText, node: OutlineNode, paras: readonly Paragraph[], group: Inherited | null): Problem {
  const firstChild = node.children[0];
  const ownEnd = firstChild ? firstChild.line - 1 : node.lastLine;
  const own = within(paras, node.line, ownEnd);
  const problem: Problem = {
    number: node.numbering,
    ordinal: node.ordinal,
    title: node.title,
    line: node.line,
    lastLine: node.lastLine,
    status: group?.status ?? 'unknown',
    statusText: group?.statusText ?? null,
    statusLine: null,
    longTerm: group?.longTerm ?? false,
    measures: [],
    children: [],
  };
  // The problem's own status line ("整改落实情况：阶段性完成整改，并长期坚持。") beats its group's; it may also follow
  // the title on the heading's own line ("1.关于制度执行不严的问题。整改情况：已完成整改。").
  const headingRest = (text: string) => text.slice(text.indexOf('。') + 1);
  for (let n = node.line; n <= ownEnd; n++) {
    const folded = src.folded[n - 1] as string;
    const raw = (src.lines[n - 1] as string).trimStart();
    if (n === node.line && !folded.includes('。')) continue;
    const s = n === node.line ? statusLine(headingRest(folded), headingRest(raw)) : statusLine(folded, raw);
    if (!s) continue;
    problem.status = s.status;
    problem.statusText = s.phrase;
    problem.statusLine = n;
    problem.longTerm = problem.longTerm || s.longTerm;
    break;
  }
  if (!problem.longTerm && isLongTerm(readTitle(src, node))) problem.longTerm = true;
  const inherit: Inherited = {
    status: problem.status === 'unknown' ? null : problem.status,
    statusText: problem.statusText,
    longTerm: problem.longTerm,
  };

  if (node.children.length > 0) {
    // "3．针对…的问题。" / "整改情况：已完成整改。一是…" / "（2）…（3）…（4）…": the "（1）" lost its heading, and the
    // lines between its parent's heading and "（2）" are its text (seed 002 line 767). It is a problem the document
    // counts: restored under the parent's title, with what those lines say.
    if (problem.statusLine !== null && firstChild?.ordinal === 2 && firstChild.style !== node.style) {
      problem.children.push({
        ...problem,
        number: '',
        ordinal: 1,
        line: problem.statusLine,
        lastLine: ownEnd,
        measures: measuresIn(own),
        children: [],
      });
    } else append(problem.measures, measuresIn(own));
    // "整改进展：已完成整改。" then "（1）制定…；（2）开展…": under a problem that has stated where it stands, items that
    // each say what was done, with nothing under them and no status of their own, are its measures
    const saysItsOwn = (c: OutlineNode) => {
      for (let n = c.line + 1; n <= c.lastLine; n++) if (statusLine(src.folded[n - 1] as string, src.lines[n - 1] as string)) return true;
      return false;
    };
    const done =
      problem.statusLine !== null &&
      node.children.every(
        (c) => c.children.length === 0 && DONE_STEP.test(readTitle(src, c)) && !NAMES_A_PROBLEM.test(readTitle(src, c)) && !saysItsOwn(c),
      );
    if (done) {
      for (const c of node.children) problem.measures.push({ text: c.title.replace(/[；;。，,]$/, ''), line: c.line });
      return problem;
    }
    for (const c of node.children) problem.children.push(toProblem(src, c, paras, inherit.status ? inherit : group));
    return problem;
  }
  // Specific problems written as paragraphs: "关于产业结构不够合理的问题。一是…", "针对园区工业垃圾随意堆积问题：一是…"
  const specific = paragraphProblems(
    own.filter((p) => p.firstLine > node.line),
    problem,
  );
  if (specific.length === 0) {
    append(problem.measures, measuresIn(own));
    return problem.status === 'unknown' ? statusOfMeasures(problem) : problem;
  }
  append(problem.measures, measuresIn(own.filter((p) => p.firstLine < (specific[0] as Problem).line)));
  append(problem.children, specific);
  return problem;
}

/**
 * "1.关于党组主体责任落实不到位问题的整改" over "一是…。整改情况：已完成。二是…。整改情况：已完成。": a problem that states
 * no status of its own but whose every measure states one stands where the least advanced of them stands.
 */
function statusOfMeasures(problem: Problem): Problem {
  if (problem.measures.length === 0) return problem;
  const said = problem.measures.map((m) => {
    const stop = m.text.search(/[。；;]/);
    return { m, s: stop > 0 ? statusLine(m.text.slice(stop + 1), m.text.slice(stop + 1)) : null };
  });
  if (said.some((x) => x.s === null)) return problem;
  const status = leastAdvanced(said.map((x) => x.s?.status ?? 'unknown'));
  const least = said.find((x) => x.s?.status === status);
  if (!least?.s) return problem;
  return {
    ...problem,
    status: least.s.status,
    statusText: least.s.phrase,
    statusLine: least.m.line,
    longTerm: problem.longTerm || least.s.longTerm,
  };
}

/** Every problem and specific problem, depth first. */
export function allProblems(aspects: readonly Aspect[]): Problem[] {
  const out: Problem[] = [];
  const walk = (ps: readonly Problem[]) => {
    for (const p of ps) {
      out.push(p);
      walk(p.children);
    }
  };
  for (const a of aspects) walk(a.problems);
  return out;
}

const sameTitle = (a: string) =>
  a
    .replace(/^(关于|针对)/, '')
    .replace(/(的)?问题(的整改)?$/, '')
    .replace(/[“”"'‘’。，,\s]/g, '');

/**
 * "三、需要进一步整改的事项及措施 → （一）基本完成的事项 → 1.关于企业清理整合不够到位的问题" lists again problems
 * reported above: it updates their status rather than adding problems.
 */
export function mergeStatusUpdates(aspects: Aspect[]): Aspect[] {
  const out: Aspect[] = [];
  for (const a of aspects) {
    const g = groupStatus(a.title);
    const earlier = out.flatMap((x) => x.problems);
    const matches = a.problems.map((p) => earlier.find((e) => sameTitle(e.title) === sameTitle(p.title)));
    if (!g || a.problems.length === 0 || matches.some((m) => m === undefined)) {
      out.push(a);
      continue;
    }
    a.problems.forEach((p, i) => {
      const target = matches[i] as Problem;
      target.status = g.status;
      target.statusText = a.title;
      target.statusLine = a.line;
      target.longTerm = target.longTerm || g.longTerm;
      append(target.measures, p.measures);
    });
  }
  return out;
}

/**
 * Where a report's stated number of problems is the number of "一是…二是…" paragraphs that open lines under its
 * problems (seed 002's village report: 47 problems stated, 12 headings, 47 such paragraphs), those paragraphs are
 * its specific problems, not measures.
 */
export function promoteListedItems(src: SourceText, aspects: readonly Aspect[], statedTotal: number | null): void {
  if (statedTotal === null) return;
  const top = aspects.flatMap((a) => a.problems);
  if (top.length === 0 || top.some((p) => p.children.length > 0) || top.length === statedTotal) return;
  const opensLine = (m: { text: string; line: number }) => (src.lines[m.line - 1] ?? '').trimStart().startsWith(m.text.slice(0, 4));
  const items = top.map((p) => p.measures.filter(opensLine));
  if (items.reduce((s, i) => s + i.length, 0) !== statedTotal) return;
  top.forEach((p, i) => {
    for (const m of items[i] as { text: string; line: number }[]) {
      const marker = /^([一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|[①-⑳])/.exec(m.text)?.[0] ?? '';
      const body = m.text.slice(marker.length);
      const stop = body.search(/[。；;]/);
      p.children.push({
        number: marker,
        ordinal: null,
        title: stop > 0 ? body.slice(0, stop) : body,
        line: m.line,
        lastLine: m.line,
        status: p.status,
        statusText: p.statusText,
        statusLine: p.statusLine,
        longTerm: p.longTerm,
        measures: stop > 0 && body.length > stop + 2 ? [{ text: body.slice(stop + 1).trim(), line: m.line }] : [],
        children: [],
      });
    }
    const kept = p.measures.filter((m) => !opensLine(m));
    p.measures.length = 0;
    append(p.measures, kept);
  });
}
