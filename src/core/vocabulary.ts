// The Chinese words the product shows for its codes — statuses, kinds, roles, money — gathered in one module. The CLI,
// the server, the generated documents and the web application (which may import pure core values) all read them
// here; copies kept elsewhere had drifted apart (a report's unknown status was 未说明 on the command line and 未写明
// on the web). A label that belongs to one domain module is defined there and named here, so there is one of each.
import type { Genre, Metric, ProblemStatus, ReportKind, ReportMeta } from './document/model.ts';
import type { Severity } from './check/finding.ts';

export { STATUS_LABEL as LEDGER_STATUS_LABEL } from './ledger/problem-state.ts';
export { TRIAGE_LABEL, MEASURE_STATUS_LABEL } from './ledger/ledger-sheet.ts';
export { SUPERVISION_LABEL } from './ledger/supervision.ts';
export { SOURCE_KIND_LABEL } from './ledger/codes.ts';
export { ROLE_LABEL } from './access/permissions.ts';
export { COLOUR_LABEL } from './ledger/warning.ts';

/** The status a published report states for a problem (not the ledger's: nothing here has been reviewed). */
export const REPORTED_STATUS_LABEL: Record<ProblemStatus, string> = {
  completed: '已完成',
  phased: '阶段性完成',
  'in-progress': '正在整改',
  'not-started': '未开始',
  unknown: '未写明',
};

export const REPORT_KIND_LABEL: Record<ReportKind, string> = {
  'inspection-progress': '巡察（巡视）整改进展情况通报',
  'audit-rectification': '审计查出问题整改情况报告',
  'performance-self-evaluation': '绩效自评',
  unknown: '未识别的文档',
};

/** What sort of text a report is, beside its topic (core/document/model.ts `Genre`). */
export const GENRE_LABEL: Record<Genre, string> = {
  report: '单位自己的报告',
  'work-report': '审计工作报告或审计结果公告（报告查出的问题，而非整改情况）',
  feedback: '巡视（巡察）反馈情况',
  news: '新闻报道（所引数字转述自报告）',
};

/** The figures a report states and the ledger counts, as `zg parse` and the claims beside the statistics name them. */
export const METRIC_LABEL: Record<Metric, string> = {
  problems: '问题数',
  completed: REPORTED_STATUS_LABEL.completed,
  phased: REPORTED_STATUS_LABEL.phased,
  'in-progress': REPORTED_STATUS_LABEL['in-progress'],
  'not-done': '未完成',
  'long-term': '长期整改',
  'completion-rate': '完成率(%)',
  measures: '整改措施',
  institutions: '制度',
  accountable: '问责人数',
  meetings: '会议次数',
  money: '金额(万元)',
};

/** The label of a metric read back from storage, where any string may stand: the code itself when it has none. */
export const metricLabel = (metric: string): string => (METRIC_LABEL as Record<string, string | undefined>)[metric] ?? metric;

/** A report's own particulars, as the reader names them. */
export const META_LABEL: Record<keyof ReportMeta, string> = {
  title: '标题',
  issuer: '发文单位',
  inspectedUnit: '被巡察（审计）单位',
  team: '巡察组',
  round: '轮次',
  inspectionStart: '巡察开始',
  inspectionEnd: '巡察结束',
  feedbackDate: '反馈日期',
  reportDate: '报告日期',
  asOf: '统计截至',
  publicationPeriod: '公开期限',
  contacts: '联系方式',
};

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '提示' };
/** A finding's severity in a line of plain text, marked so the eye finds the errors */
export const SEVERITY_MARK: Record<Severity, string> = { error: `✗ ${SEVERITY_LABEL.error}`, warning: `! ${SEVERITY_LABEL.warning}` };

/** What a status is said with beside it: a long-term problem; a status the imported report did not tell */
export const STATUS_MARK = { longTerm: '长期', untold: '报告未写明', onTheBooks: '挂账' } as const;

/** The office that runs a rectification, as documents name it after the unit (and alone when no unit is known) */
export const RECTIFICATION_OFFICE = '整改工作领导小组办公室';

export type MoneyKind = 'recovered' | 'treasury' | 'returned' | 'disbursed' | 'other';
/** What was done with money recovered in rectification, in the order reports list it. */
export const MONEY_KIND_LABEL: Record<MoneyKind, string> = {
  recovered: '追回',
  treasury: '上缴国库',
  returned: '清退',
  disbursed: '拨付到位',
  other: '其他',
};
export const MONEY_KINDS = Object.keys(MONEY_KIND_LABEL) as MoneyKind[];

/** How a problem is like an earlier one: the same unit's again (屡审屡犯), or another unit's too (共性问题). */
export const MATCH_KIND_LABEL = { repeat: '屡审屡犯', common: '共性问题' } as const;

/** What a person decided of a suggested likeness. */
export const MATCH_STATUS_LABEL = { suggested: '待确认', confirmed: '已确认', dismissed: '已排除' } as const;

/** The kinds of unit on the organisation tree, in the order a form offers them. */
export const UNIT_KIND_LABEL = {
  'party-committee': '党委（党组）',
  government: '政府',
  bureau: '局（委、办）',
  section: '科室（股）',
  town: '乡镇（街道）',
  village: '村（社区）',
  company: '企业',
  school: '学校',
  other: '其他',
} as const;
export type UnitKind = keyof typeof UNIT_KIND_LABEL;

/** A ledger status as a tag shows it: without the parenthesis ("已完成（已销号）" → "已完成"). */
export const shortLabel = (label: string): string => label.replace(/（[^）]*）$/, '');
