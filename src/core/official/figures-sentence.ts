// The overall figures of a source on a day, as one passage: how many aspects, problems and measures; how many
// completed, phase-complete, in progress and not started; the completion rate; institutions, money and
// accountability. The 通报 and the report to the People's Congress both say it from here, so they cannot disagree.
import { type Counts, countsOf, countsWithout, type Statistics } from '../ledger/statistics.ts';
import type { OpenedFromSubmissions } from '../public/submission.ts';
import type { LedgerSnapshot, SnapshotProblem } from './model.ts';
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

const fromPublic = (s: LedgerSnapshot): SnapshotProblem[] => s.aspects.flatMap((a) => a.problems).filter((p) => p.origin === 'public');

/**
 * The counts of the problems the source itself reported: the ledger's, less those the office opened from what the
 * public sent — "针对反馈的N个问题" are the report's alone (those others are told in the public's sentence).
 */
export function sourceCounts(s: LedgerSnapshot): Counts {
  const opened = fromPublic(s);
  if (opened.length === 0) return s.problems;
  return countsWithout(
    s.problems,
    countsOf(opened.map((p) => ({ status: p.status, pastDeadline: p.deadline !== null && p.deadline < s.asOf }))),
  );
}

/** The aspects the source reported (those holding a problem of its own). */
export function sourceAspects(s: LedgerSnapshot): number {
  return s.aspects.filter((a) => a.title !== null && a.problems.some((p) => p.origin === 'source')).length;
}

/** What the office made of the public's submissions by the as-of day: problems opened (completed among them), leads. */
export function openedFromSubmissions(s: LedgerSnapshot): OpenedFromSubmissions {
  const opened = countsOf(fromPublic(s).map((p) => ({ status: p.status, pastDeadline: false })));
  return { problems: opened.total, completed: opened.completed, leads: s.publicLeads?.received ?? 0 };
}

/**
 * Which figures a document uses, where the source said others: an audit report counts 185 findings and lists them as
 * a few dozen problems, and the ledger holds those. Empty when the ledger and the source agree, or the source said none.
 */
export function basisClause(s: LedgerSnapshot): string {
  const { problems, completed } = s.stated;
  const total = sourceCounts(s).total;
  if (problems === null || problems === total) return '';
  const done = completed === null ? '' : `、已整改到位${completed}个`;
  return `以上按台账逐项登记的${total}个问题统计；原报告所述为${problems}个问题${done}，统计口径不同。`;
}

/** The passage of a 通报: scope, then the day's figures, then outcomes — of the source's own problems. */
export function figuresPassage(s: LedgerSnapshot): string {
  const counts = sourceCounts(s);
  if (counts.total === 0) return `截至${chineseDate(s.asOf)}，台账中尚无登记的问题。`;
  const aspects = sourceAspects(s);
  const scope = `${aspects ? `${aspects}个方面` : ''}${counts.total}个问题`;
  // statuses are counted over problems, as the ledger's own statistics count them; specific problems are named once.
  // A problem opened from the public has no specific problems: it is one leaf of its own.
  const specific = s.specific.total - (s.problems.total - counts.total);
  const broken = specific !== counts.total ? `（细化为${specific}个具体问题）` : '';
  const measures = s.measures ? `，制定整改措施${s.measures}项` : '';
  const outcomes = outcomeClause(s.problems.outcomes);
  return `针对反馈的${scope}${broken}${measures}。截至${chineseDate(s.asOf)}，${statusClause(counts, '问题')}${outcomes ? `；${outcomes}` : ''}。${basisClause(s)}`;
}
