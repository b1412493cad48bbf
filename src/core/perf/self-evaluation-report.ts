// The 自评报告 written from the data: the sections real reports have (seed 003's nine), each figure taken from the
// evaluation's tables and its scoring — the budget and its execution, income and spending by kind, the indicators met
// and missed with their reasons, the score and grade — the rectification part from the ledger's snapshot of the
// source the unit names, the problems and next steps as the evaluation lists them, and between them the unit's own
// words (core/perf/narrative.ts). A section the unit has not written says so in the document, and the caller is told.
// The 自评表 follows as an attachment, laid out so the report reader reads it back.
import { figuresPassage } from '../official/figures-sentence.ts';
import type { Block, LedgerSnapshot, OfficialDocument } from '../official/model.ts';
import { numberedHeading } from '../official/wording.ts';
import { SOURCE_KIND_LABEL } from '../vocabulary.ts';
import { addDecimals, compareDecimals, type Decimal } from '../money.ts';
import type { Evaluation } from './evaluation.ts';
import { NARRATIVE_LABEL, type NarrativeSection, unwrittenSections } from './narrative.ts';
import type { ScoredEvaluation } from './score-evaluation.ts';
import { budgetTables, indicatorTable } from './self-evaluation-document.ts';

export interface SelfEvaluationReport {
  readonly document: OfficialDocument;
  /** the sections the unit has not written yet: the document holds a note in their place */
  readonly unwritten: readonly NarrativeSection[];
}

const wan = (d: Decimal) => `${d}万元`;
const isZero = (d: Decimal) => compareDecimals(d, '0') === 0;

/** The amount of the rows whose label matches, summed exactly; null when no row has it. */
function sumOf(rows: readonly { readonly label: string; readonly amount: Decimal }[], label: RegExp): Decimal | null {
  const hit = rows.filter((r) => label.test(r.label));
  return hit.length ? addDecimals(hit.map((r) => r.amount)) : null;
}

/** "（一）职能职责" as a heading of its own, the rest as paragraphs: the unit's text laid out as it wrote it. */
function wordsOf(text: string): Block[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(
      (l): Block =>
        /^[（(][一二三四五六七八九十]{1,2}[）)]\s*\S{1,20}$/.test(l)
          ? { kind: 'heading', level: 2, text: l }
          : { kind: 'paragraph', text: l },
    );
}

