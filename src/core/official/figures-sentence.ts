// The overall figures of a source on a day, as one passage: how many aspects, problems and measures; how many
// completed, phase-complete, in progress and not started; the completion rate; institutions, money and
// accountability. The 通报 and the report to the People's Congress both say it from here, so they cannot disagree.
import type { Counts, Statistics } from '../ledger/statistics.ts';
import type { LedgerSnapshot } from './model.ts';
import { chineseDate, moneyClauses, ratePercent } from './wording.ts';

/** "8个问题中已完成整改6个，阶段性完成2个，正在整改1个，整改完成率75%" — parts that are zero are left out, except completed. */
export function statusClause(counts: Counts, noun: string): string {
  const parts = [`${counts.total}个${noun}中已完成整改${counts.completed}个`];
  if (counts.phased) parts.push(`阶段性完成${counts.phased}个`);
  if (counts.inProgress) parts.push(`正在整改${counts.inProgress}个`);
  if (counts.notStarted) parts.push(`尚未整改${counts.notStarted}个`);
  parts.push(`整改完成率${ratePercent(counts.completionRate)}`);
  return parts.join('，');
}

/** "建立完善制度4项，追回资金12.36万元，追责问责2人"; empty when the ledger records none. */
export function outcomeClause(o: Statistics['outcomes']): string {
  const parts: string[] = [];
  if (o.institutions) parts.push(`建立完善制度${o.institutions}项`);
  parts.push(...moneyClauses(o.moneyByKind));
  if (o.accountable) parts.push(`追责问责${o.accountable}人`);
  return parts.join('，');
}

/**
 * Which figures a document uses, where the source said others: an audit report counts 185 findings and lists them as
 * a few dozen problems, and the ledger holds those. Empty when the ledger and the source agree, or the source said none.
 */
export function basisClause(s: LedgerSnapshot): string {
  const { problems, completed } = s.stated;
  if (problems === null || problems === s.problems.total) return '';
  const done = completed === null ? '' : `、已整改到位${completed}个`;
  return `以上按台账逐项登记的${s.problems.total}个问题统计；原报告所述为${problems}个问题${done}，统计口径不同。`;
}

/** The passage of a 通报: scope, then the day's figures, then outcomes. */
export function figuresPassage(s: LedgerSnapshot): string {
  if (s.problems.total === 0) return `截至${chineseDate(s.asOf)}，台账中尚无登记的问题。`;
  const aspects = s.aspects.filter((a) => a.title !== null).length;
  const scope = `${aspects ? `${aspects}个方面` : ''}${s.problems.total}个问题`;
  // statuses are counted over problems, as the ledger's own statistics count them; specific problems are named once
  const broken = s.specific.total !== s.problems.total ? `（细化为${s.specific.total}个具体问题）` : '';
  const measures = s.measures ? `，制定整改措施${s.measures}项` : '';
  const outcomes = outcomeClause(s.problems.outcomes);
  return `针对反馈的${scope}${broken}${measures}。截至${chineseDate(s.asOf)}，${statusClause(s.problems, '问题')}${outcomes ? `；${outcomes}` : ''}。${basisClause(s)}`;
}
