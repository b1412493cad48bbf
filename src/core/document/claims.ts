// Claims: every figure a report states about its own rectification, one claim per figure, with its sentence.
// Redacted figures ("完成XX个") are not figures and yield no claim.

import { findAmounts } from './money.ts';
import { clauseAround, lineAt, type Paragraph } from './text.ts';
import type { Aspect, Claim, Metric } from './model.ts';
import { append } from '../append.ts';
import { readRespectively } from './respectively.ts';

interface Pattern {
  readonly metrics: readonly Metric[]; // one figure may state two things: "32个问题整改完成" is the total and the done
  readonly re: RegExp; // group 1 (or `group`) is the figure
  readonly needs?: RegExp; // the sentence must also say this
  readonly unless?: RegExp; // …and must not say this
  // `needs` may be met by the sentence before: "反馈问题32个。截至9月30日，已完成整改29个，正在整改3个。"
  readonly paragraph?: boolean;
  readonly specific?: boolean;
  readonly total?: boolean; // "32个问题整改完成" also states the total when nothing else in the paragraph does
  readonly partOnly?: boolean; // a figure this pattern reads only where its sentence names the part it is of
}

// a count as written: "306", "1.4万" (14000); "2800多" and "3420余" are at least that many
const N = '(\\d+(?:\\.\\d+)?万|\\d+)(?:多|余)?';
const CONTEXT = /反馈|整改|巡察|巡视|审计|督查|检查|存在|梳理|查摆|认领/;
/** the sentence states a total of problems: "反馈问题306个", "471个问题", "问题共8个" */
const STATED_TOTAL = /问题(?:共|共计|总计|合计)?\s*\d+\s*(?:个|项|条)|\d+\s*(?:个|项|条)(?:的)?(?:具体)?问题/;

/**
 * "其余2个问题因…已列入长期整改", "剩余3项正在推进", "其余2个按计划推进", "其余6个为需要长期整改的问题": the rest of the problems, by what is said
 * of them — not "余下的26个村庄正在创建…" or "剩余2个项目", which count other things.
 */
const THE_REST = `(?:其余|剩余|余下)(?:的)?\\s*${N}\\s*(?:个|项|条)(?:(?:问题|事项)[^。;；\\d]{0,30}?|(?=[正已仍均还将需按列纳持在为])[^。;；\\d]{0,16}?)`;