export function selfEvaluationReport(
  e: Evaluation,
  s: ScoredEvaluation,
  opts: { readonly date: string; readonly rectification: LedgerSnapshot | null },
): SelfEvaluationReport {
  const year = e.year === null ? '' : `${e.year}年度`;
  const blocks: Block[] = [];
  let section = 0;
  const heading = (title: string) => blocks.push({ kind: 'heading', level: 1, text: numberedHeading(1, ++section, title) });
  const words = (key: NarrativeSection, otherwise?: string) => {
    const text = e.narrative?.[key]?.trim();
    if (text) blocks.push(...wordsOf(text));
    else if (otherwise) blocks.push({ kind: 'paragraph', text: otherwise });
    else blocks.push({ kind: 'paragraph', text: `（此部分由单位填写：${NARRATIVE_LABEL[key]}。）` });
  };
  const income = e.funding.map((f) => ({ label: f.source, amount: f.amount }));
  const spending = e.spending.map((f) => ({ label: f.type, amount: f.amount }));
  // "无" only where the table lists the kinds and this one is not among them or is nought: a table that lists none
  // says nothing about any, and the report must not say for it that there was none
  const unlisted = (what: string) => `（自评表未按${what}列示，此处由单位填写。）`;
  const fund = (label: RegExp, name: string, title: string) => {
    heading(title);
    const amount = sumOf(income, label);
    blocks.push({
      kind: 'paragraph',
      text:
        amount !== null && !isZero(amount)
          ? `${year}本单位${name}${wan(amount)}。`
          : income.length === 0
            ? unlisted('收入性质')
            : `${year}本单位无${name}。`,
    });
  };
  const spent = (amount: Decimal | null, name: string) =>
    amount !== null && !isZero(amount)
      ? `${year}${name}${wan(amount)}。`
      : spending.length === 0
        ? unlisted('支出性质')
        : `${year}本单位无${name}。`;

  heading('单位基本情况');
  words('basics');
  if (e.staffing?.authorized !== null && e.staffing?.authorized !== undefined)
    blocks.push({
      kind: 'paragraph',
      text: `本单位编制数${e.staffing.authorized}人${e.staffing.actual !== null ? `，实际在职${e.staffing.actual}人` : ''}。`,
    });

  heading('一般公共预算支出情况');
  const general = sumOf(income, /^一般公共预算/);
  const others = income
    .filter((r) => !/^一般公共预算/.test(r.label) && !isZero(r.amount))
    .map((r) => `${r.label}${wan(r.amount)}`)
    .join('，');
  blocks.push({
    kind: 'paragraph',
    text:
      general === null
        ? '自评表未列收入性质。'
        : `${year}纳入本单位整体支出绩效自评范围的一般公共预算支出${wan(general)}。${others ? `另有${others}。` : ''}`,
  });
  const basic = sumOf(spending, /^基本支出/);
  const project = sumOf(spending, /^项目支出/);
  blocks.push({ kind: 'heading', level: 2, text: '（一）基本支出情况' });
  blocks.push({ kind: 'paragraph', text: spent(basic, '基本支出') });
  blocks.push({ kind: 'heading', level: 2, text: '（二）项目支出情况' });
  blocks.push({ kind: 'paragraph', text: spent(project, '项目支出') });
  fund(/^政府性基金/, '政府性基金预算支出', '政府性基金预算支出情况');
  fund(/^国有资本经营/, '国有资本经营预算支出', '国有资本经营预算支出情况');
  fund(/^社会保险基金/, '社会保险基金预算支出', '社会保险基金预算支出情况');

  heading('单位整体支出绩效情况');
  let sub = 0;
  const subheading = (title: string) => blocks.push({ kind: 'heading', level: 2, text: numberedHeading(2, ++sub, title) });
  if (e.budget) {
    const b = e.budget;
    subheading('预算执行情况');
    const parts = [
      b.initial !== null ? `年初预算数${wan(b.initial)}` : null,
      b.adjusted ? `全年预算数${wan(b.adjusted)}` : null,
      b.executed !== null ? `全年执行数${wan(b.executed)}` : null,
      s.budget?.rate !== null && s.budget?.rate !== undefined ? `预算执行率${s.budget.rate.toFixed(2)}%` : null,
    ].filter(Boolean);
    const score = s.budget?.score !== null && s.budget?.score !== undefined ? `，该项得${s.budget.score}分（分值${b.weight ?? ''}分）` : '';
    blocks.push({ kind: 'paragraph', text: `${parts.join('，')}${score}。` });
  }
  subheading('绩效指标完成情况');
  const scored = s.indicators.filter((i) => i.weight !== null);
  const missed = scored.filter((i) => i.score !== null && (i.weight as number) > i.score);
  const reasons = new Map(e.indicators.map((i) => [i.level3, i.deviation]));
  blocks.push({
    kind: 'paragraph',
    text: `共设三级绩效指标${s.indicators.length}项，${missed.length ? `完全达成${scored.length - missed.length}项，未完全达成${missed.length}项。` : '全部达成。'}`,
  });
  missed.forEach((i, k) => {
    const why = reasons.get(i.level3)?.trim();
    blocks.push({
      kind: 'paragraph',
      text: `${k + 1}.“${i.level3}”：年度指标值${i.target}，实际完成值${i.actual}，得${i.score}分（分值${i.weight}分）；${why ? `偏差原因：${why}` : '自评表未填写偏差原因'}。`,
    });
  });
  subheading('自评结果');
  blocks.push({ kind: 'paragraph', text: `按计分规则，本单位${year}整体支出绩效自评得分${s.total}分，等级为“${s.grade}”。` });
  subheading('全年工作及成效');
  words('performance');
  // the rectification as the ledger has it on the day, when the unit names its source; else the unit's own words
  if (opts.rectification) {
    const r = opts.rectification;
    subheading(`${SOURCE_KIND_LABEL[r.source.kind as keyof typeof SOURCE_KIND_LABEL] ?? ''}整改情况`);
    blocks.push({ kind: 'paragraph', text: `${r.source.title}。${figuresPassage(r)}` });
  } else if (e.narrative?.rectification?.trim()) words('rectification');

  const list = (title: string, items: readonly { text: string }[], none: string) => {
    heading(title);
    if (items.length === 0) blocks.push({ kind: 'paragraph', text: none });
    items.forEach((x, k) => blocks.push({ kind: 'paragraph', text: `${k + 1}. ${x.text.replace(/[。；;]?$/, '。')}` }));
  };
  // the problems as the unit wrote them; where it wrote none, the indicators it did not reach are problems still —
  // a report that says "无" beside indicators missed says what is not so
  const shortfalls = missed.map((i) => ({
    text: `“${i.level3}”未完全达成：年度指标值${i.target}，实际完成值${i.actual}${reasons.get(i.level3)?.trim() ? `，${reasons.get(i.level3)?.trim()}` : ''}`,
  }));
  const problems = e.problems.length ? e.problems : shortfalls;
  list('存在的问题及原因分析', problems, '无。');
  list('下一步改进措施', e.measures, problems.length ? '（此部分由单位填写：针对上述问题的改进措施。）' : '无。');
  heading('单位整体支出绩效自评结果拟应用和公开情况');
  words('application');
  heading('其他需要说明的情况');
  words('other', '无。');

  // the 自评表 itself, as an attachment the reader reads back
  blocks.push(
    { kind: 'paragraph', text: `附件：${year}预算单位整体支出绩效自评表` },
    { kind: 'field', label: '预算单位名称', value: e.unit },
    ...budgetTables(e, s),
    ...indicatorTable(e, s),
  );
  return {
    document: {
      title: `${year}${e.unit}单位整体支出绩效自评报告`,
      blocks,
      signature: e.unit ? { issuer: e.unit, date: opts.date } : undefined,
    },
    unwritten: unwrittenSections(e.narrative),
  };
}
