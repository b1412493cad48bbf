// A self-evaluation as the web leaves it when the tables are gone: the figures stated in running text ("收入:792.22
// 万元", "部门预算总金额803.74万元其中:基本支出757.49万元"), a 自评表 flattened onto one line with spaces between
// the cells, its indicator rows run together ("数量指标足额保障率=100% 22.5"), and a form laid out one cell per line
// ("人员编制" / "21"). Read only where the tab-separated tables gave nothing, so a proper table always wins.

import { cellDecimal, cellNumber } from './performance.ts';
import { decimalOf } from '../money.ts';
import type { Indicator, PerformanceBlock } from './model.ts';
import type { SourceText } from './text.ts';

type Block = { -readonly [K in keyof PerformanceBlock]: PerformanceBlock[K] };

const LEVEL1 = /^(产出|效益|满意度|成本)指标(?:\(\d+(?:\.\d+)?分\))?$/;
const LEVEL2 = /^(数量|质量|时效|成本|经济|社会|生态|可持续影响|社会效益|经济效益|生态效益|服务对象满意度|满意度)指标$/;
const isNumber = (t: string | undefined) => t !== undefined && cellNumber(t) !== null;

/**
 * A flattened 自评表: the cells after the header "三级指标 年度指标值 实际完成值 分值 得分" as one run of tokens. A
 * row ends with two figures (分值, 得分); the three cells before them are the indicator, its target and what was
 * achieved; level cells before those carry down. A row cut off by the end of the text is not read.
 */
function flatIndicators(tokens: readonly string[], line: number, lines?: readonly number[]): Indicator[] {
  const out: Indicator[] = [];
  let level1 = '';
  let level2 = '';
  let start = 0;
  for (let i = 3; i + 1 < tokens.length; i++) {
    if (!isNumber(tokens[i]) || !isNumber(tokens[i + 1]) || isNumber(tokens[i + 2])) continue;
    for (const t of tokens.slice(start, i - 3)) {
      if (LEVEL1.test(t)) level1 = t;
      else if (LEVEL2.test(t)) level2 = t;
    }
    out.push({
      level1,
      level2,
      level3: tokens[i - 3] as string,
      target: tokens[i - 2] as string,
      actual: tokens[i - 1] as string,
      weight: cellNumber(tokens[i]),
      score: cellNumber(tokens[i + 1]),
      deviation: null,
      line: lines?.[i - 3] ?? line,
    });
    start = i + 2;
    i++;
  }
  return out;
}

/**
 * "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 … 合计100": rows with a target and one figure. Which
 * column that figure was is lost with the table (four rows of 22.5 under a 合计 of 100 are scores out of 25, or
 * weights that do not add up): it is kept as the score, the 合计 as the total weight, and nothing is compared.
 */
function compactIndicators(text: string, line: number): { indicators: Indicator[]; total: number | null } {
  const indicators: Indicator[] = [];
  let level1 = '';
  let level2 = '';
  const row =
    /((?:(?:产出|效益|满意度|成本)指标)?)((?:[^\s\d=≤≥<>]{1,6}指标)?)([^\s=≤≥<>]+?(?:\([^)]*\))?)\s*([=≤≥<>][^\s]+)\s+(\d+(?:\.\d+)?)(?=\s|$)/g;
  for (const m of text.matchAll(row)) {
    if (m[1]) level1 = m[1];
    if (m[2]) level2 = m[2];
    const score = Number(m[5]);
    indicators.push({
      level1,
      level2,
      level3: m[3] as string,
      target: m[4] as string,
      actual: '',
      weight: null,
      score,
      deviation: null,
      line,
    });
  }
  const total = /合计\s*(\d+(?:\.\d+)?)/.exec(text);
  return { indicators, total: total ? Number(total[1]) : null };
}

/** Amounts stated in sentences: 收入, 支出 and its parts, the budget and its parts. */
const STATED =
  /(收入|支出|预算总金额|预算总额|资金预算|预算数|基本支出|项目支出|人员经费(?:支出)?|公用经费(?:支出)?)\s*[:：为]?\s*(\d+(?:\.\d+)?)\s*万元/g;

/**
 * The budget as a sentence states it: "年初预算数300万元，全年预算数320万元，全年执行数318.5万元，执行率99.53%" —
 * each figure by its own name, so 全年预算数 is not taken for 年初预算数.
 */
