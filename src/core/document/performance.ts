// The tables of a performance self-evaluation (绩效自评) as text extraction leaves them: one row per line, cells
// separated by tabs, merged cells left empty (so a row's 一级/二级指标 carry down from the row above).

import type { Indicator, PerformanceBlock } from './model.ts';
import { readPerformanceText } from './performance-text.ts';
import type { SourceText } from './text.ts';
import { decimalOf, type Decimal } from '../money.ts';

function cells(line: string): string[] {
  return line.split('\t').map((c) => c.trim());
}

/** "865.82" → 865.82, "100.00%" → 100, "0.0" → 0; "—" or text → null. */
export function cellNumber(c: string | undefined): number | null {
  if (c === undefined) return null;
  const m = /^-?\d+(?:\.\d+)?%?$/.exec(c.replace(/,/g, '').trim());
  return m ? Number(c.replace(/[,%]/g, '')) : null;
}

/** A cell's figure as written, exact — an amount keeps every digit it was given ("1,234.50" → "1234.5"). */
export function cellDecimal(c: string | undefined): Decimal | null {
  return c === undefined ? null : decimalOf(c.trim().replace(/%$/, ''));
}

const BUDGET_COLUMNS = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];

/** The budget's column names of a header row, in order, from its first; null when it is not such a header. */
function budgetColumns(header: readonly string[]): string[] | null {
  const first = header.indexOf('年初预算数');
  if (first < 0 || !header.includes('全年执行数')) return null;
  const names = header.slice(first).filter((c) => c !== '');
  return names.every((c) => BUDGET_COLUMNS.includes(c)) ? names : null;
}

