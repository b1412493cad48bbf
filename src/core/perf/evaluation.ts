// A budget unit's self-evaluation (绩效自评) for a year: the budget block, funding by source and spending by type,
// the basic data (where a blank is not a zero), the indicator tree (一级 → 二级 → 三级) with targets as written and
// parsed, and the narrative's problems and measures. Built from a read report, a workbook, or an edit.
import type { Indicator, PerformanceBlock, Report } from '../document/model.ts';
import type { Decimal } from '../money.ts';
import type { Narrative } from './narrative.ts';

/** A read table's indicator (score as stated); entered or imported from a workbook it may have no line. */
export type EvaluationIndicator = Omit<Indicator, 'line'> & { readonly line?: number | null | undefined };

/** What the arithmetic checks read: a read table (with its lines) and an evaluation (entered, imported) alike. */
export type PerformanceFacts = Pick<Evaluation, 'indicators' | 'budget' | 'funding' | 'spending' | 'staffing' | 'totals'>;

export interface Evaluation {
  readonly unit: string;
  readonly year: number | null;
  readonly budget: {
    readonly initial: Decimal | null; // 年初预算数, 万元
    readonly adjusted?: Decimal | null | undefined; // 全年预算数, when the table has one
    readonly executed: Decimal | null; // 全年执行数
    readonly weight: number | null; // 分值
    readonly rate: number | null; // 执行率 as stated, percent
    readonly score: number | null; // 得分 as stated
    readonly line?: number | null | undefined;
  } | null;
  readonly funding: readonly { readonly source: string; readonly amount: Decimal; readonly line?: number | null | undefined }[];
  readonly spending: readonly { readonly type: string; readonly amount: Decimal; readonly line?: number | null | undefined }[];
  readonly staffing: {
    readonly authorized: number | null;
    readonly actual: number | null;
    readonly controlRate: number | null;
    readonly line?: number | null | undefined;
  } | null;
  readonly indicators: readonly EvaluationIndicator[];
  /** 经费控制情况, 楼堂馆所控制情况: figures by column, a blank kept as null (not zero) */
  readonly basics: readonly {
    readonly title: string;
    readonly columns: readonly string[];
    readonly rows: readonly {
      readonly label: string;
      readonly values: readonly (Decimal | null)[];
      readonly line?: number | null | undefined;
    }[];
  }[];
  readonly totals: { readonly weight: number | null; readonly score: number | null; readonly line?: number | null | undefined } | null;
  /** "存在的问题" and "下一步改进措施": rectification work for the ledger */
  readonly problems: readonly { readonly text: string; readonly line?: number | null | undefined }[];
  readonly measures: readonly { readonly text: string; readonly line?: number | null | undefined }[];
  /** the unit's own words for its 自评报告 (core/perf/narrative.ts), kept between generations */
  readonly narrative?: Narrative | undefined;
}

/**
 * The narrative's numbered items under a heading that starts with `title`: "七、存在的问题及原因分析" → its 1. 2. 3.
 * Headings are searched level by level, so a section heading wins over a sub-heading that merely mentions 整改措施.
 */
function itemsUnder(r: Report, title: RegExp): { text: string; line: number }[] {
  let level: Report['outline'] = r.outline;
  while (level.length) {
    const hit = level.find((n) => title.test(n.title));
    if (hit) return hit.children.map((c) => ({ text: c.title.replace(/[。；;]$/, ''), line: c.line }));
    level = level.flatMap((n) => n.children);
  }
  return [];
}

/** The year an evaluation is for: "2023 年度预算单位整体支出绩效自评表" → 2023. */
function yearOf(r: Report): number | null {
  const m =
    /(20\d{2})\s*年度/.exec(r.meta.title?.value ?? '') ??
    /(20\d{2})\s*年度/.exec(JSON.stringify(r.outline.slice(0, 3).map((o) => o.title)));
  return m ? Number(m[1]) : null;
}

export function evaluationFromReport(r: Report): Evaluation | null {
  const p: PerformanceBlock | undefined = r.performance;
  if (!p) return null;
  return {
    // a project's evaluation is named by its project: its years are the project's
    unit: p.project?.value ?? p.unit?.value ?? r.meta.issuer?.value ?? '',
    year: yearOf(r),
    budget: p.budget ? { ...p.budget, adjusted: p.budget.adjusted ?? null } : null,
    funding: p.funding,
    spending: p.spending,
    staffing: p.staffing,
    indicators: p.indicators,
    basics: p.basics,
    totals: p.totals,
    problems: itemsUnder(r, /^(?:主要)?存在的?(?:主要)?问题/),
    measures: itemsUnder(r, /^(?:下一步(?:的)?(?:改进|整改|工作)?(?:措施|打算|计划|安排)?|(?:改进|整改)措施)/),
  };
}
