// Counts that must agree: the parts with the whole, the stated with the listed, the statuses with the totals.

import { completionRate, formatRate, rateAgrees } from '../../ledger/completion-rate.ts';
import { finding, type Finding } from '../finding.ts';
import type { Aspect, Claim, Metric, Problem, Report } from '../../document/model.ts';
import { leastAdvanced } from '../../document/status.ts';

const METRIC_NAME: Partial<Record<Metric, string>> = {
  problems: '问题数',
  completed: '已完成整改数',
  phased: '阶段性完成数',
  'in-progress': '正在整改数',
  'not-done': '未完成数',
  'long-term': '长期整改数',
  measures: '整改措施数',
};

const num = (c: Claim | undefined): number | null => (c && typeof c.value === 'number' ? c.value : null);

/** The report-wide statement of a metric: its first claim with no aspect scope. */
export function overall(r: Report, metric: Metric, specific = false): Claim | undefined {
  return r.claims.find((c) => c.metric === metric && c.scope === null && Boolean(c.specific) === specific);
}

function perAspect(r: Report, metric: Metric): Map<string, Claim> {
  const out = new Map<string, Claim>();
  // a figure inside one of the aspect's problems ("二是对整改不到位的6项问题重新整改") is that problem's, not the aspect's
  // count — unless it is on the aspect's own line, where an audit category states its count before its items
  const inItsProblem = (c: Claim) =>
    r.aspects.some((a) => a.title === c.scope && c.line !== a.line && a.problems.some((p) => c.line >= p.line && c.line <= p.lastLine));
  for (const c of r.claims)
    if (c.metric === metric && c.scope !== null && !c.part && !c.specific && !out.has(c.scope) && !inItsProblem(c)) out.set(c.scope, c);
  return out;
}

/** Seed 000: four categories complete 33+43+44+16 = 136 problems, the headline says 137. */
export function partsVersusTotal(r: Report): Finding[] {
  const out: Finding[] = [];
  for (const metric of ['problems', 'completed', 'measures'] as const) {
    const whole = overall(r, metric);
    const parts = [...perAspect(r, metric).values()];
    if (!whole || parts.length < 2) continue;
    const sum = parts.reduce((s, c) => s + (c.value as number), 0);
    if (sum === whole.value) continue;
    out.push(
      finding(
        'parts-vs-total',
        'error',
        `各方面${METRIC_NAME[metric]}之和为${sum}个，与总数${whole.value}个不符`,
        [whole.line, ...parts.map((c) => c.line)],
        whole.value,
        sum,
      ),
    );
  }
  return out;
}

/**
 * The classes problems are sorted into for rectification (立行立改, 限期整改, 长期整改) divide all of them: where a report
 * gives the count of each of the three, they add up to its total. "立行立改问题9个…限期整改问题11个…长期整改问题5个" of
 * 24 is a slip. "长期整改问题5个" is read as the long-term count; here it is that class's problems.
 */
const TRIAGE_CLASSES = [/^立行立改/, /^限期整改/, /^长期(?:整改|坚持)/] as const;

export function triageVersusTotal(r: Report): Finding[] {
  const whole = overall(r, 'problems');
  if (!whole || typeof whole.value !== 'number') return [];
  const classes = TRIAGE_CLASSES.map((cls) =>
    r.claims.find((c) => c.scope !== null && cls.test(c.scope) && (c.metric === 'problems' || c.metric === 'long-term') && !c.specific),
  );
  if (classes.some((c) => c === undefined || typeof c.value !== 'number')) return [];
  const counts = classes as Claim[];
  const sum = counts.reduce((s, c) => s + (c.value as number), 0);
  if (sum === whole.value) return [];
  const told = counts.map((c) => `${c.scope}${c.value}个`).join('、');
  return [
    finding(
      'parts-vs-total',
      'error',
      `${told}，合计${sum}个，与问题总数${whole.value}个不符`,
      [whole.line, ...counts.map((c) => c.line)],
      whole.value,
      sum,
    ),
  ];
}

const scopeKey = (metric: Metric, scope: string | null) => (scope === null ? metric : `${metric}\u0000${scope}`);