// Order matters: a figure is claimed by the first pattern that takes it.
const PATTERNS: readonly Pattern[] = [
  // what is left after the done, by what is said of it: "其余2个问题…已列入长期整改事项", "剩余3个正在推进" —
  // before "2个问题" can be taken for a total
  { metrics: ['long-term'], re: new RegExp(`${THE_REST}长期`) },
  // "尚有8个问题部分整改", "仍有3个问题正在整改": what is left, by what is said of it — not a total
  { metrics: ['phased'], re: new RegExp(`(?:尚有|还有|仍有)\\s*${N}\\s*(?:个|项)问题(?:已)?(?:部分整改|阶段性|基本)`) },
  { metrics: ['in-progress'], re: new RegExp(`(?:尚有|还有|仍有)\\s*${N}\\s*(?:个|项)问题(?:正在|仍在|持续)`) },
  { metrics: ['in-progress'], re: new RegExp(`${THE_REST}(?:正在|推进|整改中)`) },
  // "其中7个问题阶段性整改完成", "阶段性完成整改3个", "基本完成2个", "2项取得阶段性成效", "取得阶段性成果1项",
  // "部分整改到位12个": begun and partly done, not done
  {
    metrics: ['phased'],
    re: new RegExp(`${N}\\s*(?:个|项)(?:具体)?(?:问题)?(?:已)?(?:取得|完成)?(?:阶段性|基本)(?:完成|整改|到位|成效|成果|进展)`),
  },
  {
    metrics: ['phased'],
    re: new RegExp(
      `(?:阶段性(?:完成)?(?:整改)?(?:完成)?(?:并(?:持续|长期)(?:整改|坚持))?|阶段性(?:成效|成果|进展)|基本(?:完成|整改到位)|部分整改(?:到位)?)\\s*${N}\\s*(?:个|项)`,
    ),
  },
  // "32个问题整改完成": the whole and the done when the paragraph states no other total; "33个已整改到位";
  // "已完成整改29个", "完成整改28项"
  {
    metrics: ['completed'],
    total: true,
    // …not "17个问题已完成整改15个", where the done are the second figure
    re: new RegExp(`${N}\\s*个(?:具体)?问题(?:已|已经)?(?:全部)?(?:整改完成|完成整改|整改到位|整改完毕)(?!\\s*\\d)`),
  },
  { metrics: ['completed'], re: new RegExp(`${N}\\s*个(?:问题)?(?:已|已经)(?:全部)?(?:整改到位|完成整改|整改完成|办结|销号)(?!\\s*\\d)`) },
  {
    metrics: ['completed'],
    re: new RegExp(
      `(?:已(?:经)?(?:完成)?整改(?:到位|销号|完成)?(?:的)?(?:问题)?|已完成(?:整改)?|完成整改|整改完成|已销号|(?:合计|共计|累计|总计)(?:已)?完成(?:整改)?)\\s*${N}\\s*(?:个|项|条)`,
    ),
    // a sentence that states the completion rate of problems is about problems: "已完成整改17个，整改完成率70.8%"
    needs: /问题|(?<!措施|任务|节点)(?:整改)?完成率/,
    paragraph: true,
  },
  // "反馈问题306个，整改279个": 整改 with a count right after a stated total (not 需整改, 限期整改, 未整改)
  { metrics: ['completed'], re: new RegExp(`(?<![需应要待未期在续步进分])整改\\s*${N}\\s*(?:个|项)`), needs: STATED_TOTAL },
  // "1个问题正在限期整改", "有序推进整改3项"
  { metrics: ['in-progress'], re: new RegExp(`${N}\\s*(?:个|条|项)(?:问题)?(?:正在|持续)(?:限期)?(?:整改|推进)`) },
  {
    metrics: ['in-progress'],
    re: new RegExp(`(?:正在(?:限期)?整改|正在推进|持续推进|整改中|有序推进整改)\\s*${N}\\s*(?:个|项)`),
    needs: /问题/,
    paragraph: true,
  },
  // "未整改到位5个", "5个未完成", "申请延期整改问题18个"
  { metrics: ['not-done'], re: new RegExp(`延期(?:整改)?(?:的)?(?:问题)?\\s*${N}\\s*(?:个|项)`) },
  { metrics: ['not-done'], re: new RegExp(`${N}\\s*个(?:问题)?(?:尚)?未(?:完成|整改)`) },
  { metrics: ['not-done'], re: new RegExp(`(?:尚未|未)(?:完成)?(?:整改)?(?:到位)?(?:的)?\\s*${N}\\s*(?:个|项)`), needs: /整改/ },
  // "剩余的17个问题", "余下3项问题": what is left of the problems, not their number
  { metrics: ['not-done'], re: new RegExp(`(?:剩余|余下)(?:的)?\\s*${N}\\s*(?:个|项)(?:的)?问题`) },
  // "长期整改4个", "4个需长期整改"
  { metrics: ['long-term'], re: new RegExp(`(?:需)?长期(?:坚持)?整改(?:的)?(?:问题)?\\s*${N}\\s*(?:个|项)`) },
  { metrics: ['long-term'], re: new RegExp(`${N}\\s*个(?:问题)?(?:需)?(?:长期|持续)整改`) },
  // "185个问题", "33个具体问题", "应整改问题43个", "3方面32个问题", "反馈问题306个", "共发现各类问题8483个",
  // "2212个的问题"; "8个方面问题" counts aspects, not problems
  { metrics: ['problems'], re: new RegExp(`应整改问题(?:共|共计|总计|合计)?\\s*${N}\\s*个`) },
  { metrics: ['problems'], re: new RegExp(`${N}\\s*(?:个|项)具体问题`), needs: CONTEXT, specific: true },
  { metrics: ['problems'], re: new RegExp(`${N}\\s*(?:个|项)(?:的)?问题`), needs: CONTEXT },
  // "37条问题已完成33条" — but not "3条问题线索" (leads), nor what a unit found in itself ("各基层党组织存在…20条问题")
  {
    metrics: ['problems'],
    re: new RegExp(`${N}\\s*条(?:的)?问题(?!线索)`),
    needs: CONTEXT,
    unless: /存在|民主生活会|自检|自查|查摆|检查|排查|巡查|抽查|核查/,
  },
  // "巡察反馈4个方面问题26项", "反馈问题3个方面共9个": the whole, its aspects counted before it
  { metrics: ['problems'], re: new RegExp(`\\d+\\s*(?:个|大)?方面(?:的)?问题\\s*(?:共|共计)?\\s*${N}\\s*(?:个|项|条)`), needs: CONTEXT },
  { metrics: ['problems'], re: new RegExp(`问题\\s*\\d+\\s*(?:个|大)?方面\\s*(?:共|共计|合计)\\s*${N}\\s*(?:个|项|条)`), needs: CONTEXT },
  // a part's count, named before it: "立行立改问题9个", "镇党委问题21个", "立行立改的12个"
  { metrics: ['problems'], re: new RegExp(`问题\\s*${N}\\s*(?:个|项|条)(?!线索)`), partOnly: true },
  { metrics: ['problems'], re: new RegExp(`(?:立行立改|限期整改|长期坚持|长期整改)(?:类|的)?\\s*${N}\\s*(?:个|项|条)`), partOnly: true },
  // …but not what a meeting or a check of sites found ("检查各类工地1500余次，发现问题146个"), nor "4个大方面";
  // "反馈我村问题5个", "交办本单位问题12项": the unit named between
  {
    metrics: ['problems'],
    re: new RegExp(
      // (not "三个方面分别反馈问题6个、5个、4个": the first of a list of parts)
      `(?<!分别)(?:反馈|发现|查出|交办|反映|涉及|指出)(?:给?(?:我|本)[\\u4e00-\\u9fff]{1,3}?)?(?:的)?(?:各类|具体)?问题(?:共|共计|总计|合计)?(?:有|为)?\\s*${N}\\s*(?:个|项|条)(?!大?方面|大项|大类|、)`,
    ),
    unless: /民主生活会|自检|自查|查摆|检查|排查|巡查|抽查|核查/,
  },
  // "巡察组反馈我村问题共8个": a total said as such, whoever is named between
  {
    metrics: ['problems'],
    re: new RegExp(`问题(?:共|共计|总计|合计)(?:有|为)?\\s*${N}\\s*(?:个|项|条)(?!大?方面|大项|大类)`),
    needs: CONTEXT,
    unless: /民主生活会|自检|自查|查摆|检查|排查|巡查|抽查|核查/,
  },
  // "整改完成率74.05%", "整改率97%" — only where the sentence counts problems: "完成查处整改率为95.69%" of
  // forest cases is not the report's rate
  {
    metrics: ['completion-rate'],
    // …not "措施完成率93.3%", a rate of measures, nor "资金整改率87.8%" / "金额整改率", a rate of money
    re: /(?<!措施|任务|节点|资金|金额)(?:整改完成率|问题整改率|整改率|销号率|完成率)\s*(?:为|达|达到)?\s*(\d+(?:\.\d+)?)\s*%/,
    // …or says how many of them were done: "对审计调查发现的问题，…已整改4个，整改率100%"
    needs: /问题(?:共|共计|总计|合计)?\s*\d+|\d+\s*(?:个|项|条)(?:的)?(?:具体)?问题|整改完成率|问题[^。]*已整改(?:到位)?\s*\d+\s*个/,
    paragraph: true,
  },
  // "已整改销号问题453个，占整改问题总数的96.18%"
  {
    metrics: ['completion-rate'],
    re: /占(?:整改|全部)?问题总数的\s*(\d+(?:\.\d+)?)\s*%/,
    needs: /已(?:经)?(?:完成)?整改|销号|已完成/,
  },
  // "制定了51项具体措施", "12项整改措施", "制定整改措施68条"; tasks the problems are broken into count alike:
  // "分解整改任务106个", "分解为23项具体的整改任务"; "明确主要任务8项、具体任务42项" — tasks, never problems
  { metrics: ['measures'], re: new RegExp(`(?:整改|主要)任务\\s*${N}\\s*(?:个|项|条)`), needs: /分解|梳理|制定|细化|明确|形成|确定/ },
  {
    metrics: ['measures'],
    re: new RegExp(`具体任务\\s*${N}\\s*(?:个|项|条)`),
    needs: /分解|梳理|制定|细化|明确|形成|确定/,
    specific: true,
  },
  {
    metrics: ['measures'],
    re: new RegExp(`${N}\\s*(?:个|项|条)(?:具体的?)?(?:整改)?任务`),
    needs: /分解|梳理|制定|细化|明确|形成|确定/,
  },
  { metrics: ['measures'], re: new RegExp(`${N}\\s*(?:项|条)(?:具体|整改)?(?:整改)?(?:措施|举措)`) },
  { metrics: ['measures'], re: new RegExp(`(?:整改)?(?:措施|举措)\\s*${N}\\s*(?:项|条)`), needs: /制定|提出|梳理|细化|形成|明确/ },
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
    unless: /归集|汇编/, // policies gathered into a compilation were made by others
  },
  // "追责问责11人", "D纪政务处分13人", "问责3人", "党政纪处理24人", "追责问责1.4万人", "对3420余名相关责任人作出处理"
  // "问责干部27人", "批评教育6人", "给予1人党内警告处分"
  {
    metrics: ['accountable'],
    re: new RegExp(`(?:追责问责|问责|处分|处理|诫勉(?:谈话)?|追究责任)(?:党员干部|干部|相关责任人|责任人|人员)?\\s*${N}\\s*(?:人|名)`),
  },
  // …but "开展提醒谈话21人次" counts talks, not people called to account
  { metrics: ['accountable'], re: new RegExp(`(?:批评教育|提醒谈话)\\s*${N}\\s*(?:人|名)(?!次)`) },
  { metrics: ['accountable'], re: new RegExp(`给予\\s*${N}\\s*(?:人|名)[^，,。；;]{0,10}?处分`) },
  { metrics: ['accountable'], re: new RegExp(`${N}\\s*(?:人|名)(?:被)?(?:追责|问责|处分|诫勉)`) },
  {
    metrics: ['accountable'],
    re: new RegExp(`对\\s*${N}\\s*(?:人|名)[^，。；]{0,12}?(?:作出|给予|进行)(?:了)?(?:追责|问责|处理|处分|提醒谈话|批评教育|诫勉)`),
  },
  // "召开17次党组会议", "专题会议4次"
  { metrics: ['meetings'], re: new RegExp(`召开(?:了)?[^，。；]{0,8}?${N}\\s*次[^，。；]{0,12}?会`) },
  { metrics: ['meetings'], re: new RegExp(`(?:会议|会)\\s*${N}\\s*次`), needs: /召开|开展|举行/ },
  // "共召开党委会专题研究整改工作3次", "先后6次专题研究部署"
  { metrics: ['meetings'], re: new RegExp(`(?:召开|举行)[^，。；]{0,4}?(?:会议|会)[^，。；\\d]{0,12}?${N}\\s*次`) },
  { metrics: ['meetings'], re: new RegExp(`先后\\s*${N}\\s*次(?:专题)?(?:研究|召开|部署)`) },
];

