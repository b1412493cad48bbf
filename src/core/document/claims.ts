// Claims: every figure a report states about its own rectification, one claim per figure, with its sentence.
// Redacted figures ("完成XX个") are not figures and yield no claim.

import { findAmounts } from './money.ts';
import { lineAt, type Paragraph } from './text.ts';
import type { Aspect, Claim, Metric } from './model.ts';
import { append } from '../append.ts';

interface Pattern {
  readonly metrics: readonly Metric[]; // one figure may state two things: "32个问题整改完成" is the total and the done
  readonly re: RegExp; // group 1 (or `group`) is the figure
  readonly needs?: RegExp; // the sentence must also say this
  readonly specific?: boolean;
  readonly total?: boolean; // "32个问题整改完成" also states the total when nothing else in the paragraph does
}

const N = '(\\d+)';
const CONTEXT = /反馈|整改|巡察|巡视|审计|督查|检查|存在|梳理|查摆|认领/;

// Order matters: a figure is claimed by the first pattern that takes it.
const PATTERNS: readonly Pattern[] = [
  // "其中7个问题阶段性整改完成", "阶段性完成整改3个", "基本完成2个"
  { metrics: ['phased'], re: new RegExp(`${N}\\s*个(?:具体)?(?:问题)?(?:已)?(?:阶段性|基本)(?:完成|整改|到位)`) },
  { metrics: ['phased'], re: new RegExp(`(?:阶段性(?:完成)?(?:整改)?(?:完成)?|基本(?:完成|整改到位))\\s*${N}\\s*(?:个|项)`) },
  // "32个问题整改完成": the whole and the done when the paragraph states no other total; "33个已整改到位";
  // "已完成整改29个", "完成整改28项"
  {
    metrics: ['completed'],
    total: true,
    re: new RegExp(`${N}\\s*个(?:具体)?问题(?:已|已经)?(?:全部)?(?:整改完成|完成整改|整改到位|整改完毕)`),
  },
  { metrics: ['completed'], re: new RegExp(`${N}\\s*个(?:问题)?(?:已|已经)(?:全部)?(?:整改到位|完成整改|整改完成|办结|销号)`) },
  {
    metrics: ['completed'],
    re: new RegExp(`(?:已(?:经)?(?:完成)?整改(?:到位)?|已完成|完成整改|整改完成|已销号)\\s*${N}\\s*(?:个|项)`),
    needs: /问题/,
  },
  // "1个问题正在限期整改", "有序推进整改3项"
  { metrics: ['in-progress'], re: new RegExp(`${N}\\s*个(?:问题)?(?:正在|持续)(?:限期)?(?:整改|推进)`) },
  {
    metrics: ['in-progress'],
    re: new RegExp(`(?:正在(?:限期)?整改|正在推进|持续推进|整改中|有序推进整改)\\s*${N}\\s*(?:个|项)`),
    needs: /问题/,
  },
  // "未整改到位5个", "5个未完成"
  { metrics: ['not-done'], re: new RegExp(`${N}\\s*个(?:问题)?(?:尚)?未(?:完成|整改)`) },
  { metrics: ['not-done'], re: new RegExp(`(?:尚未|未)(?:完成)?(?:整改)?(?:到位)?\\s*${N}\\s*个`), needs: /整改/ },
  // "长期整改4个", "4个需长期整改"
  { metrics: ['long-term'], re: new RegExp(`(?:需)?长期(?:坚持)?整改(?:的)?(?:问题)?\\s*${N}\\s*(?:个|项)`) },
  { metrics: ['long-term'], re: new RegExp(`${N}\\s*个(?:问题)?(?:需)?(?:长期|持续)整改`) },
  // "185个问题", "33个具体问题", "应整改问题43个", "3方面32个问题"
  { metrics: ['problems'], re: new RegExp(`应整改问题\\s*${N}\\s*个`) },
  { metrics: ['problems'], re: new RegExp(`${N}\\s*个具体问题`), needs: CONTEXT, specific: true },
  { metrics: ['problems'], re: new RegExp(`${N}\\s*个(?:方面的?)?问题`), needs: CONTEXT },
  // "整改完成率74.05%", "整改率97%" — only where the sentence counts problems: "完成查处整改率为95.69%" of
  // forest cases is not the report's rate
  {
    metrics: ['completion-rate'],
    re: /(?:整改完成率|问题整改率|整改率|销号率|完成率)\s*(?:为|达|达到)?\s*(\d+(?:\.\d+)?)\s*%/,
    needs: /\d+\s*个(?:具体)?问题|整改完成率/,
  },
  // "制定了51项具体措施", "12项整改措施", "制定整改措施68条"
  { metrics: ['measures'], re: new RegExp(`${N}\\s*(?:项|条)(?:具体|整改)?(?:整改)?(?:措施|举措)`) },
  { metrics: ['measures'], re: new RegExp(`(?:整改)?(?:措施|举措)\\s*${N}\\s*(?:项|条)`), needs: /制定|提出|梳理/ },
  // "市级制度6项", "等制度64项", "等制度 8 份", "建立健全制度12个"
  {
    metrics: ['institutions'],
    re: new RegExp(`(?:制度|办法|规定|机制|规章)\\s*${N}\\s*(?:项|个|份|件|篇|条)`),
    needs: /制定|建立|完善|修订|出台|印发|健全|修改/,
  },
  {
    metrics: ['institutions'],
    re: new RegExp(`${N}\\s*(?:项|个|份|件)(?:[^，。；,;]{0,8})(?:制度|办法|规章制度)`),
    needs: /制定|建立|完善|修订|出台|印发|健全|修改/,
  },
  // "追责问责11人", "D纪政务处分13人", "问责3人"
  { metrics: ['accountable'], re: new RegExp(`(?:追责问责|问责|处分|诫勉(?:谈话)?|组织处理|追究责任)\\s*${N}\\s*(?:人|名)`) },
  { metrics: ['accountable'], re: new RegExp(`${N}\\s*(?:人|名)(?:被)?(?:追责|问责|处分|诫勉)`) },
  // "召开17次党组会议", "专题会议4次"
  { metrics: ['meetings'], re: new RegExp(`召开(?:了)?[^，。；]{0,8}?${N}\\s*次[^，。；]{0,12}?会`) },
  { metrics: ['meetings'], re: new RegExp(`(?:会议|会)\\s*${N}\\s*次`), needs: /召开|开展|举行/ },
];

