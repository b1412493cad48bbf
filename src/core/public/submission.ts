// What the public sends about a published rectification (社会监督): its kinds, what a sender must and may give, when the
// form is open (the 公开期限 of the 通报 it is about), the reference a sender asks with, what counts as the same text
// sent again, and what the office's handling of it comes to. Pure: the service hashes, draws and stores.

export type SubmissionKind = 'opinion' | 'complaint' | 'lead';

/**
 * Where a problem or a lead came from: the inspection or audit itself, or what the public sent about it. A document
 * counts them apart — "针对反馈的N个问题" and "巡察移交的问题线索" are the source's alone.
 */
export type Origin = 'source' | 'public';

export const SUBMISSION_KIND_LABEL: Record<SubmissionKind, string> = {
  opinion: '意见建议',
  complaint: '投诉',
  lead: '问题线索',
};

/** Where a submission stands in the office: not yet read, read, handled (answered, or made a problem or a lead). */
export type SubmissionState = 'new' | 'read' | 'handled';

export const SUBMISSION_STATE_LABEL: Record<SubmissionState, string> = {
  new: '待阅',
  read: '已阅',
  handled: '已办理',
};

/** The same states as the sender reads them about their own submission. */
export const SENDER_STATE_LABEL: Record<SubmissionState, string> = {
  new: '待受理',
  read: '已受理',
  handled: '已办理',
};

export const SUBMISSION_LIMITS = { contentMin: 10, contentMax: 2000, nameMax: 40, replyMax: 2000 } as const;

const PHONE = /^[0-9+\-() ]{5,20}$/;

export interface SubmissionInput {
  readonly kind: string;
  readonly content: string;
  readonly name?: string | undefined;
  readonly phone?: string | undefined;
}

/** Why a submission cannot be taken as it stands, in the sender's words; null when it can. */
export function submissionRefusal(s: SubmissionInput): string | null {
  if (!(s.kind in SUBMISSION_KIND_LABEL)) return '请选择反映的类别（意见建议、投诉或问题线索）';
  const content = s.content.trim();
  // counted in words, not in punctuation: "。。。。。。。。。。。。" says nothing
  if (sameText(content).length < SUBMISSION_LIMITS.contentMin)
    return `反映的内容过短，请至少写${SUBMISSION_LIMITS.contentMin}个字，说明具体事项`;
  if (content.length > SUBMISSION_LIMITS.contentMax)
    return `反映的内容共${content.length}字，超过${SUBMISSION_LIMITS.contentMax}字的上限，请精简后再提交`;
  if ((s.name ?? '').trim().length > SUBMISSION_LIMITS.nameMax) return `姓名不超过${SUBMISSION_LIMITS.nameMax}个字`;
  const phone = (s.phone ?? '').trim();
  if (phone !== '' && !PHONE.test(phone)) return `联系电话“${phone}”不是电话号码（只能有数字、+、-、括号和空格）`;
  return null;
}

/** Whether the 通报's comment period is open on `today`: from the day it is published through its last day. */
export function periodState(p: { publishedOn: string; periodEnd: string }, today: string): 'before' | 'open' | 'closed' {
  if (today < p.publishedOn) return 'before';
  return today <= p.periodEnd ? 'open' : 'closed';
}

/** Why the form does not take a submission today, or null. */
export function periodRefusal(p: { publishedOn: string; periodEnd: string }, today: string): string | null {
  const state = periodState(p, today);
  if (state === 'before') return `公开期限自${p.publishedOn}开始，届时方可提交`;
  if (state === 'closed') return `公开期限已于${p.periodEnd}结束，不再通过本页受理；如有反映，请按通报所列方式联系`;
  return null;
}

/** Letters a person can read back over the phone: no 0/O, 1/I/L. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A submission's reference: "YJ2026-000017-K7Q3MX" — the year, its number in the year (one after another, no gaps:
 * a missing number would read as a deleted submission), and six drawn letters that make it
 * unguessable (whoever holds it reads the reply; counting the numbers up reads nothing).
 */
export const referenceOf = (year: string, n: number, drawn: string): string => `YJ${year}-${String(n).padStart(6, '0')}-${drawn}`;

/**
 * The reference without its drawn letters ("YJ2026-000017"): how the ledger names a submission where people other
 * than the office read it (a problem's history, which the unit it concerns reads). It finds nothing on the public part.
 */
export const submissionNumber = (ref: string): string => ref.split('-').slice(0, 2).join('-');

/** A reference as a person types it back: any case, spaces and a missing dash forgiven. */
export function typedReference(typed: string): string | null {
  const t = typed.toUpperCase().replace(/[\s—－]/g, '');
  const m = /^YJ(\d{4})-?(\d{6})-?([A-Z0-9]{6})$/.exec(t);
  return m ? `YJ${m[1]}-${m[2]}-${m[3]}` : null;
}

/** What makes two texts the same when sent again: the words, without spacing, punctuation or case. */
export const sameText = (content: string): string =>
  content
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');

/** The state a submission's record puts it in. */
export function submissionState(s: { readAt: unknown; handledOn: string | null }): SubmissionState {
  if (s.handledOn) return 'handled';
  return s.readAt ? 'read' : 'new';
}

/** A small sum a person works out before sending: no outside service, no script. */
export function challengeQuestion(a: number, b: number): string {
  return `${a} 加 ${b} 等于几？`;
}

export interface SubmissionFigures {
  readonly received: number;
  readonly handled: number;
}

/** Received and handled by the end of `asOf`, the same text sent again counted once. */
export function submissionFigures(
  rows: readonly { receivedOn: string; handledOn: string | null; duplicate: boolean }[],
  asOf: string,
): SubmissionFigures {
  const counted = rows.filter((r) => !r.duplicate && r.receivedOn <= asOf);
  return { received: counted.length, handled: counted.filter((r) => r.handledOn !== null && r.handledOn <= asOf).length };
}

/**
 * What its sender is told became of a submission, in words that name no problem, lead or body: that it went onto
 * the ledger to be rectified, that it was handed to the competent body. Null when neither (an answer alone).
 */
export function senderOutcome(s: { onLedger: boolean; handedOver: boolean }): string | null {
  const parts = [s.onLedger ? '已纳入整改台账，作为整改问题督促落实' : '', s.handedOver ? '已按规定移交有关机关办理' : ''].filter(Boolean);
  return parts.length ? `${parts.join('；')}。` : null;
}

/** What the office made of them by the as-of day: problems opened (and how many of those are completed), leads transferred. */
export interface OpenedFromSubmissions {
  readonly problems: number;
  readonly completed: number;
  readonly leads: number;
}

/** What the next 通报 says of them; nothing when none came. "已全部办理" only when true. */
export function submissionSentence(f: SubmissionFigures, opened?: OpenedFromSubmissions): string | null {
  if (f.received === 0) return null;
  const handled =
    f.handled === f.received
      ? `公开期间共收到干部群众反映${f.received}件，已全部办理`
      : `公开期间共收到干部群众反映${f.received}件，已办理${f.handled}件，其余${f.received - f.handled}件正在办理`;
  const made: string[] = [];
  // told apart from the source's own problems and leads, which the figures before this sentence count
  if (opened?.problems) made.push(`新增整改问题${opened.problems}个${opened.completed ? `（已整改完成${opened.completed}个）` : ''}`);
  if (opened?.leads) made.push(`移交问题线索${opened.leads}件`);
  return `${handled}${made.length ? `；据此${made.join('、')}` : ''}。`;
}