/**
 * A word every sentence that states the metric has: a sentence without it skips the metric's patterns (a long
 * report has tens of thousands of sentences, most of them without a single figure).
 */
const CUE: Record<Metric, RegExp> = {
  problems: /问题/,
  completed: /整改|完成|销号|办结/,
  phased: /阶段性|基本|部分整改/,
  'in-progress': /正在|持续|推进|整改中/,
  'not-done': /未|延期|剩余|余下/,
  'long-term': /长期|持续/,
  'completion-rate': /%/,
  measures: /措施|举措|任务/,
  institutions: /制度|办法|规定|机制|规章/,
  accountable: /人|名/,
  meetings: /次/,
  money: /元/,
};
/** the patterns, each with its global form made once */
const COMPILED = PATTERNS.map((p) => ({ ...p, global: new RegExp(p.re.source, 'g') }));
/**
 * Every pattern's figure is a count followed by its unit (个, 项, 人, 次, %…): a sentence with no such pair — a date,
 * an amount of money, a clause number — skips them all. Most sentences with a digit in a long report are of that kind.
 */
const COUNTED = /\d(?:\.\d+)?万?(?:多|余)?\s*[个项条人名次份件篇%]/;

/** An amount that was found or is due, not one recovered or paid: "应整改问题金额…", "涉及问题金额…" */
const MONEY_DUE = /应整改|应上缴|应追回|应收回|应退回|涉及问题金额|查出问题金额|^[^已]*问题金额/;
/** What was done with money: "已整改金额2.41亿元", "已收回资金120万元", "已整改3.18亿元" */
const MONEY_DONE = /已(?:整改|收回|追回|上缴|缴入|退回|归还|拨付)(?:到位)?(?:的)?(?:问题)?(?:资金|金额)?\s*\d[\d.]*\s*(?:万|亿)?元/;

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

