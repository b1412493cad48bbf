// The status vocabulary of real reports, normalized. The completion rate counts only `completed`.

import type { ProblemStatus } from './model.ts';

const STATUS_PHRASES: readonly { re: RegExp; status: ProblemStatus }[] = [
  // "阶段性完成整改，并长期坚持。" / "基本完成" / "部分整改到位" → phased
  { re: /阶段性(完成|整改完成|成效|成果)|基本(完成|整改到位)|部分整改到位|初步完成/, status: 'phased' },
  // "未整改" / "尚未整改" / "未启动" → not started
  { re: /尚未(开始|启动)整改|未启动|^未整改|尚未整改/, status: 'not-started' },
  // "正在整改" / "在整改时限内有序推进整改" / "正在限期整改" / "持续推进" / "整改中"
  { re: /正在(限期)?整改|有序推进|持续推进|推进中|整改中|正在推进|按计划推进|未完成整改|未完全整改/, status: 'in-progress' },
  // "已完成整改（并长期坚持）" / "已整改到位" / "整改完成" / "已完成"
  { re: /已完成整改|已整改到位|整改到位|整改完成|完成整改|已完成|已整改|已办结|已销号/, status: 'completed' },
];

/** The statuses in the order a problem goes through them, the least advanced first. */
const ADVANCE: readonly string[] = ['not-started', 'in-progress', 'phased', 'completed'];

/** Where a problem stands when its parts each stand somewhere: at the least advanced of them. */
export function leastAdvanced<S extends string>(statuses: readonly S[]): S | undefined {
  return statuses.reduce<S | undefined>((a, b) => (a === undefined || ADVANCE.indexOf(b) < ADVANCE.indexOf(a) ? b : a), undefined);
}

const LONG_TERM = /长期坚持|长期整改|持续整改|需长期|长期推进|久久为功/;

export function statusOf(phrase: string): ProblemStatus | null {
  for (const p of STATUS_PHRASES) if (p.re.test(phrase)) return p.status;
  return null;
}

export function isLongTerm(phrase: string): boolean {
  return LONG_TERM.test(phrase);
}

/**
 * The status a heading of a group gives to the items under it:
 * "（一）集中整改期内已完成的整改事项" → completed, "（二）按计划持续推进的整改事项" → in-progress,
 * "（一）基本完成的事项" → phased, "三、需长期整改事项进展情况" → in-progress and long-term.
 */
export function groupStatus(heading: string): { status: ProblemStatus; longTerm: boolean } | null {
  // "（一）已完成整改的问题（6个）": the count after the heading is not part of what it says
  const title = heading.replace(/\s*[（(]\s*(?:共)?\s*\d+\s*[个项条][）)]\s*$/, '');
  if (!/事项|问题$/.test(title)) return null;
  if (/需长期整改|长期整改事项/.test(title)) return { status: 'in-progress', longTerm: true };
  if (/基本完成|阶段性完成/.test(title)) return { status: 'phased', longTerm: false };
  if (/已完成|完成的整改/.test(title)) return { status: 'completed', longTerm: false };
  if (/持续推进|正在推进|尚未完成|未完成|正在整改/.test(title)) return { status: 'in-progress', longTerm: false };
  return null;
}

const MEASURE_START = /^\s*(?:[一二三四五六七八九十]{1,3}是|[①-⑳]|第[一二三四五六七八九十]{1,3}[，,、])/;
const STATUS_LABEL = /(?:^|[。；;])\s*(?:整改(?:落实|进展)?(?:情况|结果|进展)|目前状态|整改状态|完成情况)\s*[:：]\s*/;

/**
 * A problem's own status line: "整改落实情况：已完成整改，并长期坚持。" / "整改情况：在整改时限内有序推进整改。一是…"
 * Returns the phrase as written (up to its full stop or its first measure) when it carries a status.
 */
