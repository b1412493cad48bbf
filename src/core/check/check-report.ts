// The catalogue of rules, run over one parsed report. Findings come out in a stable order (by first line, then rule),
// so the same input always gives the same findings.

import { moneyParts, sentenceParts } from './rules/sentence-parts.ts';
import { datesInOrder } from './rules/dates.ts';
import { signatureVariants, titleRepeatedDifferently, titleVariants } from './rules/names.ts';
import { measureSequence } from './rules/measures.ts';
import { numberingFormat, numberingSequence } from './rules/numbering.ts';
import { partsVersusTotal, rateVersusCounts, statedVersusListed, statusCounts, statusPartsSum, triageVersusTotal } from './rules/counts.ts';
import { tableCells } from './rules/performance.ts';
import { evaluationFromReport } from '../perf/evaluation.ts';
import { scoreEvaluation } from '../perf/score-evaluation.ts';
import type { Finding } from './finding.ts';
import type { Report } from '../document/model.ts';
import type { SourceText } from '../document/text.ts';

export const RULES: readonly { id: string; severity: 'error' | 'warning'; what: string }[] = [
  { id: 'parts-vs-total', severity: 'error', what: '各方面（类别）的问题数、已整改数之和与总数不符' },
  { id: 'rate-vs-counts', severity: 'error', what: '整改完成率与问题数、已整改数不符（按所写精度四舍五入或截断均可）' },
  { id: 'rate-without-counts', severity: 'warning', what: '写了完成率，却没有可据以核算的数字' },
  { id: 'stated-vs-listed', severity: 'error', what: '称有N个问题，正文逐条列出的个数不同（总体或某一方面）' },
  { id: 'listed-partly', severity: 'warning', what: '称有N个问题，正文只逐条写出其中一小部分（不足八成）' },
  { id: 'stated-vs-grouped', severity: 'warning', what: '问题按整改情况分组列出、同一问题重复出现，去重后的个数与所称不同' },
  { id: 'counts-swapped', severity: 'error', what: '两个方面的问题数写反' },
  { id: 'status-counts', severity: 'error', what: '称已完成（阶段性完成、正在整改）N个，逐条整改情况的统计不同' },
  { id: 'phased-counted-as-completed', severity: 'warning', what: '把阶段性完成计入已完成' },
  { id: 'status-parts-sum', severity: 'error', what: '各状态的问题数之和与问题总数不符' },
  { id: 'dates-order', severity: 'error', what: '日期先后颠倒：巡察起止、反馈、报告日期、统计截止日期、公开期限' },
  { id: 'action-after-report', severity: 'warning', what: '正文所记工作日期晚于报告日期' },
  {
    id: 'date-implausible',
    severity: 'warning',
    what: '日期的年份不像真实年份（1900年以前或2100年以后，多为笔误或识别错误），不参与先后比较',
  },
  { id: 'date-impossible', severity: 'error', what: '日期不存在（如2月30日、4月31日）' },
  { id: 'numbering-gap', severity: 'warning', what: '编号跳号' },
  { id: 'numbering-duplicate', severity: 'warning', what: '编号重复' },
  { id: 'numbering-restart', severity: 'warning', what: '编号中途重新开始' },
  { id: 'numbering-format', severity: 'warning', what: '同一序列的编号写法不一（括号、顿号丢失等）' },
  { id: 'measure-sequence', severity: 'warning', what: '措施序号“一是…二是…”跳号或重复' },
  { id: 'score-above-weight', severity: 'error', what: '绩效指标得分高于分值' },
  { id: 'shortfall-without-reason', severity: 'warning', what: '得分低于分值却未写偏差原因' },
  { id: 'weights-total', severity: 'error', what: '分值之和与合计不符' },
  { id: 'scores-total', severity: 'error', what: '得分之和与合计不符' },
  { id: 'funding-exceeds-total', severity: 'error', what: '某一资金来源大于年度资金总额' },
  { id: 'execution-rate', severity: 'error', what: '预算执行率与执行数、预算数不符' },
  { id: 'control-rate', severity: 'error', what: '人员控制率与在职人数、编制数不符' },
  { id: 'funding-sum', severity: 'error', what: '按收入性质分列的资金之和与执行数不符' },
  { id: 'spending-sum', severity: 'error', what: '按支出性质分列的支出之和与执行数不符' },
  { id: 'table-cell', severity: 'error', what: '绩效表格中应为数字的单元格不是数字，或各列错位' },
  { id: 'score-vs-rule', severity: 'warning', what: '绩效得分与计分规则（按单位所用的取舍）算出的不同' },
  { id: 'not-scorable', severity: 'warning', what: '绩效指标无法计分：未填实际完成值，或与指标值计量单位不一致' },
  { id: 'weights-scheme', severity: 'warning', what: '一级指标分值与权重方案不同（默认：预算执行率10、产出50、效益30、满意度10）' },
  { id: 'total-vs-rules', severity: 'warning', what: '合计得分与按计分规则算出的不同' },
  { id: 'period-after-date', severity: 'warning', what: '称已完成的工作所涵盖的期间，在当时尚未结束（多为年份笔误）' },
  { id: 'sentence-parts', severity: 'warning', what: '同一句中所列各部分之和与前述总数不一致（提示：所列可能并非全部）' },
  { id: 'money-parts', severity: 'warning', what: '金额“其中”所列各项之和与该金额不一致（提示：所列可能并非全部）' },
  { id: 'name-variants', severity: 'warning', what: '同一人（单位）的名称前后写法不一' },
];

export function checkReport(r: Report, src: SourceText): Finding[] {
  const findings = [
    ...partsVersusTotal(r),
    ...rateVersusCounts(r),
    ...statedVersusListed(r),
    ...statusCounts(r),
    ...statusPartsSum(r),
    ...datesInOrder(r, src),
    ...sentenceParts(r, src),
    ...moneyParts(r, src),
    ...triageVersusTotal(r),
    ...numberingSequence(r.outline),
    ...numberingFormat(r.outline),
    ...measureSequence(r),
    // a self-evaluation: its cells, its arithmetic and its scores by the scoring rules (core/perf); which weights a
    // unit should use is a policy chosen when scoring (`zg perf score`), not something a published table gets wrong
    ...(r.performance ? tableCells(r.performance) : []),
    ...(r.performance
      ? (scoreEvaluation(evaluationFromReport(r) as NonNullable<ReturnType<typeof evaluationFromReport>>, { scheme: 'none' })
          .findings as Finding[])
      : []),
    ...(r.performance ? signatureVariants(r.performance.signatures) : []),
    ...titleVariants(r.institutions),
    ...titleRepeatedDifferently(r.meta.title, r.otherTitles),
  ];
  return withoutRestatedHints(findings).sort(
    (a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message),
  );
}

/**
 * A hint on a line where an error already says the same thing (the same whole against the same sum: "各状态问题数之和为9个，
 * 与问题总数8个不符" beside "6个、2个、1个合计9个，与前述8个不一致") is that error said twice: the error stays.
 */
function withoutRestatedHints(findings: Finding[]): Finding[] {
  const errors = findings.filter((f) => f.severity === 'error' && f.stated !== null);
  return findings.filter(
    (f) =>
      f.rule !== 'sentence-parts' ||
      !errors.some((e) => e.lines.includes(f.lines[0] ?? -1) && e.stated === f.stated && e.computed === f.computed),
  );
}