/**
 * "聚焦群众身边腐败问题和不正之风方面问题12个", "其中党的建设方面3个、全面从严治党方面2个": a count for the aspect the
 * clause names (only where it names one of the report's aspects). Without the word 问题 the count must end its clause:
 * "党的建设方面5个问题已完成整改" says what is done, not how many there are.
 */
// "…方面问题3个", "…方面3个", and in a heading "…方面（共4个问题）"
const ASPECT_COUNT =
  /([^，,。；:：]{4,80}?)方面(?:的?问题\s*(\d+)\s*(?:个|项|条)|\s*(\d+)\s*(?:个|项|条)(?:问题)?(?=[、，,。；;）)]|$)|\s*[（(]\s*(?:共|计)?\s*(\d+)\s*(?:个|项|条)(?:问题)?\s*[)）])/g;

const bigrams = (t: string) => new Set(Array.from({ length: Math.max(t.length - 1, 0) }, (_, i) => t.slice(i, i + 2)));
/** The aspect whose title shares most of the clause's words (Dice over character pairs), when one clearly does. */
function aspectNamed(clause: string, aspects: readonly Aspect[]): Aspect | null {
  const c = bigrams(clause.replace(/^(?:其中|巡察反馈的|共有)/, ''));
  let best: { a: Aspect; score: number } | null = null;
  for (const a of aspects) {
    const t = bigrams(a.title);
    const shared = [...c].filter((b) => t.has(b)).length;
    const score = (2 * shared) / (c.size + t.size || 1);
    if (!best || score > best.score) best = { a, score };
  }
  return best && best.score >= 0.35 ? best.a : null;
}

/** "1.4万" → 14000 */
const countValue = (fig: string): number => (fig.endsWith('万') ? Math.round(Number(fig.slice(0, -1)) * 10000) : Number(fig));

/** Words that make a figure a part's: a triage class, a level below the unit ("村级党组织存在的问题共计84个"). */
// …not the status's own words: "阶段性完成并持续整改4个" is phased, of the whole
const PART_WORD = /立行立改|限期整改|长期整改|(?<!并)长期坚持|分阶段|(?<!并)持续整改|村级|镇级|乡级|村\(社区\)/;
/** A sentence that gives an example: "如，海口市政府2020年共召开2次常务会议" — one city's meetings, not the report's. */
const EXAMPLE = /^\s*(?:(?:例如|比如)[，,:：]?|如[，,:：])\s*/; // not "如期完成…"