export function statusLine(folded: string, raw: string): { phrase: string; status: ProblemStatus; longTerm: boolean } | null {
  // "一是高标准农田建设质量不高。（已完成）委托第三方…": the status in brackets, opening what follows the title
  const bracketed = /^\s*\(\s*([^()]{2,12}?)\s*\)/.exec(folded);
  const inBrackets = bracketed ? statusOf(bracketed[1] as string) : null;
  if (bracketed && inBrackets) {
    const at = folded.indexOf(bracketed[1] as string);
    const phrase = raw.slice(at, at + (bracketed[1] as string).length);
    return { phrase, status: inBrackets, longTerm: isLongTerm(bracketed[1] as string) };
  }
  // a label at the line's start, or after a sentence of its own: "问题1：…。整改措施：…。完成情况：…，已完成。" (a 问题清单
  // as text) — but "一是制定培养计划。整改情况：已完成。" is a measure's status, not its problem's (statusOfMeasures)
  const label = STATUS_LABEL.exec(folded);
  const m = label && (label.index === 0 || !MEASURE_START.test(folded)) ? label : null;
  let rest: string;
  let restRaw: string;
  if (m) {
    const after = m.index + m[0].length;
    rest = folded.slice(after);
    restRaw = raw.slice(after);
  } else if (folded.trim().length <= 24 && /^\s*(已|阶段性|基本|正在|在整改|未|尚未|部分|持续|整改完成)/.test(folded)) {
    rest = folded.trim();
    restRaw = raw.trim();
  } else return closingVerdict(folded, raw);
  const stop = rest.search(/[。;；]|[一二三四五六七八九十]是/);
  // read in the folded text (階段性 is 阶段性), quoted as written
  const said = (stop >= 0 ? rest.slice(0, stop) : rest).trim();
  const phrase = (stop >= 0 ? restRaw.slice(0, stop) : restRaw).trim();
  const status = said.length > 0 && said.length <= 40 ? statusOf(said) : null;
  // "整改情况：…结对培养工作正在推进。取得阶段性成效。": a description that happens to hold a status word gives way to
  // the verdict that closes the text
  const verdict = status === null || !isVerdict(said) ? closingVerdict(rest, restRaw) : null;
  if (verdict) return verdict;
  return status ? { phrase, status, longTerm: isLongTerm(said) } : null;
}

/**
 * "…关停非法采砂点4处，目前已整改到位。": the last clause, where it says "now" (目前, 现已), is a verdict too.
 */
function nowVerdict(folded: string, raw: string): { phrase: string; status: ProblemStatus; longTerm: boolean } | null {
  const end = folded.replace(/[。;；\s]+$/, '');
  const start = Math.max(end.lastIndexOf('，'), end.lastIndexOf(','), end.lastIndexOf('。')) + 1;
  const m = /^(?:目前|现已|现在|截至目前)[，,]?/.exec(end.slice(start));
  if (!m) return null;
  const said = end.slice(start + m[0].length).trim();
  const verdict = said.startsWith('已') || /^(?:阶段性|基本|正在)/.test(said) ? said : `已${said}`;
  if (!isVerdict(verdict)) return null;
  const status = statusOf(verdict);
  return status ? { phrase: raw.slice(start, end.length).trim(), status, longTerm: isLongTerm(said) } : null;
}

/** a sentence that is a verdict on the whole, not a step taken: "已完成整改", "阶段性完成并持续整改", "基本完成", "整改中" */
const VERDICT = /^(?:已|阶段性|基本|正在|持续|取得阶段性|整改完成|完成整改|尚未|部分整改|整改中$)/;
/**
 * …short and without a figure: "已完成6个镇的清产核资复核工作，其余3个镇正在开展" is what was done, and the verdict is
 * the sentence after it ("正在推进。"); "已完成3项" says how much of something, not where the problem stands.
 */
const isVerdict = (s: string) => VERDICT.test(s) && s.length <= 16 && !/\d/.test(s);

/**
 * "…复耕12.5亩。已完成整改。", "…按月通报进度。已完成。": a short sentence of its own that closes a problem's text,
 * after what was done, is its status.
 */
function closingVerdict(folded: string, raw: string): { phrase: string; status: ProblemStatus; longTerm: boolean } | null {
  const end = folded.replace(/[。;；\s]+$/, '');
  const start = Math.max(end.lastIndexOf('。'), end.lastIndexOf('；'), end.lastIndexOf(';')) + 1;
  const last = end.slice(start).trim();
  if (start === 0 || !isVerdict(last)) return nowVerdict(folded, raw);
  const status = statusOf(last);
  if (!status) return null;
  const at = folded.indexOf(last, start);
  return { phrase: raw.slice(at, at + last.length), status, longTerm: isLongTerm(last) };
}