const BUDGET_FIGURE = {
  initial: /年初预算(?:数|金额)?\s*(?:[:：为是])?\s*(\d+(?:\.\d+)?)\s*万元/,
  adjusted: /(?:全年预算|调整后预算)(?:数|金额)?\s*(?:[:：为是])?\s*(\d+(?:\.\d+)?)\s*万元/,
  executed: /(?:全年执行|实际执行|执行)(?:数|金额)\s*(?:[:：为是])?\s*(\d+(?:\.\d+)?)\s*万元/,
  rate: /执行率\s*(?:[:：为是]|达到?)?\s*(\d+(?:\.\d+)?)\s*%/,
};

function statedBudget(block: Block, folded: string, line: number): void {
  if (!/预算|执行/.test(folded)) return;
  const figure = (re: RegExp) => {
    const m = re.exec(folded);
    return m ? decimalOf(m[1] as string) : null;
  };
  const initial = figure(BUDGET_FIGURE.initial);
  const adjusted = figure(BUDGET_FIGURE.adjusted);
  const executed = figure(BUDGET_FIGURE.executed);
  const rate = figure(BUDGET_FIGURE.rate);
  if (block.budget) {
    // one figure a line ("年初预算数：456.00万元" / "全年预算数：480.00万元" / "全年执行数：468.30万元" / "执行率：97.56%"):
    // each fills what the lines before left open, never what they stated
    const b = block.budget;
    block.budget = {
      ...b,
      initial: b.initial ?? initial,
      ...(b.adjusted === undefined || b.adjusted === null ? (adjusted !== null ? { adjusted } : {}) : {}),
      executed: b.executed ?? executed,
      rate: b.rate ?? (rate === null ? null : Number(rate)),
    };
    return;
  }
  if (initial === null && adjusted === null) return;
  if (adjusted === null && executed === null) return; // "年初预算数N万元" alone: the statements below read it
  block.budget = {
    initial,
    ...(adjusted !== null ? { adjusted } : {}),
    executed,
    rate: rate === null ? null : Number(rate),
    weight: null,
    score: null,
    line,
  };
}

/** "经自评，本单位整体支出绩效自评得分92.5分" */
const SELF_SCORE = /(?:自评|综合|总)得分\s*(?:[:：为是])?\s*(\d+(?:\.\d+)?)\s*分/;

function statedAmounts(block: Block, folded: string, line: number): void {
  for (const m of folded.matchAll(STATED)) {
    const label = m[1] as string;
    const amount = decimalOf(m[2] as string) as string;
    if (label === '收入') block.income ??= { amount, line };
    else if (label === '支出') block.budget ??= { initial: null, executed: amount, rate: null, weight: null, score: null, line };
    else if (/预算/.test(label)) block.budget ??= { initial: amount, executed: null, rate: null, weight: null, score: null, line };
    else if (block.budget) block.spending.push({ type: label.replace(/支出$/, '') || label, amount, line });
  }
}

/**
 * The 年度资金总额 row's figures in the 自评表's order: 年初预算数, (全年预算数,) 全年执行数, 分值, 执行率, 得分 —
 * six where the table has 全年预算数, five where it has not.
 */
function budgetRow(v: readonly (string | undefined)[], line: number): NonNullable<Block['budget']> {
  const six = v.length >= 6;
  const at = (i: number) => v[six ? i : i - 1];
  return {
    initial: cellDecimal(v[0]),
    ...(six ? { adjusted: cellDecimal(v[1]) } : {}),
    executed: cellDecimal(at(2)),
    weight: cellNumber(at(3)),
    rate: cellNumber(at(4)),
    score: cellNumber(at(5)),
    line,
  };
}

/** A form laid out one cell per line: a label on one line, its figure on the next non-blank one. */
function nextFigure(src: SourceText, n: number, to: number): { value: number; line: number } | null {
  for (let k = n + 1; k <= Math.min(to, n + 3); k++) {
    const t = (src.folded[k - 1] as string).trim();
    if (t === '') continue;
    const v = cellNumber(t);
    return v === null ? null : { value: v, line: k };
  }
  return null;
}

/**
 * A 自评表 laid out one cell per line ("三级指标" / "年度指标值" / … / "产出指标" / "数量指标" / "培训人次" / "≥300" /
 * "320" / "10" / "10"): the cells after the header, up to 合计, read as the flattened table is. Blank cells are lost
 * with the layout, so a row missing one of its five cells is not read rather than read shifted.
 */