/** "其中，江苏省的常委会…分解为23项整改任务": one of the places the sentence before named */
const AMONG_THEM = /^\s*其中[，,]\s*([^，,。；\d]{2,8}?(?:省|市|县|区|镇|乡|村|局|厅|委|部))(?=的|[^，,。；]*?\d)/;
/** "其中，社区层面问题12个，已完成整改10个": a part named before its figures — unless it is a status ("其中，已完成25个") */
// …and "按领域分，党的建设方面问题54个": a list of parts opened by the way it divides the whole
const AMONG_SUBJECT = /^\s*(?:其中|按[^，,。；\d]{1,6}分)[，,:：]?\s*([^，,。；\d]{2,16}?)\s*(?:共|有)?\s*\d/;
const LISTED_SUBJECT = /^\s*(?:(?:其中|按[^，,。；\d]{1,6}分)[，,:：]?)?\s*([^，,。；\d]{2,16}?)\s*(?:共|有)?\s*\d/;
/** a part's name as its subject says it: "党的建设方面问题已完成整改" → "党的建设方面", "机关的问题" → "机关" */
const partName = (subject: string) => subject.replace(/(?:的?问题)?(?:已经?)?(?:完成|整改|到位|完毕)*$/, '').replace(/的$/, '');
/** a sentence that opens a list of parts and runs on after a semicolon */
const OPENS_AMONG = /(?:^|[,，])\s*(?:其中|按[^，,。；\d]{1,6}分)[^;；。]*[;；]\s*$/;
const STATUS_WORDS = /^(已|完成|正在|尚|未|整改|基本|阶段性|有|共|目前|截至|截止)/;
/** "限期整改问题28个，已完成24个，完成率85.7%" — a sentence that opens with a part word is about that part */
const OPENS_WITH_PART = /^\s*(?:其中[，,]?\s*)?(立行立改|限期整改|分阶段|持续整改|村级|镇级|乡级|社区层面|村\(社区\))/;
/** "52项任务已完成48项，完成率92.3%", "63个工作节点已完成58个": counts of tasks, not of problems */
const OF_TASKS = /^\s*(?:其中[，,]?\s*)?(?:\d+\s*(?:项|个|条)\s*)?(?:整改|具体|主要)?(?:任务|工作节点|节点)/;
/** "（一）党的领导弱化方面问题15个，已完成13个。" — figures in an aspect's own heading */
const HEADING_ASPECT = /^\s*[（(]?[一二三四五六七八九十]{1,3}[）)、]\s*([^，,。；\d]{2,40}?方面)/;
/** "28个省市税务部门已将…331.89亿元…", "5个地区已收回…7.53亿元": some of the places, not all */
const SOME_PLACES = /\d+\s*个(?:省份|省市|省区|地区|市县|地方)/;

/**
 * A clause whose subject is a unit below the report's own: "镇党委问题已完成整改19个", "各镇(街道)共同步整改问题
 * 138个", "共反馈镇党委问题21个", "各村(社区)对照巡察反馈问题开展自查" — never the inspection's or the audit's
 * ("市委巡察组反馈的…问题").
 */
const UNIT_SUBJECT =
  /^\s*(?:共|其中[,，:：]?)?\s*(?:反馈|共反馈)?\s*(各?[^,，。;；、:：\d]{0,10}?(?:党委|党组|党支部|党工委|党组织|单位|层面|乡镇|镇|村|社区|街道|部门))\s*(?:\([^)]{1,6}\))?\s*(?:对照[^,，。;；\d]{0,10}?)?\s*(?:共|共计)?\s*(?:反馈|发现|查出|查找|同步整改|整改|存在)?(?:的)?问题/;
/** "整改任务已完成…": a clause about tasks */
const TASK_SUBJECT = /^\s*(?:整改|具体|主要)?(?:任务|工作节点|节点)/;
/**
 * "4条正在整改中": a status where a noun would be, so no subject — but 整改措施 and 整改任务 are things counted:
 * "98条整改措施已落实到位86条，其余12条正在推进" is about measures, the 12 too
 */
const STATUS_NOUN = /^(?:正在|已|尚|未|基本|阶段|部分|全部|均|整改(?!措施|任务|举措)|完成|持续|按).*$/;
/**
 * "63个工作节点已完成58个", "9项市级挂牌项目已完成5项", "市本级承担的19项任务已完成16项": a clause about what it
 * counts, problems or other things
 */
const COUNTED_SUBJECT =
  /^\s*(?:其中[,，]?)?(?:[^\d,，;；。]{1,12}?(?:承担|负责|牵头)的)?\d+\s*(?:项|个|条|件)\s*(?:的)?([^\d,，;；。]{1,10}?)(?=已|均|全部|中|完成|正在)/;
/** a clause about the whole again: "21个问题已整改完成19个", "合计完成79个" */
const WHOLE_SUBJECT = /合计|总计|共计|总体|^\s*\d+\s*(?:个|项|条)(?:具体)?问题|巡察组|巡视组/;
const NOT_A_UNIT = /巡察|巡视|审计|组$/;
/** a level of government below the report's, whose problems are a part of its own */
const LEVEL_WORD = /村级|镇级|乡级|村\(社区\)/;

