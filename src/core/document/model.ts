// The report model: what one published report says, with the line (1-based, in the input file) of every fact.
// Field names follow docs/report-format.md; `zg parse --json` prints exactly these objects.

import type { NumberingStyle } from './numbering.ts';
import type { Decimal, MoneyUnit } from '../money.ts';
import type { Finding } from '../check/finding.ts';

export type ReportKind = 'inspection-progress' | 'audit-rectification' | 'performance-self-evaluation' | 'unknown';
/**
 * What sort of text it is, beside its topic: the unit's own report (整改情况的通报/报告, 自评报告), the audit office's
 * work report (审计工作报告, which finds the problems rather than reports their rectification), the feedback of an
 * inspection (巡视/巡察反馈情况), or a news item about any of these — whose figures are quoted, not the unit's own.
 */
export type Genre = 'report' | 'work-report' | 'feedback' | 'news';

export type ProblemStatus = 'completed' | 'phased' | 'in-progress' | 'not-started' | 'unknown';

export type Metric =
  | 'problems'
  | 'completed'
  | 'phased'
  | 'in-progress'
  | 'not-done'
  | 'long-term'
  | 'completion-rate'
  | 'measures'
  | 'institutions'
  | 'accountable'
  | 'meetings'
  | 'money';

export interface Located<T> {
  readonly value: T;
  readonly line: number | null;
}

export interface PublicationPeriod {
  readonly start: string;
  readonly end: string;
}

export interface Contact {
  readonly kind: 'person' | 'phone' | 'email' | 'address' | 'postcode';
  readonly value: string;
}

export interface ReportMeta {
  title: Located<string> | null;
  issuer: Located<string> | null;
  inspectedUnit: Located<string> | null;
  team: Located<string> | null;
  round: Located<string> | null;
  inspectionStart: Located<string> | null;
  inspectionEnd: Located<string> | null;
  feedbackDate: Located<string> | null;
  reportDate: Located<string> | null;
  asOf: Located<string> | null;
  publicationPeriod: Located<PublicationPeriod> | null;
  contacts: Located<Contact[]> | null;
}

export interface OutlineNode {
  readonly numbering: string; // as written: "（一）", "16)", "存在问题十二："
  readonly style: NumberingStyle;
  readonly ordinal: number;
  readonly level: number; // 1 = top
  readonly title: string;
  readonly line: number;
  lastLine: number;
  readonly children: OutlineNode[];
}

export interface Measure {
  readonly text: string;
  readonly line: number;
}

export interface Problem {
  readonly number: string;
  readonly ordinal: number | null;
  readonly title: string;
  readonly line: number;
  readonly lastLine: number;
  status: ProblemStatus;
  statusText: string | null;
  statusLine: number | null;
  /** an audit report's area the problem is listed under ("市级财政管理及决算草案审计方面"); the area is not a problem */
  readonly area?: string;
  longTerm: boolean;
  readonly measures: Measure[];
  readonly children: Problem[];
}

export interface Aspect {
  readonly title: string;
  readonly line: number;
  readonly lastLine: number;
  readonly problems: Problem[];
}

export interface Claim {
  readonly metric: Metric;
  readonly value: number | string; // money: exact decimal string in 万元; completion-rate: percent
  readonly scope: string | null; // null: the whole report; else the aspect's title, or the part the sentence names
  readonly part?: boolean; // the scope is a part the sentence names (立行立改, 村级, an example's city), not an aspect
  readonly line: number;
  readonly text: string; // the sentence
  readonly approx?: boolean; // stated with 约 / 余 / 多 ("2800多项", "约552万元")
  readonly specific?: boolean; // a count of 具体问题 (specific problems) rather than of problems
  readonly decimals?: number; // completion-rate: the decimals it was written with ("74.05%" → 2)
}

export interface Amount {
  readonly value: string;
  readonly unit: MoneyUnit;
  readonly wan: string;
  readonly approx: boolean;
  readonly line: number;
}

export interface Institution {
  readonly title: string; // inside 《》
  readonly edition: string | null; // 试行 / 暂行 / 修订 / 征求意见稿 / 2023年版
  readonly action: string; // 制定 / 修订 / 印发 / 出台 …
  readonly line: number;
  readonly sentence: number; // which sentence of the report: titles listed together share one
}

export interface Indicator {
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly target: string;
  readonly actual: string;
  readonly weight: number | null;
  readonly score: number | null;
  readonly deviation: string | null;
  readonly line: number;
}

export interface BasicTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly label: string; readonly values: readonly (Decimal | null)[]; readonly line: number }[];
}

export interface PerformanceBlock {
  /** the budget unit (预算单位名称), or for a project's table the department in charge of it (主管部门) */
  readonly unit: Located<string> | null;
  /** a project's table: the project (项目名称), which names the evaluation and its years */
  readonly project?: Located<string> | null;
  readonly budget: {
    readonly initial: Decimal | null; // 年初预算数, 万元
    readonly adjusted?: Decimal | null; // 全年预算数, in tables that have the column
    readonly executed: Decimal | null; // 全年执行数
    readonly rate: number | null; // 执行率, percent as stated
    readonly weight: number | null; // 分值
    readonly score: number | null; // 得分
    readonly line: number | null;
  } | null;
  readonly funding: { readonly source: string; readonly amount: Decimal; readonly line: number }[];
  /** 收入 stated in the text of a whole-department report ("收入:792.22万元") */
  readonly income?: { readonly amount: Decimal; readonly line: number } | null;
  readonly spending: { readonly type: string; readonly amount: Decimal; readonly line: number }[];
  readonly staffing: {
    readonly authorized: number | null;
    readonly actual: number | null;
    readonly controlRate: number | null;
    readonly line: number;
  } | null;
  readonly indicators: Indicator[];
  readonly totals: { readonly weight: number | null; readonly score: number | null; readonly line: number } | null;
  /**
   * The overall score the report states in its text ("经自评，…自评得分92.5分"), beside the table's own totals: a
   * table may be given in part or not at all, so it is not added up against the rows.
   */
  readonly selfScore?: { readonly value: number; readonly line: number } | null;
  /** cells that cannot be what their column says: "分值" reading "五", a 三级指标 that is a number (columns shifted) */
  readonly faults: readonly { readonly line: number; readonly column: string; readonly text: string; readonly reason: string }[];
  readonly signatures: { readonly role: string; readonly name: string; readonly line: number }[];
  /**
   * The basic-data tables (经费控制情况: 三公经费, 公用经费, 政府采购…; 楼堂馆所控制情况): each row's figures under the
   * table's columns, a blank cell kept as null — a blank is not a zero.
   */
  readonly basics: readonly BasicTable[];
}

export interface Report {
  kind: ReportKind;
  genre: Genre;
  lines: [number, number];
  meta: ReportMeta;
  otherTitles: Located<string>[]; // the other titles of a pack: its data table, its 自评表, a repeated 自评报告
  outline: OutlineNode[];
  aspects: Aspect[];
  claims: Claim[];
  amounts: Amount[];
  institutions: Institution[];
  performance?: PerformanceBlock;
  findings: Finding[];
}
