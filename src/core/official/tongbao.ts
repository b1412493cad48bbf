// 巡察（巡视、审计）整改进展情况的通报: the document an inspected unit publishes. Built from the ledger on the as-of
// day; the public version passes every text through the source's publication settings.
import { SOURCE_KIND_LABEL, type SourceKind } from '../ledger/codes.ts';
import { figuresPassage, openedFromSubmissions } from './figures-sentence.ts';
import { leadSentence } from '../leads/statistics.ts';
import { submissionSentence } from '../public/submission.ts';
import type { Block, LedgerSnapshot, OfficialDocument, SnapshotProblem } from './model.ts';
import { commentPeriodEnd, redact, shownContacts, type PublicationSettings } from './publication.ts';
import { chineseDate, deployingBody, headingNumber, measuresSentence, numberedHeading, statusPhrase } from './wording.ts';

export interface TongbaoOptions {
  readonly public: boolean;
  /** 成文日期, also the first day of the comment period */
  readonly date: string;
}

/** The unit that speaks: the settings' issuer, else whoever signed the source's own report, else the inspected unit. */
export function issuerOf(s: LedgerSnapshot, settings: PublicationSettings): string {
  return settings.issuer ?? s.source.issuer ?? s.source.inspectedUnit ?? '本单位';
}

function inspectionWord(kind: string): string {
  return kind === 'xunshi'
    ? '巡视'
    : kind === 'audit'
      ? '审计'
      : kind === 'xuncha'
        ? '巡察'
        : (SOURCE_KIND_LABEL[kind as SourceKind] ?? '检查');
}

function opening(s: LedgerSnapshot, word: string): string {
  const f = s.source;
  const body = deployingBody(f.team);
  const who = f.team ?? `${word}组`;
  const unit = f.inspectedUnit ?? '我单位';
  const parts: string[] = [];
  const period = f.periodStart && f.periodEnd ? `${chineseDate(f.periodStart)}至${chineseDate(f.periodEnd)}，` : '';
  parts.push(`根据${body ?? `${word}工作`}统一部署，${period}${who}对${unit}开展了${word}。`);
  if (f.feedbackDate) parts.push(`${chineseDate(f.feedbackDate)}，${who}向${unit}反馈了${word}意见。`);
  parts.push(`按照党务公开原则和${word}工作有关要求，现将${word}整改进展情况予以公布。`);
  return parts.join('');
}

function problemBlocks(p: SnapshotProblem, n: number, level: 3 | 4, internal: boolean, clean: (t: string) => string): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level, text: numberedHeading(level, n, clean(p.title)) }];
  blocks.push({ kind: 'paragraph', text: `整改情况：${statusPhrase(p.status, p.longTerm)}。${clean(measuresSentence(p.measures))}` });
  if (internal) {
    const who = [
      `牵头单位：${p.leadUnit ?? '未指定'}`,
      ...(p.cooperatingUnits.length ? [`配合单位：${p.cooperatingUnits.join('、')}`] : []),
      `责任领导：${p.leadLeader ?? '未指定'}`,
      `责任人：${p.responsiblePerson ?? '未指定'}`,
      `整改时限：${p.deadline ? chineseDate(p.deadline) : '未定'}`,
      `进度：${p.progress}%`,
    ];
    blocks.push({ kind: 'paragraph', text: clean(`（内部）${who.join('；')}。${p.latestNote ? `最新进展：${p.latestNote}` : ''}`) });
  }
  // a problem's own status comes first, its specific problems after it with theirs
  if (level === 3) p.children.forEach((c, i) => blocks.push(...problemBlocks(c, i + 1, 4, internal, clean)));
  return blocks;
}

export function tongbao(s: LedgerSnapshot, settings: PublicationSettings, o: TongbaoOptions): OfficialDocument {
  const word = inspectionWord(s.source.kind);
  const issuer = issuerOf(s, settings);
  const clean = (t: string) => (o.public ? redact(t, settings, s.people) : t);
  // the working record (units, people, deadlines, notes) stays out of a public version unless the source says otherwise
  const internal = !o.public || !settings.hide.internalNotes;
  const counts = s.problems;
  const longTerm = s.aspects.some((a) => a.problems.some((p) => p.longTerm));
  const blocks: Block[] = [{ kind: 'paragraph', text: opening(s, word) }];

  blocks.push({ kind: 'heading', level: 1, text: `${headingNumber(1, 1)}${word}整改工作组织开展情况` });
  blocks.push({
    kind: 'paragraph',
    text: `${issuer}把${word}整改作为重要政治任务，建立问题清单、任务清单、责任清单和督办清单，逐项明确责任领导、牵头单位、整改措施和整改时限，实行台账管理、对账销号。${figuresPassage(s)}${leadSentence(s.leads, s.asOf, `${word}移交的问题线索`) ?? ''}${s.submissions ? (submissionSentence(s.submissions, openedFromSubmissions(s)) ?? '') : ''}`,
  });

  blocks.push({ kind: 'heading', level: 1, text: `${headingNumber(1, 2)}${word}反馈问题整改落实情况` });
  let n = 0;
  let aspectNo = 0;
  // the problems the source fed back; those opened from what the public sent are counted in the public's sentence
  for (const a of s.aspects) {
    const own = a.problems.filter((p) => p.origin === 'source');
    if (own.length === 0) continue;
    if (a.title !== null) blocks.push({ kind: 'heading', level: 2, text: `${headingNumber(2, ++aspectNo)}${clean(a.title)}` });
    for (const p of own) blocks.push(...problemBlocks(p, ++n, 3, internal, clean));
  }

  blocks.push({ kind: 'heading', level: 1, text: `${headingNumber(1, 3)}下一步工作打算` });
  const open = counts.inProgress + counts.notStarted;
  blocks.push({
    kind: 'paragraph',
    text: [
      open ? '对正在整改的问题，逐项盯进度、查短板，挂账督办，确保按期整改到位。' : '',
      // no count here: a stated long-term count would read as one more part of the total
      longTerm ? '对需长期坚持的问题，建立长效机制，持续推进。' : '',
      '对已完成的整改事项适时开展“回头看”，防止问题反弹，确保件件有着落、事事有回音。',
    ].join(''),
  });

  const end = commentPeriodEnd(o.date, settings.commentDays);
  const contacts = shownContacts(settings, o.public);
  const label = { person: '联系人', phone: '联系电话', email: '电子邮箱', address: '通信地址', postcode: '邮政编码' } as const;
  const contactText = contacts.map((c) => `${label[c.kind]}：${c.value}`).join('；');
  blocks.push({
    kind: 'paragraph',
    text: `欢迎广大干部群众对${word}整改落实情况进行监督。如有意见建议，请在公开期限内向我们反映。公开期限：${chineseDate(o.date)}至${chineseDate(end)}。${contactText ? `${contactText}。` : ''}`,
  });

  return {
    title: `${issuer}关于${word}整改进展情况的通报`,
    blocks,
    signature: { issuer, date: o.date },
  };
}