const OF_PROBLEMS: ReadonlySet<Metric> = new Set(['problems', 'completed', 'phased', 'in-progress', 'not-done', 'completion-rate']);

/**
 * The subject a clause names, carried on through the clauses after it that name none: "各镇(街道)共同步整改问题138个，
 * 已完成132个" — the 132 are the towns'; "63个工作节点已完成58个，21个问题已整改完成19个，其余2个按计划推进" — the 58
 * are nodes, the 2 problems. A sentence that names two units ("镇党委问题…19个，村级党组织问题…60个，合计完成79个")
 * has each clause's own subject and a 合计 that is the whole's.
 */
function clauseSubject(sentence: string, at: number): string | null {
  if (subjects?.sentence !== sentence) subjects = { sentence, ...clauseSubjects(sentence) };
  // the clause the figure is in: the first whose end is not before it
  let lo = 0;
  let hi = subjects.ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((subjects.ends[mid] as number) < at) lo = mid + 1;
    else hi = mid;
  }
  return subjects.subject[lo] ?? null;
}

/** The subject each clause of a sentence has, its own or carried on: read once per sentence, not once per figure. */
function clauseSubjects(sentence: string): { ends: number[]; subject: (string | null)[] } {
  const ends: number[] = [];
  const subject: (string | null)[] = [];
  let current: string | null = null;
  const separator = /[,，;；]/g;
  separator.lastIndex = /^\s*截[至止][^,，]{0,20}[,，]/.exec(sentence)?.[0].length ?? 0;
  for (let start = separator.lastIndex; start <= sentence.length; ) {
    const m = separator.exec(sentence);
    const end = m ? m.index : sentence.length;
    const clause = sentence.slice(start, end);
    const unit = UNIT_SUBJECT.exec(clause);
    const counted = COUNTED_SUBJECT.exec(clause)?.[1]?.replace(STATUS_NOUN, '');
    // "…，其中机关问题20个，已整改18个": a part named after 其中 in the middle of a sentence
    const among = AMONG_SUBJECT.exec(clause)?.[1];
    // "涉及镇级问题26项，已完成23项": a count of a level's problems makes that level what the clauses after it count
    const level = STATED_TOTAL.test(clause) ? LEVEL_WORD.exec(clause)?.[0] : undefined;
    if (level) current = level;
    else if (unit && !NOT_A_UNIT.test(unit[1] as string)) current = unit[1] as string;
    else if (among && !STATUS_WORDS.test(among)) current = partName(among) || '其中';
    else if (counted) current = /问题$/.test(counted) ? null : /任务|节点/.test(counted) ? '整改任务' : counted;
    else if (TASK_SUBJECT.test(clause)) current = '整改任务';
    else if (WHOLE_SUBJECT.test(clause)) current = null;
    ends.push(end);
    subject.push(current);
    if (!m) break;
    start = end + 1;
  }
  return { ends, subject };
}
/** the last sentence's clause subjects: each figure of a sentence asks in turn */
let subjects: { sentence: string; ends: number[]; subject: (string | null)[] } | null = null;

/**
 * The part of the whole a figure at `at` in the sentence is about, or null for the whole: the subject of an example
 * sentence ("如，海口市政府…") or of "其中，江苏省…" / "其中，社区层面问题12个…"; a part word opening the sentence
 * ("限期整改问题28个…"); tasks rather than problems ("52项任务已完成48项"); a part word after "其中" (to the
 * sentence's end: "其中立行立改类问题根本整改到位，整改率96.19%"); a part word or "N个省市" earlier in the figure's own
 * clause ("在要求立行立改的2186项问题中").
 */
function partAt(sentence: string, at: number, metric: Metric, continued = false): string | null {
  const example = EXAMPLE.exec(sentence);
  if (example) {
    const subject = /^([^，,。；\d]{2,12}?)(?=\d|共|召开|在|针对|对|将|已|通过|先后)/.exec(sentence.slice(example[0].length));
    return subject?.[1] ?? '举例';
  }
  const among = AMONG_THEM.exec(sentence);
  if (among) return among[1] as string;
  // "其中，预算执行审计查出问题42个…；经济责任审计查出问题90个…": the list after 其中 runs on past the semicolon
  const subject = (continued ? LISTED_SUBJECT : AMONG_SUBJECT).exec(sentence);
  if (subject && !STATUS_WORDS.test(subject[1] as string)) return partName(subject[1] as string) || '其中';
  // "长期整改4个" is a status of the whole, not a part — unless its clause is about tasks or a unit below
  if (metric === 'long-term') return clauseSubject(sentence, at);
  // "应整改问题金额5000万元，已整改4390万元，整改率87.8%": a rate right after amounts is the money's
  if (metric === 'completion-rate') {
    const upTo = sentence.slice(0, at);
    const last = /(?:万元|亿元|元|个|项|条|件|人)[^\d]*$/.exec(upTo.slice(Math.max(upTo.lastIndexOf('；'), upTo.lastIndexOf(';')) + 1));
    if (last && /^(?:万元|亿元|元)/.test(last[0])) return '金额';
  }
  const opens = OPENS_WITH_PART.exec(sentence);
  if (opens) return opens[1] as string;
  if (metric !== 'measures' && OF_TASKS.test(sentence)) return '整改任务';
  const before = sentence.slice(0, at);
  // the nearest name first: "其中立行立改的12个、限期整改的20个" — each figure its own
  const item = before.slice(
    Math.max(before.lastIndexOf('、'), before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('；')) + 1,
  );
  const itemPart = PART_WORD.exec(item);
  if (itemPart) return itemPart[0];
  const amongAt = before.lastIndexOf('其中');
  const afterAmong = amongAt >= 0 ? PART_WORD.exec(before.slice(amongAt, amongAt + 12)) : null;
  if (afterAmong) return afterAmong[0];
  const clause = before.slice(Math.max(before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('；')) + 1);
  const named = PART_WORD.exec(clause)?.[0] ?? SOME_PLACES.exec(clause)?.[0] ?? null;
  // a subject carried from an earlier clause is what the counts of problems are of; money and rules are the unit's
  return named ?? (OF_PROBLEMS.has(metric) ? clauseSubject(sentence, at) : null);
}

