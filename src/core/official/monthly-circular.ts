// 每月一通报: the month's rectification standings — the overall figures, what supervision sent out, units ranked by
// completion and timeliness, and the units with overdue items named.
import { formatRate } from '../ledger/completion-rate.ts';
import { NO_UNIT, type UnitStanding } from '../supervision/ranking.ts';
import type { Block, OfficialDocument } from './model.ts';
import { chineseDate, headingNumber, ratePercent } from './wording.ts';

export interface MonthFacts {
  readonly month: string; // "2025-02"
  readonly end: string; // the last day counted
  readonly standings: readonly UnitStanding[];
  /** reminders and escalations sent in the month, by kind (due-soon, overdue, missed-report, warning) or rung */
  readonly sent: Readonly<Record<string, number>>;
  /** open items past their deadline at the end, by unit */
  readonly overdue: readonly { readonly unit: string; readonly codes: readonly string[] }[];
}

export function monthlyCircular(f: MonthFacts, issuer: string, date: string): OfficialDocument {
  const [y, m] = f.month.split('-').map(Number);
  const label = `${y}年${m}月`;
  const sum = (k: keyof UnitStanding) => f.standings.reduce((t, s) => t + (s[k] as number), 0);
  const total = sum('total');
  const completed = sum('completed');
  const n = (k: string) => f.sent[k] ?? 0;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `按照“一日一推进、一周一调度、半月一督办、每月一通报”的工作要求，现将${label}整改工作推进情况通报如下。` },
    { kind: 'heading', level: 1, text: `${headingNumber(1, 1)}总体进展` },
    {
      kind: 'paragraph',
      text: `截至${chineseDate(f.end)}，台账在册问题${total}个，已完成整改${completed}个，阶段性完成${sum('phased')}个，超过整改时限仍未完成${sum('overdue')}个，整改完成率${ratePercent(total ? (completed / total) * 100 : null)}。本月发出临近时限提醒${n('due-soon')}次、超期提醒${n('overdue')}次、预警${n('warning')}次，发出督办单${n('notice')}份、挂牌督办${n('listed')}项、约谈建议${n('talk')}项；各单位未按时报送整改进展${n('missed-report')}次。`,
    },
    { kind: 'heading', level: 1, text: `${headingNumber(1, 2)}各单位整改推进情况排名` },
    {
      kind: 'table',
      columns: [
        { title: '排名', width: 2 },
        { title: '牵头单位', width: 6 },
        { title: '问题数', width: 2 },
        { title: '已完成', width: 2 },
        { title: '阶段性完成', width: 3 },
        { title: '超期', width: 2 },
        { title: '完成率', width: 3 },
        { title: '按时率', width: 3 },
        { title: '未按时报送', width: 3 },
      ],
      rows: f.standings.map((s) => [
        String(s.rank),
        s.unit,
        String(s.total),
        String(s.completed),
        String(s.phased),
        String(s.overdue),
        `${formatRate(s.completionRate, 1)}%`,
        `${formatRate(s.timelinessRate, 1)}%`,
        String(s.missedReports),
      ]),
    },
    { kind: 'paragraph', text: '排名依次按整改完成率、按时率（按期完成或尚在时限内的问题占比）和未按时报送次数确定。' },
    { kind: 'heading', level: 1, text: `${headingNumber(1, 3)}存在的问题` },
    {
      kind: 'paragraph',
      text: f.overdue.length
        ? `以下单位有超过整改时限仍未完成的问题，予以通报：${f.overdue.map((o) => `${o.unit === NO_UNIT ? '尚未明确牵头单位的问题' : o.unit}（${o.codes.length}个：${o.codes.join('、')}）`).join('；')}。`
        : '本月末没有超过整改时限仍未完成的问题。',
    },
    { kind: 'heading', level: 1, text: `${headingNumber(1, 4)}下一步工作要求` },
    {
      kind: 'paragraph',
      text: '各牵头单位要对照问题清单、任务清单、责任清单逐项推进，按时报送整改进展；对超期未完成的问题，须于五个工作日内说明原因、提出整改计划；整改办将继续实行挂牌督办，对整改不力的按程序约谈直至问责。',
    },
  ];
  return { title: `${issuer}关于${label}整改工作推进情况的通报`, blocks, signature: { issuer, date } };
}
