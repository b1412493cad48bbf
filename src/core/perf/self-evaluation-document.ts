// The 自评表 as an official document: the budget, funding and spending, the indicator table with each score and
// the rule that gives it, the total and grade, then the problems and the measures.
import type { Block, OfficialDocument } from '../official/model.ts';
import { headingNumber } from '../official/wording.ts';
import type { Evaluation } from './evaluation.ts';
import type { ScoredEvaluation } from './score-evaluation.ts';
import { RULE_LABEL, roundingLabel } from './scoring.ts';

const n = (x: number | string | null | undefined) => (x === null || x === undefined ? '' : String(x));

/** The budget, income and spending by kind, staffing and the basic data: the first half of the 自评表. */
export function budgetTables(e: Evaluation, s: ScoredEvaluation): Block[] {
  const blocks: Block[] = [];
  if (e.budget) {
    const b = e.budget;
    blocks.push({
      // the row is named 年度资金总额 as the forms name it: the table reads back as the figures it was made from
      kind: 'table',
      columns: ['项目', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].map((title) => ({ title, width: 1 })),
      rows: [
        [
          '年度资金总额',
          n(b.initial),
          n(b.adjusted),
          n(b.executed),
          n(b.weight),
          s.budget?.rate === null || s.budget?.rate === undefined ? '' : `${s.budget.rate.toFixed(2)}%`,
          n(s.budget?.score),
        ],
      ],
    });
    if (e.funding.length || e.spending.length)
      blocks.push({
        kind: 'table',
        columns: [
          { title: '按收入性质分', width: 2 },
          { title: '金额', width: 1 },
          { title: '按支出性质分', width: 2 },
          { title: '金额', width: 1 },
        ],
        rows: Array.from({ length: Math.max(e.funding.length, e.spending.length) }, (_, i) => [
          e.funding[i]?.source ?? '',
          n(e.funding[i]?.amount),
          e.spending[i]?.type ?? '',
          n(e.spending[i]?.amount),
        ]),
      });
  }
  if (e.staffing) {
    // the control rate as the counts give it, whatever the form said
    const { authorized, actual } = e.staffing;
    const rate = authorized && actual !== null ? `${((actual / authorized) * 100).toFixed(2)}%` : '';
    blocks.push({
      kind: 'table',
      columns: ['编制数', '实际在职人数', '控制率'].map((title) => ({ title, width: 1 })),
      rows: [[n(authorized), n(actual), rate]],
    });
  }
  for (const t of e.basics)
    blocks.push({
      kind: 'table',
      columns: [{ title: t.title, width: 3 }, ...t.columns.map((title) => ({ title, width: 2 }))],
      rows: t.rows.map((r) => [r.label, ...r.values.map((v) => (v === null ? '' : String(v)))]),
    });
  return blocks;
}

/** The indicator table with each score and the rule that gives it, the total and the grade. */
export function indicatorTable(e: Evaluation, s: ScoredEvaluation): Block[] {
  return [
    {
      kind: 'table',
      columns: [
        { title: '一级指标', width: 3 },
        { title: '二级指标', width: 3 },
        { title: '三级指标', width: 5 },
        { title: '年度指标值', width: 3 },
        { title: '实际完成值', width: 3 },
        { title: '分值', width: 2 },
        { title: '得分', width: 2 },
        { title: '偏差原因分析及改进措施', width: 5 },
        { title: '计分规则', width: 5 },
      ],
      rows: [
        ...s.indicators.map((i, k) => [
          i.level1,
          i.level2,
          i.level3,
          i.target,
          i.actual,
          n(i.weight),
          n(i.score),
          e.indicators[k]?.deviation ?? '',
          RULE_LABEL[i.rule],
        ]),
        ['合计', '', '', '', '', n(s.weightTotal), n(s.total), `等级：${s.grade}`, roundingLabel(s.rounding)],
      ],
    },
    {
      kind: 'paragraph',
      text: `按计分规则，自评得分${s.total}分，等级为“${s.grade}”（90分及以上为优，80至90分为良，60至80分为中，60分以下为差）。`,
    },
  ];
}

export function selfEvaluationDocument(e: Evaluation, s: ScoredEvaluation, date: string): OfficialDocument {
  const blocks: Block[] = [{ kind: 'field', label: '预算单位名称', value: e.unit }];
  const budget = budgetTables(e, s);
  if (budget.length) blocks.push({ kind: 'heading', level: 1, text: `${headingNumber(1, 1)}预算执行情况（万元）` }, ...budget);
  blocks.push({ kind: 'heading', level: 1, text: `${headingNumber(1, 2)}绩效指标完成情况` }, ...indicatorTable(e, s));
  const list = (title: string, items: readonly { text: string }[], at: number) => {
    blocks.push({ kind: 'heading', level: 1, text: `${headingNumber(1, at)}${title}` });
    if (items.length === 0) blocks.push({ kind: 'paragraph', text: '无。' });
    items.forEach((x, k) => blocks.push({ kind: 'paragraph', text: `${k + 1}.${x.text}` }));
  };
  list('存在的问题', e.problems, 3);
  list('下一步改进措施', e.measures, 4);
  return {
    title: `${e.year ?? ''}年度预算单位整体支出绩效自评表`,
    blocks,
    signature: e.unit ? { issuer: e.unit, date } : undefined,
    landscape: true,
  };
}
