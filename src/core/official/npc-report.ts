// 审计查出问题整改情况的报告 (to the standing committee of the People's Congress): the overall sentence, the table
// by category (应整改问题, 已整改到位, 阶段性完成, 正在整改, 完成率, 金额), what is not yet done and why, next steps.
import { addDecimals } from '../money.ts';
import { emptyCounts, type Counts } from '../ledger/statistics.ts';
import { basisClause, outcomeClause, sourceCounts } from './figures-sentence.ts';
import type { Block, LedgerSnapshot, OfficialDocument, SnapshotProblem } from './model.ts';
import type { PublicationSettings } from './publication.ts';
import { issuerOf } from './tongbao.ts';
import { chineseDate, headingNumber, measuresSentence, numberedHeading, ratePercent, statusPhrase } from './wording.ts';

/** "关于清远市2022年度市级预算执行和其他财政收支的审计工作报告" — what the report answers to, from the source title. */
function subjectOf(title: string): string {
  const m = /关于(.+?)(?:审计查出问题整改情况的报告|的?审计工作报告)/.exec(title.replace(/\s+/g, ''));
  return m ? `关于${m[1]}的审计工作报告` : title;
}

const done = (p: SnapshotProblem) => p.status === 'completed';

function money(ps: readonly SnapshotProblem[]): string {
  return addDecimals(ps.flatMap((p) => [p.moneyWan, ...p.children.map((c) => c.moneyWan)]).filter((m): m is string => m !== null));
}

export function npcReport(whole: LedgerSnapshot, settings: PublicationSettings, date: string, recipient?: string): OfficialDocument {
  // the problems the audit found: those opened from what the public sent about its 通报 are not the audit's to report
  const s = {
    ...whole,
    aspects: whole.aspects
      .map((a) => ({ ...a, problems: a.problems.filter((p) => p.origin === 'source') }))
      .filter((a) => a.problems.length > 0),
  };
  const subject = subjectOf(s.source.title);
  const counts = sourceCounts(whole);
  const byAspect = s.problems.byAspect;
  const outcomes = outcomeClause(s.problems.outcomes);
  const blocks: Block[] = [
    { kind: 'paragraph', text: `现将《${subject}》所反映问题的整改情况报告如下。` },
    { kind: 'heading', level: 1, text: `${headingNumber(1, 1)}审计查出问题整改总体情况` },
    {
      kind: 'paragraph',
      text:
        counts.total === 0
          ? `截至${chineseDate(s.asOf)}，台账中尚无登记的问题。`
          : `截至${chineseDate(s.asOf)}，《${subject}》反映的${counts.total}个问题，${counts.completed}个已整改到位，整改完成率${ratePercent(counts.completionRate)}${counts.phased ? `，阶段性完成${counts.phased}个` : ''}${counts.inProgress + counts.notStarted ? `，正在整改${counts.inProgress + counts.notStarted}个` : ''}${outcomes ? `；${outcomes}` : ''}。${basisClause(whole)}各类问题整改情况见下表。`,
    },
  ];
  const row = (name: string, c: Counts, m: string) => [
    name,
    String(c.total),
    String(c.completed),
    String(c.phased),
    String(c.inProgress + c.notStarted),
    ratePercent(c.completionRate),
    m,
  ];
  const named = s.aspects.filter((a) => a.title !== null);
  blocks.push({
    kind: 'table',
    columns: [
      { title: '问题类别', width: 10 },
      { title: '应整改问题（个）', width: 5 },
      { title: '已整改到位（个）', width: 5 },
      { title: '阶段性完成（个）', width: 5 },
      { title: '正在整改（个）', width: 5 },
      { title: '整改完成率', width: 4 },
      { title: '问题整改金额（万元）', width: 6 },
    ],
    rows: [
      ...named.map((a) => row(a.title as string, byAspect[a.title as string] ?? emptyCounts(), money(a.problems))),
      row('合计', counts, money(s.aspects.flatMap((a) => a.problems))),
    ],
  });

  // each category, then each problem with its status line and measures, numbered as the reader numbers them
  blocks.push({ kind: 'heading', level: 1, text: `${headingNumber(1, 2)}审计查出问题分类整改情况` });
  let n = 0;
  s.aspects.forEach((a, i) => {
    if (a.title !== null) {
      blocks.push({ kind: 'heading', level: 2, text: `${headingNumber(2, i + 1)}${a.title}` });
      blocks.push({ kind: 'paragraph', text: `应整改问题${a.problems.length}个，${a.problems.filter(done).length}个已整改到位。` });
    }
    for (const p of a.problems) {
      blocks.push({ kind: 'heading', level: 3, text: numberedHeading(3, ++n, p.title) });
      blocks.push({ kind: 'paragraph', text: `整改情况：${statusPhrase(p.status, p.longTerm)}。${measuresSentence(p.measures)}` });
    }
  });

  const open = s.aspects.flatMap((a) => a.problems).filter((p) => !done(p));
  blocks.push({ kind: 'heading', level: 1, text: `${headingNumber(1, 3)}尚未整改到位的问题及原因` });
  blocks.push({
    kind: 'paragraph',
    text:
      open.length === 0
        ? '审计查出问题均已整改到位。'
        : `${open
            .map(
              (p) =>
                `“${p.title}”：${p.latestNote ?? '牵头单位尚未报送未完成原因'}，${p.leadUnit ? `由${p.leadUnit}牵头，` : ''}${p.deadline ? `计划于${chineseDate(p.deadline)}前完成` : '尚未明确整改时限'}`,
            )
            .join('；')}。`,
  });

  blocks.push(
    { kind: 'heading', level: 1, text: `${headingNumber(1, 4)}下一步工作安排` },
    {
      kind: 'paragraph',
      text: '对尚未整改到位的问题，逐项明确责任单位、整改措施和完成时限，实行清单管理、挂账督办，整改一个、销号一个；对已整改的问题适时开展“回头看”，推动从个案整改向制度完善转变，并按规定向社会公告整改结果。',
    },
  );
  return {
    title: subject.replace(/的?审计工作报告$/, '审计查出问题整改情况的报告').replace(/^关于关于/, '关于'),
    recipient,
    blocks,
    signature: { issuer: issuerOf(s, settings), date },
  };
}