/**
 * Kinds of accountability listed one after another ("党政纪处理24人，诫勉谈话5人，组织处理10人") with no total are
 * parts, each named by its kind; a total among them ("追责问责30人") stays the whole.
 */
function accountabilityParts(claims: Claim[], sentence: string, at: ReadonlyMap<Claim, number>): Claim[] {
  const people = claims.filter((c) => c.metric === 'accountable' && c.scope === null);
  if (people.length < 2) return claims;
  // named by the words before the figure ("诫勉谈话2人"), or after it where those only lead up to it ("对3名党员干部
  // 进行了提醒谈话", "给予1人党内警告处分")
  const kindOf = (c: Claim) => {
    const figure = at.get(c) ?? 0;
    const before = (
      sentence
        .slice(0, figure)
        .split(/[，,、；;]/)
        .pop() ?? ''
    ).slice(-6);
    if (!/^(?:.*[，,])?(?:对|给予)$/.test(before)) return before;
    const after = /^[\d.万]+(?:多|余)?\s*(?:人|名)([^，,。；;]*)/.exec(sentence.slice(figure))?.[1] ?? '';
    return after.replace(/^.*(?:进行了?|作出了?|给予了?|予以)/, '').slice(-6);
  };
  // "问责47人，其中党纪政务处分12人": the figure the others are said to be among is the whole
  const heads = (c: Claim) => /^[\d.万]+(?:多|余)?\s*(?:人|名)[,，]?\s*其中/.test(sentence.slice(at.get(c) ?? 0));
  const isTotal = (c: Claim) => /共|合计|累计|追责问责/.test(kindOf(c)) || heads(c);
  return claims.map((c) => (people.includes(c) && !isTotal(c) ? { ...c, scope: kindOf(c) || '其他', part: true } : c));
}

/** "问题共25个，已全部完成整改": the done are all of the count stated before, though no figure says so */
const ALL_DONE = /(?:均已|全部)(?:完成整改|整改完成|整改到位|整改完毕|完成|办结|销号)/;

/**
 * The done claim "已全部完成" makes of the last count of problems before it in the sentence, with that count's scope —
 * none where the sentence states a figure done ("17个问题已完成整改15个") or the phrase does not follow a count
 * directly (a figure between them is what it is about).
 */
function doneAll(claims: readonly Claim[], at: ReadonlyMap<Claim, number>, phrase: number): Claim[] {
  if (claims.some((c) => c.metric === 'completed')) return [];
  const before = claims.filter((c) => (at.get(c) ?? phrase) < phrase);
  const last = before[before.length - 1];
  if (last?.metric !== 'problems') return [];
  const { specific: _specific, ...count } = last;
  return [{ ...count, metric: 'completed' }];
}

