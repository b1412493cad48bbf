// Forms for one item: the 督办单 the office sends a lead unit, and the 对账销号单 that goes with a closure — each one
// page of fields filled from the item's ledger record, with blanks left for the signatures.
import { daysBetween, fromDay, toDay } from '../ledger/dates.ts';
import { MEASURE_STATUS_LABEL } from '../ledger/ledger-sheet.ts';
import { STATUS_LABEL, type LedgerStatus } from '../ledger/problem-state.ts';
import { COLOUR_LABEL, type WarningColour } from '../ledger/warning.ts';
import type { Block, OfficialDocument } from './model.ts';
import { chineseDate, measuresSentence } from './wording.ts';

/** The forms of one item, by the name the office calls them. */
export type ItemFormKind = 'notice' | 'closure';
export const ITEM_FORM_NAME: Record<ItemFormKind, string> = { notice: '督办单', closure: '对账销号单' };

export interface ItemFacts {
  readonly code: string;
  readonly title: string;
  readonly sourceTitle: string;
  readonly aspect: string | null;
  readonly status: LedgerStatus;
  readonly longTerm: boolean;
  readonly progress: number;
  readonly leadUnit: string | null;
  readonly cooperatingUnits: readonly string[];
  readonly leadLeader: string | null;
  readonly responsiblePerson: string | null;
  readonly deadline: string | null;
  readonly target: string | null;
  readonly colour: WarningColour | null;
  readonly measures: readonly { text: string; status: string }[];
  readonly evidence: readonly { fileName: string }[];
  /** supervision already recorded on the item, oldest first */
  readonly supervision: readonly { at: string; label: string }[];
  /** the latest closure request, if any */
  readonly closure: {
    requestedBy: string;
    requestedAt: string;
    note: string | null;
    decision: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
    reason: string | null;
  } | null;
}

const orNone = (s: string | null | undefined) => (s?.trim() ? s : '未指定');

function lateness(deadline: string | null, today: string): string {
  if (!deadline) return '未定整改时限';
  const d = daysBetween(today, deadline);
  return d < 0 ? `已超过整改时限${-d}天` : d === 0 ? '今日到期' : `距整改时限${d}天`;
}

/**
 * Why no 督办单 can be issued for a problem, or null when one can: a closed problem is no longer supervised, and a
 * notice needs a unit to be sent to ("请未指定于…前报送" asked nobody).
 */
export function noticeRefusal(f: { code: string; status: string; leadUnit: string | null }): string | null {
  if (f.status === 'completed') return `问题 ${f.code} 已完成整改并销号，不再督办`;
  if (!f.leadUnit?.trim()) return `问题 ${f.code} 还没有牵头单位：请先分工，再下发督办单`;
  return null;
}

export function supervisionNotice(f: ItemFacts, issuer: string, today: string, replyDays = 5): OfficialDocument {
  const round = f.supervision.length + 1;
  const replyBy = fromDay(toDay(today) + replyDays);
  const blocks: Block[] = [
    { kind: 'field', label: '督办编号', value: `${f.code}-督${round}` },
    { kind: 'field', label: '督办事项', value: f.title },
    { kind: 'field', label: '问题来源', value: `${f.sourceTitle}${f.aspect ? `（${f.aspect}）` : ''}` },
    { kind: 'field', label: '牵头单位', value: orNone(f.leadUnit) },
    { kind: 'field', label: '配合单位', value: f.cooperatingUnits.join('、') || '无' },
    { kind: 'field', label: '责任领导', value: orNone(f.leadLeader) },
    { kind: 'field', label: '责任人', value: orNone(f.responsiblePerson) },
    {
      kind: 'field',
      label: '整改时限',
      value: f.deadline ? `${chineseDate(f.deadline)}（${lateness(f.deadline, today)}）` : lateness(null, today),
    },
    { kind: 'field', label: '当前状态', value: `${STATUS_LABEL[f.status]}${f.longTerm ? '（长期整改）' : ''}，进度${f.progress}%` },
    { kind: 'field', label: '预警等级', value: f.colour ? COLOUR_LABEL[f.colour] : '无' },
    {
      kind: 'field',
      label: '此前督办',
      value: f.supervision.length ? f.supervision.map((s) => `${chineseDate(s.at)}${s.label}`).join('；') : '无',
    },
    {
      kind: 'field',
      label: '督办要求',
      value: `请${orNone(f.leadUnit)}于${chineseDate(replyBy)}前报送整改进展情况及佐证材料；对照整改措施逐项落实，确保${f.deadline ? `${chineseDate(f.deadline)}前` : '按期'}整改到位。逾期未完成的，将按程序挂牌督办直至约谈、问责。`,
    },
    { kind: 'field', label: '督办单位', value: `${issuer}\n${chineseDate(today)}` },
    { kind: 'field', label: '签收', value: '签收人：　　　　　　签收日期：　　年　　月　　日' },
  ];
  return { title: '整改事项督办单', blocks, form: true };
}

export function closureForm(f: ItemFacts, issuer: string, today: string): OfficialDocument {
  const c = f.closure;
  const measures = f.measures.length
    ? f.measures
        .map(
          (m, i) =>
            `${i + 1}. ${measuresSentence([m]).replace(/^一是/, '').replace(/。$/, '')}（${MEASURE_STATUS_LABEL[m.status as keyof typeof MEASURE_STATUS_LABEL] ?? m.status}）`,
        )
        .join('\n')
    : '无';
  const decision = c?.decision
    ? `${c.decision === 'accepted' ? '同意销号' : '退回'}${c.reason ? `：${c.reason}` : ''}（${c.decidedBy ?? ''}，${c.decidedAt ? chineseDate(c.decidedAt) : ''}）`
    : '　';
  const blocks: Block[] = [
    { kind: 'field', label: '问题编号', value: f.code },
    { kind: 'field', label: '问题来源', value: `${f.sourceTitle}${f.aspect ? `（${f.aspect}）` : ''}` },
    { kind: 'field', label: '问题', value: f.title },
    { kind: 'field', label: '牵头单位', value: orNone(f.leadUnit) },
    { kind: 'field', label: '责任领导', value: orNone(f.leadLeader) },
    { kind: 'field', label: '整改时限', value: f.deadline ? chineseDate(f.deadline) : '未定' },
    { kind: 'field', label: '整改目标', value: f.target ?? '未写明' },
    { kind: 'field', label: '整改措施及完成情况', value: measures },
    { kind: 'field', label: '佐证材料', value: f.evidence.length ? f.evidence.map((e, i) => `${i + 1}. ${e.fileName}`).join('\n') : '无' },
    {
      kind: 'field',
      label: '销号申请',
      value: c ? `${c.requestedBy}于${chineseDate(c.requestedAt)}申请销号${c.note ? `：${c.note}` : ''}` : '尚未申请',
    },
    { kind: 'field', label: '当前状态', value: `${STATUS_LABEL[f.status]}${f.longTerm ? '（长期整改，阶段性完成后继续挂账）' : ''}` },
    { kind: 'field', label: '整改办审核意见', value: decision },
    { kind: 'field', label: '牵头单位负责人（签字）', value: '　\n　　　　年　　月　　日' },
    { kind: 'field', label: '分管领导审批（签字）', value: '　\n　　　　年　　月　　日' },
    { kind: 'field', label: '出具单位', value: `${issuer}\n${chineseDate(today)}` },
  ];
  return { title: '整改事项对账销号单', blocks, form: true };
}