/** Verbs that make an amount a rectification outcome (money recovered, returned, paid in, put to use). */
const MONEY_CONTEXT =
  /追回|退回|收回|清退|上缴|缴入|缴回|归还|归垫|返还|退还|追缴|挽回|整改.{0,8}金额|盘活|拨付到位|发放到位|退赔|整改\s*[\d.]+\s*(亿|万)?元/;

function* sentences(p: Paragraph): Generator<{ start: number; end: number }> {
  let start = 0;
  for (const m of p.folded.matchAll(/[。；;!?！？]/g)) {
    const end = (m.index ?? 0) + 1;
    yield { start, end };
    start = end;
  }
  if (start < p.folded.length) yield { start, end: p.folded.length };
}

export function readClaims(paras: readonly Paragraph[], aspects: readonly Aspect[]): Claim[] {
  const claims: Claim[] = [];
  const scopeOf = (line: number): string | null => aspects.find((a) => line >= a.line && line <= a.lastLine)?.title ?? null;
  for (const p of paras) {
    const fromParagraph: Claim[] = [];
    const totals: Claim[] = [];
    for (const s of sentences(p)) {
      const folded = p.folded.slice(s.start, s.end);
      const text = p.text.slice(s.start, s.end).trim();
      const taken: [number, number][] = [];
      const free = (a: number, b: number) => taken.every(([x, y]) => b <= x || a >= y);
      for (const pat of PATTERNS) {
        if (pat.needs && !pat.needs.test(folded)) continue;
        const re = new RegExp(pat.re.source, 'g');
        for (const m of folded.matchAll(re)) {
          const fig = m[1] as string;
          const figAt = (m.index ?? 0) + m[0].indexOf(fig);
          if (!free(figAt, figAt + fig.length)) continue;
          taken.push([figAt, figAt + fig.length]);
          const line = lineAt(p, s.start + figAt);
          for (const metric of pat.metrics) {
            const claim: Claim = { metric, value: Number(fig), scope: scopeOf(line), line, text };
            if (metric === 'completion-rate') fromParagraph.push({ ...claim, decimals: (fig.split('.')[1] ?? '').length });
            else fromParagraph.push(pat.specific ? { ...claim, specific: true } : claim);
            if (pat.total) totals.push({ ...claim, metric: 'problems' });
          }
        }
      }
      if (MONEY_CONTEXT.test(folded)) {
        for (const a of findAmounts(folded)) {
          const line = lineAt(p, s.start + a.index);
          fromParagraph.push({ metric: 'money', value: a.wan, scope: scopeOf(line), line, text, approx: a.approx });
        }
      }
    }
    if (!fromParagraph.some((c) => c.metric === 'problems')) append(fromParagraph, totals);
    append(
      claims,
      fromParagraph.sort((a, b) => a.line - b.line),
    );
  }
  return claims;
}