export function readClaims(paras: readonly Paragraph[], aspects: readonly Aspect[]): Claim[] {
  const claims: Claim[] = [];
  const scopeOf = (line: number): string | null => aspects.find((a) => line >= a.line && line <= a.lastLine)?.title ?? null;
  for (const p of paras) {
    const fromParagraph: Claim[] = [];
    const totals: Claim[] = [];
    let before = ''; // the sentence before
    // a total of problems stated earlier in the paragraph, for the statuses said of them in a later sentence:
    // "巡察组共反馈问题15个。乡党委逐条明确责任人。截至11月15日，已整改到位12个…"
    let totalStated = false;
    let continued = false; // the sentence runs on a list of parts opened by "其中" in the one before
    for (const s of sentences(p)) {
      const folded = p.folded.slice(s.start, s.end);
      const previous = before;
      before = folded;
      totalStated = totalStated || STATED_TOTAL.test(previous);
      const listed = continued;
      continued = (continued || OPENS_AMONG.test(folded)) && /[;；]\s*$/.test(folded);
      if (!/\d/.test(folded)) continue; // no figure, no claim: most sentences
      const text = p.text.slice(s.start, s.end).trim();
      const fromSentence: Claim[] = [];
      const figureAt = new Map<Claim, number>();
      const taken: [number, number][] = [];
      const free = (a: number, b: number) => taken.every(([x, y]) => b <= x || a >= y);
      const located = (metric: Metric, at: number, claim: Claim): Claim => {
        const part = partAt(folded, at, metric, listed);
        if (part) return { ...claim, scope: part, part: true };
        // an aspect heading the reader did not take for an aspect (nothing numbered under it) still scopes its figures
        const heading = claim.scope === null ? HEADING_ASPECT.exec(folded) : null;
        return heading ? { ...claim, scope: heading[1] as string, part: true } : claim;
      };
      for (const m of /方面的?问题|方面\s*\d|方面\s*[（(]\s*(?:共|计)?\s*\d/.test(folded) ? folded.matchAll(ASPECT_COUNT) : []) {
        const aspect = aspectNamed(m[1] as string, aspects);
        if (!aspect) continue;
        const fig = (m[2] ?? m[3] ?? m[4]) as string;
        const figAt = (m.index ?? 0) + m[0].lastIndexOf(fig);
        taken.push([figAt, figAt + fig.length]);
        const line = lineAt(p, s.start + figAt);
        fromSentence.push({ metric: 'problems', value: Number(fig), scope: aspect.title, line, text });
      }
      for (const x of folded.includes('分别') ? readRespectively(folded, previous) : []) {
        if (!free(x.at, x.at + x.length)) continue;
        taken.push([x.at, x.at + x.length]);
        const line = lineAt(p, s.start + x.at);
        const stated = { metric: x.metric, value: x.value, line, text, ...(x.decimals !== undefined ? { decimals: x.decimals } : {}) };
        const claim = x.scope ? { ...stated, scope: x.scope, part: true } : located(x.metric, x.at, { ...stated, scope: scopeOf(line) });
        fromSentence.push(claim);
        figureAt.set(claim, x.at);
      }
      const cued = new Map<Metric, boolean>();
      const cue = (m: Metric) => cued.get(m) ?? (cued.set(m, CUE[m].test(folded)).get(m) as boolean);
      for (const pat of COUNTED.test(folded) ? COMPILED : []) {
        const needed = !pat.needs || pat.needs.test(folded) || (pat.paragraph === true && totalStated);
        if (!needed || !pat.metrics.every(cue) || pat.unless?.test(folded)) continue;
        for (const m of folded.matchAll(pat.global)) {
          const fig = m[1] as string;
          const figAt = (m.index ?? 0) + m[0].indexOf(fig);
          if (!free(figAt, figAt + fig.length)) continue;
          const line = lineAt(p, s.start + figAt);
          if (pat.partOnly && !located(pat.metrics[0] as Metric, figAt, { metric: 'problems', value: 0, scope: null, line, text }).part)
            continue;
          taken.push([figAt, figAt + fig.length]);
          const approx = /[多余]/.test(folded[figAt + fig.length] ?? '') ? { approx: true } : {};
          for (const metric of pat.metrics) {
            const claim = located(metric, figAt, { metric, value: countValue(fig), scope: scopeOf(line), line, text, ...approx });
            const stated =
              metric === 'completion-rate'
                ? { ...claim, decimals: (fig.split('.')[1] ?? '').length }
                : pat.specific
                  ? { ...claim, specific: true }
                  : claim;
            fromSentence.push(stated);
            figureAt.set(stated, figAt);
            if (pat.total) totals.push({ ...claim, metric: 'problems' });
          }
        }
      }
      if (MONEY_CONTEXT.test(folded)) {
        const amounts = findAmounts(folded);
        // what was done with the money is said in this paragraph: an amount due beside it is not an outcome
        const doneSaid = amounts.length > 1 || MONEY_DONE.test(p.folded);
        for (const a of amounts) {
          // "应整改问题金额3.62亿元，已整改金额3.18亿元" (or in the sentence after): what was due is not an outcome;
          // nor "应整改问题12个，涉及金额1.20亿元"
          const clause = clauseAround(folded, a.index, ['，', ',', '；', ';']);
          if (doneSaid && (MONEY_DUE.test(clause) || (/^\s*涉及(?:问题)?金额/.test(clause) && /应整改/.test(folded)))) continue;
          const line = lineAt(p, s.start + a.index);
          fromSentence.push(
            located('money', a.index, { metric: 'money', value: a.wan, scope: scopeOf(line), line, text, approx: a.approx }),
          );
        }
      }
      const allDone = ALL_DONE.exec(folded);
      if (allDone) append(fromSentence, doneAll(fromSentence, figureAt, allDone.index));
      append(fromParagraph, accountabilityParts(fromSentence, folded, figureAt));
    }
    if (!fromParagraph.some((c) => c.metric === 'problems')) append(fromParagraph, totals);
    append(
      claims,
      fromParagraph.sort((a, b) => a.line - b.line),
    );
  }
  return claims;
}
