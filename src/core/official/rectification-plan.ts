// 整改方案: per problem its measures, lead leader, lead and cooperating units, responsible person, deadline and
// target, as one table laid across the page, after the general requirements and before the guarantees.
import { TRIAGE_LABEL } from '../ledger/ledger-sheet.ts';
import { sourceAspects, sourceCounts } from './figures-sentence.ts';
import type { Block, LedgerSnapshot, OfficialDocument, SnapshotProblem } from './model.ts';
import type { PublicationSettings } from './publication.ts';
import { issuerOf } from './tongbao.ts';
import { chineseDate, headingNumber, measuresSentence } from './wording.ts';

const COLUMNS = [
  { title: '序号', width: 3 },
  { title: '问题', width: 14 },
  { title: '整改措施', width: 26 },
  { title: '责任领导', width: 6 },
  { title: '牵头单位', width: 8 },
  { title: '配合单位', width: 8 },
  { title: '责任人', width: 6 },
  { title: '整改时限', width: 8 },
  { title: '整改目标', width: 12 },
] as const;

function rows(p: SnapshotProblem, number: string): string[][] {
  const own = [
    number,
    p.title,
    measuresSentence(p.measures) || '（待制定）',
    p.leadLeader ?? '',
    p.leadUnit ?? '',
    p.cooperatingUnits.join('、'),
    p.responsiblePerson ?? '',
    [p.deadline ? chineseDate(p.deadline) : '', p.triage ? TRIAGE_LABEL[p.triage] : p.longTerm ? '长期整改' : '']
      .filter(Boolean)
      .join('\n'),
    p.target ?? '',
  ];
  if (p.children.length === 0) return [own];
  return [own, ...p.children.flatMap((c, i) => rows(c, `${number}.${i + 1}`))];
}

export function rectificationPlan(s: LedgerSnapshot, settings: PublicationSettings, date: string): OfficialDocument {
  const issuer = issuerOf(s, settings);
  const team = s.source.team ?? '上级';
  const aspects = sourceAspects(s);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `${headingNumber(1, 1)}总体要求` },
    {
      kind: 'paragraph',
      text: `对照${team}反馈的${aspects ? `${aspects}个方面` : ''}${sourceCounts(s).total}个问题，逐项制定整改措施${s.measures}项，明确责任领导、牵头单位、配合单位、责任人、整改时限和整改目标，做到问题不查清不放过、整改不到位不放过、群众不满意不放过。`,
    },
    { kind: 'heading', level: 1, text: `${headingNumber(1, 2)}整改任务` },
  ];
  let n = 0;
  s.aspects.forEach((a, ai) => {
    if (a.title !== null) blocks.push({ kind: 'heading', level: 2, text: `${headingNumber(2, ai + 1)}${a.title}` });
    blocks.push({ kind: 'table', columns: COLUMNS, rows: a.problems.flatMap((p) => rows(p, String(++n))) });
  });
  blocks.push(
    { kind: 'heading', level: 1, text: `${headingNumber(1, 3)}保障措施` },
    { kind: 'paragraph', text: '（一）加强组织领导。整改工作领导小组统筹推进，定期听取整改进展汇报，研究解决重点难点问题。' },
    { kind: 'paragraph', text: '（二）压实整改责任。牵头单位主要负责同志是第一责任人，按清单逐项推进，配合单位主动协同。' },
    { kind: 'paragraph', text: '（三）强化督查问效。实行台账管理、对账销号，一周一调度、半月一督办，对整改不力的予以通报、约谈直至问责。' },
  );
  return { title: `${issuer}落实${team}反馈意见整改方案`, blocks, signature: { issuer, date }, landscape: true };
}