function cellPerLine(src: SourceText, header: number, to: number, block: Block): void {
  const cells: string[] = [];
  const lines: number[] = [];
  let n = header + 1;
  for (; n <= to; n++) {
    const t = (src.folded[n - 1] as string).trim();
    if (t === '') continue;
    if (/^(合计|总分)$/.test(t)) break;
    if (t.length > 60) break; // running text again: the table has ended
    cells.push(t);
    lines.push(n);
  }
  const start = cells.findIndex((c) => !/^(年度指标值|实际完成值|分值|得分|偏差原因.*|指标值|实际值|完成值)$/.test(c));
  if (start < 0) return;
  block.indicators = flatIndicators(cells.slice(start), header, lines.slice(start));
  const total = n <= to ? nextFigure(src, n, to) : null;
  if (total) block.totals = { weight: total.value, score: nextFigure(src, total.line, to)?.value ?? null, line: total.line };
}

export function readPerformanceText(src: SourceText, from: number, to: number, block: Block): void {
  for (let n = from; n <= to && !block.selfScore; n++) {
    const score = (src.folded[n - 1] as string).includes('得分') ? SELF_SCORE.exec(src.folded[n - 1] as string) : null;
    if (score) block.selfScore = { value: Number(score[1]), line: n };
  }
  if (block.budget || block.indicators.length > 0) return;
  for (let n = from; n <= to; n++) {
    const f = (src.folded[n - 1] as string).trim();
    if (f.includes('\t')) continue;
    if (f === '三级指标' && block.indicators.length === 0) cellPerLine(src, n, to, block);
    statedBudget(block, f, n);
    statedAmounts(block, f, n);
    const tokens = f.split(/\s+/);
    const header = tokens.indexOf('三级指标');
    if (header >= 0 && block.indicators.length === 0) block.indicators = flatIndicators(tokens.slice(header + 1), n);
    // one cell per line: "年度资金总额" and its six figures on the lines below it
    if (/^年度资金总额[:：]?$/.test(f) && !block.budget) {
      const v: string[] = [];
      for (let k = n + 1; k <= to && v.length < 6; k++) {
        const t = (src.folded[k - 1] as string).trim();
        if (t === '') continue;
        if (cellNumber(t) === null) break;
        v.push(t);
      }
      if (v.length >= 4) block.budget = budgetRow(v, n);
      continue;
    }
    const total = tokens.findIndex((t) => /^年度资金总额[:：]?$/.test(t));
    if (total >= 0) {
      block.budget = budgetRow(tokens.slice(total + 1, total + 7), n);
      const fund = tokens.findIndex((t, i) => i > total && /^(?:其中[:：])?(本年财政拨款|一般公共预算|财政拨款)$/.test(t));
      const amount = cellDecimal(tokens[fund + 1]);
      if (fund > 0 && amount !== null) block.funding.push({ source: (tokens[fund] as string).replace(/^其中[:：]/, ''), amount, line: n });
    }
    if (block.indicators.length === 0 && /指标/.test(f) && /合计\s*\d/.test(f)) {
      const compact = compactIndicators(f, n);
      if (compact.indicators.length > 0) {
        block.indicators = compact.indicators;
        if (compact.total !== null) block.totals = { weight: compact.total, score: null, line: n };
      }
    }
    if (/^(人员编制|编制人数|编制数)$/.test(f)) {
      const v = nextFigure(src, n, to);
      if (v) block.staffing = { authorized: v.value, actual: block.staffing?.actual ?? null, controlRate: null, line: v.line };
    }
    if (/^(实有人数|实际在职人数|在职人数)$/.test(f)) {
      const v = nextFigure(src, n, to);
      if (v)
        block.staffing = {
          authorized: block.staffing?.authorized ?? null,
          actual: v.value,
          controlRate: null,
          line: block.staffing?.line ?? v.line,
        };
    }
    // the same, a label and its figure on one line: "编制数：45人", "在职人数：42人", "人员控制率：93.33%"
    const said =
      /^(人员编制|编制人数|编制数|实有人数|实际在职人数|在职人数|人员控制率|控制率)\s*[:：]\s*(\d+(?:\.\d+)?)\s*(?:人|%)?\s*$/.exec(f);
    if (said) {
      const [label, value] = [said[1] as string, Number(said[2])];
      const st = block.staffing ?? { authorized: null, actual: null, controlRate: null, line: n };
      block.staffing = {
        ...st,
        ...(/编制/.test(label) ? { authorized: value } : /控制率/.test(label) ? { controlRate: value } : { actual: value }),
      };
    }
  }
}