/** A stated completion rate must follow from the stated counts, rounded or truncated at its precision. */
export function rateVersusCounts(r: Report): Finding[] {
  const out: Finding[] = [];
  // the first claim of each metric and scope, a report-level one before a specific one: looked up once per rate, and
  // a long report states thousands of rates
  const first = new Map<string, Claim>();
  const firstSpecific = new Map<string, Claim>();
  for (const c of r.claims) {
    const key = scopeKey(c.metric, c.scope);
    const into = c.specific ? firstSpecific : first;
    if (!into.has(key)) into.set(key, c);
  }
  for (const rate of r.claims.filter((c) => c.metric === 'completion-rate')) {
    const sameScope = (m: Metric) => first.get(scopeKey(m, rate.scope)) ?? firstSpecific.get(scopeKey(m, rate.scope));
    const total = num(sameScope('problems'));
    const done = num(sameScope('completed'));
    if (total === null || done === null) {
      if (sentenceGivesRate(rate)) continue;
      out.push(
        finding(
          'rate-without-counts',
          'warning',
          `整改完成率${rate.value}%缺少可据以核算的问题总数或已完成数`,
          [rate.line],
          rate.value,
          null,
        ),
      );
      continue;
    }
    if (rateAgrees(rate.value as number, rate.decimals ?? 2, done, total)) continue;
    const computed = formatRate(completionRate(done, total) as number, rate.decimals ?? 2);
    out.push(
      finding(
        'rate-vs-counts',
        'error',
        `整改完成率写为${rate.value}%，按${done}/${total}计算应为${computed}%`,
        [rate.line],
        rate.value,
        Number(computed),
      ),
    );
  }
  return out;
}

function leavesOf(ps: readonly Problem[]): Problem[] {
  return ps.flatMap((p) => (p.children.length ? leavesOf(p.children) : [p]));
}

/** "440套…440套已全部完成办证…整改完成率100%": two figures of the rate's own sentence give it. */
function sentenceGivesRate(rate: Claim): boolean {
  const figures = [...rate.text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0])).filter((n) => Number.isInteger(n) && n > 0);
  for (const a of figures) for (const b of figures) if (a <= b && rateAgrees(rate.value as number, rate.decimals ?? 0, a, b)) return true;
  return false;
}

/** Leaves of the problem tree: specific problems where listed, else the problem itself. */
function leafCount(ps: readonly Problem[]): number {
  return leavesOf(ps).length;
}