export function readPerformance(src: SourceText, from: number, to: number): PerformanceBlock {
  const block: {
    -readonly [K in keyof PerformanceBlock]: PerformanceBlock[K];
  } = {
    unit: null,
    budget: null,
    funding: [],
    spending: [],
    staffing: null,
    indicators: [],
    totals: null,
    signatures: [],
    faults: [],
    basics: [],
  };
  const basics: { title: string; columns: string[]; at: number[]; rows: { label: string; values: (Decimal | null)[]; line: number }[] }[] =
    [];
  block.basics = basics;
  let basic: (typeof basics)[number] | null = null;
  const faults: { line: number; column: string; text: string; reason: string }[] = [];
  block.faults = faults;

  let header: string[] | null = null;
  let level1 = '';
  let level2 = '';
  for (let n = from; n <= to; n++) {
    const raw = src.lines[n - 1] as string;
    const f = src.folded[n - 1] as string;
    const cs = cells(f);
    const rawCells = cells(raw);

    const signature = /^(单位负责人签字|填表人|联系人)\s*[:：]\s*(\S*)\s*$/.exec(f.trim());
    if (signature) {
      let name = signature[2] as string;
      let at = n;
      // the name may stand a few lines below its label
      for (let k = n + 1; !name && k <= Math.min(to, n + 3); k++) {
        const t = (src.folded[k - 1] as string).trim();
        if (t && /^[\u4e00-\u9fff]{2,4}$/.test(t)) {
          name = t;
          at = k;
        } else if (t) break;
      }
      if (name) block.signatures.push({ role: signature[1] as string, name, line: at });
      continue;
    }
    if (!f.includes('\t')) {
      basic = null;
      continue;
    }

    // basic data: "经费控制情况(万元)	2022年决算数		2023年预算数		2023年决算数" and the rows under it
    if (/^(经费控制情况|楼堂馆所控制情况)/.test(cs[0] ?? '')) {
      const at = cs.flatMap((c, i) => (i > 0 && c !== '' ? [i] : []));
      basic = { title: (rawCells[0] as string).replace(/\s+/g, ''), columns: at.map((i) => rawCells[i] as string), at, rows: [] };
      basics.push(basic);
      continue;
    }
    if (basic) {
      const mapped = basic.at.map((i) => (cs[i] ?? '').trim());
      // a row of words under the figures ("厉行节约保障措施	1、加强组织领导…") ends the table
      if (mapped.some((c) => c !== '' && c !== '—' && cellNumber(c) === null) || cs.some((c) => /三级指标|年度资金总额|编制数/.test(c)))
        basic = null;
      else {
        basic.rows.push({
          label: (rawCells[0] ?? '').trim() || basic.title,
          values: mapped.map((c) => (c === '' || c === '—' ? null : cellDecimal(c))),
          line: n,
        });
        continue;
      }
    }

    // a unit's table names its budget unit; a project's names the project and the department in charge of it
    const valueAfter = (label: RegExp) => {
      const at = cs.findIndex((c) => label.test(c));
      const v = at < 0 ? undefined : rawCells.slice(at + 1).find((c) => c !== '');
      return v ? { value: v, line: n } : null;
    };
    const unit = valueAfter(/^预算单位名称$/);
    if (unit) block.unit = unit;
    const inCharge = block.unit ? null : valueAfter(/^(?:主管部门|主管单位)$/);
    if (inCharge) block.unit = inCharge;
    const project = block.project ? null : valueAfter(/^项目名称$/);
    if (project) block.project = project;
    // a header row of the budget's columns above it ("年初预算数  全年预算数  全年执行数  分值  执行率  得分"): the
    // figures are read by their columns in order, a blank cell staying blank — an executed amount not yet entered
    // is not the weight moved one place left
    const named = budgetColumns(n > from ? cells(src.folded[n - 2] as string) : []);
    if (named && cs.some((c) => /年度资金总额/.test(c))) {
      const values = cs.slice(cs.findIndex((c) => /年度资金总额/.test(c)) + 1);
      const at = (name: string) => {
        const k = named.indexOf(name);
        return k < 0 ? undefined : (values[k] ?? '').trim() || undefined;
      };
      block.budget = {
        initial: cellDecimal(at('年初预算数')),
        ...(named.includes('全年预算数') ? { adjusted: cellDecimal(at('全年预算数')) } : {}),
        executed: cellDecimal(at('全年执行数')),
        weight: cellNumber(at('分值')),
        score: cellNumber(at('得分')),
        rate: cellNumber(at('执行率')),
        line: n,
      };
    } else if (cs.some((c) => /年度资金总额/.test(c))) {
      const nums = cs.slice(cs.findIndex((c) => /年度资金总额/.test(c)) + 1).filter((c) => c !== '');
      const rate = nums.find((c) => c.endsWith('%'));
      const plain = nums.filter((c) => !c.endsWith('%'));
      // 年初预算数, (全年预算数,) 全年执行数, 分值, (执行率,) 得分: five figures when the table has 全年预算数
      const five = plain.length >= 5;
      block.budget = {
        initial: cellDecimal(plain[0]),
        ...(five ? { adjusted: cellDecimal(plain[1]) } : {}),
        executed: cellDecimal(plain[five ? 2 : 1]),
        weight: cellNumber(plain[five ? 3 : 2]),
        score: cellNumber(plain[five ? 4 : 3]),
        rate: cellNumber(rate),
        line: n,
      };
    }
    // the budget's other figures on rows of their own, a label and its value ("执行数（万元）\t576", "预算执行率\t96%"),
    // as a project's table lays them out under 年度资金总额
    const pair = cs.filter((c) => c !== '');
    // a 绩效目标表's budget said as one label and its figure: "年初预算数\t500", "年度预算（万元）：\t500"
    if (
      !block.budget &&
      pair.length === 2 &&
      /^(?:年初预算数|全年预算数|年度预算数?|预算数|预算资金)\s*(?:[（(]万元[)）])?\s*[:：]?$/.test(pair[0] as string)
    ) {
      const total = cellDecimal(pair[1]);
      if (total !== null) block.budget = { initial: total, executed: null, weight: null, score: null, rate: null, line: n };
    }
    if (block.budget && pair.length === 2 && !/年度资金总额/.test(pair[0] as string)) {
      const [label, value] = pair as [string, string];
      const b = block.budget;
      if (/^(?:全年)?执行数/.test(label) && b.executed === null) block.budget = { ...b, executed: cellDecimal(value) };
      else if (/^(?:全年)?预算数/.test(label) && b.adjusted === undefined) block.budget = { ...b, adjusted: cellDecimal(value) };
      else if (/^(?:预算)?执行率$/.test(label) && b.rate === null) block.budget = { ...b, rate: cellNumber(value) };
    }
    // income and spending by kind belong to the 自评表's budget block; the data table has rows of the same names
    for (let i = 0; block.budget && i < cs.length; i++) {
      const label = cs[i] as string;
      const fund =
        /^(?:其中\s*[:：]\s*)?(一般公共预算|财政拨款|政府性基金(?:拨款)?|纳入专户管理的非税收入(?:拨款)?|其他资金)\s*(?:[（(]万元[)）])?\s*[:：]?$/.exec(
          label,
        );
      const spend = /^(?:其中\s*[:：]\s*)?(基本支出|项目支出)\s*[:：]?$/.exec(label);
      const value = cellDecimal(cs.slice(i + 1).find((c) => c !== ''));
      if (fund && value !== null) block.funding.push({ source: fund[1] as string, amount: value, line: n });
      if (spend && value !== null) block.spending.push({ type: spend[1] as string, amount: value, line: n });
    }
    // staffing: a header row with 编制数 … 控制率, values on the next row in the same columns
    const authAt = cs.indexOf('编制数');
    const rateAt = cs.indexOf('控制率');
    // (a header on the last line has no values: nothing is read, and no line past the end is cited)
    if (authAt >= 0 && rateAt >= 0 && n < src.folded.length) {
      const actualAt = cs.findIndex((c) => /实际在职人数/.test(c));
      const values = cells(src.folded[n] ?? '');
      block.staffing = {
        authorized: cellNumber(values[authAt]),
        actual: actualAt >= 0 ? cellNumber(values[actualAt]) : null,
        controlRate: cellNumber(values[rateAt]),
        line: n + 1,
      };
    }

    // a 自评表's header has 分值; a 绩效目标表's may have only the values to reach
    if (cs.includes('三级指标') && (cs.includes('分值') || cs.some((c) => /指标值|目标值/.test(c)))) {
      header = cs;
      continue;
    }
    if (!header) continue;
    const col = (name: RegExp) => (header as string[]).findIndex((h) => name.test(h));
    const i1 = col(/^一级指标$/);
    const i2 = col(/^二级指标$/);
    const i3 = col(/^三级指标$/);
    const iT = col(/指标值/);
    const iA = col(/实际完成/);
    const iW = col(/^分值$/);
    const iS = col(/^得分$/);
    const iD = col(/偏差/);
    if (cs.some((c) => c === '合计' || c === '总分' || c === '总计')) {
      // under their columns; else, where the row's cells were merged ("总分\t\t\t100\t96.50"), its last two figures
      const underColumns = { weight: cellNumber(cs[iW]), score: cellNumber(cs[iS]) };
      const figures = cs.filter((c) => c !== '' && cellNumber(c) !== null);
      const merged =
        underColumns.weight === null && underColumns.score === null && figures.length === 2
          ? { weight: cellNumber(figures[0]), score: cellNumber(figures[1]) }
          : underColumns;
      block.totals = { ...merged, line: n };
      header = null;
      continue;
    }
    const l3 = rawCells[i3] ?? '';
    if (!l3) continue;
    // each cell as its column wants it: a figure where the table adds up, text where it names
    const numberCell = (i: number, column: string) => {
      const c = (rawCells[i] ?? '').trim();
      if (c !== '' && c !== '—' && c !== '-' && cellNumber(c) === null)
        faults.push({ line: n, column, text: c, reason: `“${column}”应为数字` });
    };
    if (iW >= 0) numberCell(iW, '分值');
    if (iS >= 0) numberCell(iS, '得分');
    if (iW >= 0 && (rawCells[iW] ?? '').trim() === '') faults.push({ line: n, column: '分值', text: '', reason: '“分值”为空' });
    if (cellNumber(l3) !== null) faults.push({ line: n, column: '三级指标', text: l3, reason: '“三级指标”是一个数字，各列可能错位' });
    if (rawCells[i1]) level1 = rawCells[i1] as string;
    if (rawCells[i2]) level2 = rawCells[i2] as string;
    const indicator: Indicator = {
      level1,
      level2,
      level3: l3,
      target: rawCells[iT] ?? '',
      actual: rawCells[iA] ?? '',
      weight: cellNumber(cs[iW]),
      score: cellNumber(cs[iS]),
      deviation: iD >= 0 && rawCells[iD] ? (rawCells[iD] as string) : null,
      line: n,
    };
    block.indicators.push(indicator);
  }
  block.basics = basics.map(({ title, columns, rows }) => ({ title, columns, rows }));
  readPerformanceText(src, from, to, block);
  return block;
}