/** "1.关于“学深悟透有差距”问题的整改" and the same problem under another status group are one problem. */
const problemKey = (title: string) => title.replace(/^关于|问题的整改[。.]?$|的整改[。.]?$|[“”"'‘’《》\s。.]/g, '');

/**
 * Problems listed once per status group ("已完成的整改事项" and "持续推进的整改事项", seed 002 line 284: 18 + 34 entries
 * for 41 problems) are counted once each.
 */
function distinctProblems(aspects: readonly Aspect[]): number {
  return new Set(aspects.flatMap((a) => a.problems.map((p) => problemKey(p.title)))).size;
}

/**
 * A stated count must match what the report lists: overall and per aspect. Counts swapped between two aspects are
 * named as such. Audit reports count audit findings that they summarise rather than list, so they are left alone
 * but for an area whose heading counts its own items.
 */
export function statedVersusListed(r: Report): Finding[] {
  // Audit reports count findings they summarise rather than list — except an area whose own heading counts what it
  // lists under it ("1.政府采购方面存在3个问题" over (1), (2)); a self-evaluation's own "存在的问题" are not the
  // inspection problems its narrative may count.
  if (r.kind === 'performance-self-evaluation' || r.aspects.length === 0) return [];
  const audit = r.kind === 'audit-rectification';
  const out: Finding[] = [];
  const listedProblems = r.aspects.reduce((s, a) => s + a.problems.length, 0);
  const listedLeaves = r.aspects.reduce((s, a) => s + leafCount(a.problems), 0);
  for (const specific of audit ? [] : [false, true]) {
    const stated = overall(r, 'problems', specific);
    if (!stated || listedProblems === 0) continue;
    const v = stated.value as number;
    const distinct = distinctProblems(r.aspects);
    if (v === listedProblems || v === listedLeaves || v === distinct) continue;
    // "12个问题、24个具体问题" with only the 12 listed: the specific ones are not listed, nothing to compare
    if (specific && listedLeaves === listedProblems && overall(r, 'problems') !== undefined) continue;
    // the same problem listed under two status groups: how many the text lists is a matter of reading, so a hint
    if (!specific && distinct < listedProblems) {
      const text = `文中称${v}个问题，正文按整改情况分组列出${listedProblems}条，去掉重复的标题为${distinct}个`;
      out.push(finding('stated-vs-grouped', 'warning', text, [stated.line, r.aspects[0]?.line], v, distinct));
      continue;
    }
    const listed = specific ? listedLeaves : listedProblems;
    // "32个问题" with one of them written out: the text lists some, it does not claim to list all — a hint
    if (listed < v * 0.8) {
      const text = `文中称${v}个${specific ? '具体' : ''}问题，正文只逐条写出其中${listed}个`;
      out.push(finding('listed-partly', 'warning', text, [stated.line, r.aspects[0]?.line], v, listed));
      continue;
    }
    out.push(
      finding(
        'stated-vs-listed',
        'error',
        `文中称${v}个${specific ? '具体' : ''}问题，正文逐条列出${listed}个`,
        [stated.line, r.aspects[0]?.line],
        v,
        listed,
      ),
    );
  }
  const stated = perAspect(r, 'problems');
  // each aspect's listing counted both ways: its problems, and its specific problems where it has them
  const mismatched: { a: Aspect; c: Claim; counts: number[] }[] = [];
  for (const a of r.aspects) {
    const c = stated.get(a.title);
    if (!c || a.problems.length === 0 || (audit && !new RegExp(`(?<!\\d)${c.value}\\s*(?:个|项|条)`).test(a.title))) continue;
    const counts = [a.problems.length, leafCount(a.problems)];
    if (!counts.includes(c.value as number)) mismatched.push({ a, c, counts });
  }
  // seed 002 line 558: "方面问题7个…12个…28个" for aspects that list 7, 28 and 12
  const listedAs = (m: (typeof mismatched)[number], value: number) => (m.counts.includes(value) ? value : (m.counts[0] as number));
  const told = new Set<Aspect>();
  for (const m of mismatched) {
    if (told.has(m.a)) continue; // a swap is one finding, named from its first aspect
    const swapped = mismatched.find((o) => o !== m && m.counts.includes(o.c.value as number) && o.counts.includes(m.c.value as number));
    if (swapped) told.add(swapped.a);
    const listed = swapped ? listedAs(m, swapped.c.value as number) : (m.counts[0] as number);
    out.push(
      finding(
        swapped ? 'counts-swapped' : 'stated-vs-listed',
        'error',
        swapped
          ? `“${m.a.title}”称${m.c.value}个问题、列出${listed}个，与“${swapped.a.title}”的数字互换`
          : `“${m.a.title}”称${m.c.value}个问题，正文列出${listed}个`,
        [m.c.line, m.a.line, ...(swapped ? [swapped.c.line, swapped.a.line] : [])],
        m.c.value,
        listed,
      ),
    );
  }
  return out;
}

/**
 * Stated status counts versus the problems' own status lines. Seed 004 says "32个问题整改完成（其中7个问题阶段性整改
 * 完成）" while 7 of its 32 status lines say 阶段性完成: phased items were counted as completed.
 */
export function statusCounts(r: Report): Finding[] {
  // an audit report's itemised problems summarise the findings its totals count (185 findings, a few dozen items)
  if (r.kind === 'audit-rectification') return [];
  const top = r.aspects.flatMap((a) => a.problems);
  const leaves = leavesOf(top);
  const total = overall(r, 'problems') ?? overall(r, 'problems', true);
  // count what the report counts: specific problems when it states their number or only they carry statuses
  const knownShare = (ps: readonly Problem[]) => ps.filter((p) => p.status !== 'unknown').length / Math.max(ps.length, 1);
  const useLeaves = leaves.length !== top.length && (total?.value === leaves.length || knownShare(leaves) > knownShare(top));
  const problems = useLeaves ? leaves : top;
  // a partial listing ("32个问题" with a few written out) says nothing about how many of the 32 are done
  if (total && typeof total.value === 'number' && problems.length < total.value * 0.8) return [];
  const statuses = problems.map(statusCounted);
  const known = statuses.filter((s) => s !== 'unknown');
  if (known.length === 0 || known.length < problems.length * 0.8) return [];
  const count = (s: Problem['status']) => statuses.filter((x) => x === s).length;
  const out: Finding[] = [];
  const pairs: [Metric, Problem['status'], string][] = [
    ['completed', 'completed', '已完成整改'],
    ['phased', 'phased', '阶段性完成'],
    ['in-progress', 'in-progress', '正在整改'],
  ];
  for (const [metric, status, word] of pairs) {
    const first = overall(r, metric);
    if (!first) continue;
    // "基本完成1个，阶段性完成并持续整改2个": two wordings of one status in one sentence are one count of 3
    const same = r.claims.filter(
      (x) => x.metric === metric && x.scope === null && !x.specific && x.line === first.line && x.text === first.text,
    );
    const c = same.length > 1 ? { ...first, value: same.reduce((n, x) => n + Number(x.value), 0) } : first;
    const computed = count(status);
    if (c.value === computed) continue;
    if (metric === 'completed' && c.value === computed + count('phased')) {
      out.push(
        finding(
          'phased-counted-as-completed',
          'warning',
          `文中称${c.value}个问题已完成整改，其中${count('phased')}个的整改情况为阶段性完成；完成整改的应为${computed}个`,
          [c.line, ...problems.filter((p) => p.status === 'phased').map((p) => p.statusLine ?? p.line)],
          c.value,
          computed,
        ),
      );
      continue;
    }
    out.push(finding('status-counts', 'error', `文中称${word}${c.value}个，逐条整改情况中为${computed}个`, [c.line], c.value, computed));
  }
  return out;
}

/**
 * A problem's status as the report counts it: its own, or — where it states none and its specific problems each
 * state theirs ("1.关于…的整改" over "一是…整改情况：已完成。二是…") — the least advanced of theirs.
 */
function statusCounted(p: Problem): Problem['status'] {
  if (p.status !== 'unknown' || p.children.length === 0) return p.status;
  const kids = p.children.map(statusCounted);
  if (kids.includes('unknown')) return 'unknown';
  return leastAdvanced(kids) ?? 'unknown';
}

/** "（其中7个问题阶段性整改完成）": a part of another count, not a further part of the total. */
function isSubset(c: Claim): boolean {
  const at = c.text.indexOf(String(c.value));
  return at > 0 && /其中[^，,。]{0,6}$/.test(c.text.slice(0, at));
}

/** Completed + in progress + not done + long term cannot exceed the total. */
export function statusPartsSum(r: Report): Finding[] {
  const totals = r.claims.filter((c) => c.metric === 'problems' && c.scope === null);
  if (totals.length === 0) return [];
  const stated = (['completed', 'phased', 'in-progress', 'not-done', 'long-term'] as const)
    .map((m) => overall(r, m))
    .filter((c): c is Claim => c !== undefined && !isSubset(c));
  // "尚未整改到位的14个问题" is what is not done, the same problems as "正在整改14个" said again: beside the statuses
  // it is not one more part of the total
  const named = stated.some((c) => c.metric === 'in-progress' || c.metric === 'phased' || c.metric === 'long-term');
  const parts = named ? stated.filter((c) => c.metric !== 'not-done') : stated;
  if (parts.length < 2) return [];
  // "基本完成2项，取得阶段性成果1项": two wordings of phased in one sentence, each a share of the total
  const phased = parts.find((c) => c.metric === 'phased');
  const morePhased = phased
    ? r.claims.filter((c) => c !== phased && c.metric === 'phased' && c.scope === null && c.line === phased.line && c.text === phased.text)
    : [];
  const sum = [...parts, ...morePhased].reduce((s, c) => s + (c.value as number), 0);
  // "3个方面9个问题33个具体问题 … 已完成整改29个，长期整改4个": the parts add up to one of the stated totals
  if (totals.some((t) => t.value === sum)) return [];
  const total = totals[0] as Claim;
  return [
    finding(
      'status-parts-sum',
      sum > (total.value as number) ? 'error' : 'warning',
      `各状态问题数之和为${sum}个，与问题总数${total.value}个不符`,
      [total.line, ...parts.map((c) => c.line)],
      total.value,
      sum,
    ),
  ];
}
