// The life of a problem on the ledger, as a state machine. Pure: the services apply it and store what it decides.
//
//   not-started ──progress──▶ in-progress ──request closure (with evidence)──▶ closure-requested
//        │                         ▲                                              │        │
//        └──────request closure────┼──────────────────────────────────────────────┘        │
//                                  ├──────────────returned with reasons───────────────────┘
//                                  │                        accepted ─▶ completed (销号)
//                                  │                        accepted, long-term ─▶ phased (挂账不销账)
//                                  └──── look-back: 反弹 (relapsed) ◀── completed / phased
//
// No path reaches `completed` without a closure request that carried evidence and was accepted; a reopened problem
// keeps its history (the services append, never rewrite).

export type LedgerStatus = 'not-started' | 'in-progress' | 'closure-requested' | 'phased' | 'completed';

export const STATUS_LABEL: Record<LedgerStatus, string> = {
  'not-started': '未开始',
  'in-progress': '正在整改',
  'closure-requested': '待审核销号',
  phased: '阶段性完成',
  completed: '已完成（已销号）',
};

export interface ProblemState {
  readonly status: LedgerStatus;
  readonly longTerm: boolean;
  /** evidence attached to the pending closure request */
  readonly pendingEvidence: number;
  readonly reopenedCount: number;
}

export type ProblemAction =
  | { readonly kind: 'report-progress' }
  | { readonly kind: 'request-closure'; readonly evidenceCount: number }
  | { readonly kind: 'accept-closure' }
  | { readonly kind: 'return-closure'; readonly reason: string }
  /** a relapse reopens the problem, which must be given a new deadline: the old one has long passed */
  | { readonly kind: 'lookback'; readonly result: 'consolidated' | 'relapsed'; readonly newDeadline?: string | null | undefined }
  /**
   * A status another record states — a ledger workbook's row — taken as it is. `from` says which record, for the
   * status history. A pending closure request is not undone by a record that only says "being rectified".
   */
  | { readonly kind: 'import'; readonly status: ReportedStatus; readonly from: string };

export type ReportedStatus = 'completed' | 'phased' | 'in-progress' | 'not-started';

export type Transition =
  | { readonly ok: true; readonly state: ProblemState; readonly reason: string }
  | { readonly ok: false; readonly error: string };

const ok = (state: ProblemState, reason: string): Transition => ({ ok: true, state, reason });
const no = (error: string): Transition => ({ ok: false, error });

export function initialState(longTerm: boolean): ProblemState {
  return { status: 'not-started', longTerm, pendingEvidence: 0, reopenedCount: 0 };
}

export function transition(s: ProblemState, a: ProblemAction): Transition {
  switch (a.kind) {
    case 'report-progress':
      if (s.status === 'completed') return no('该问题已销号，不能再报告进展；如问题反弹，请通过“回头看”重新打开');
      return ok({ ...s, status: s.status === 'not-started' ? 'in-progress' : s.status }, '报告整改进展');
    case 'request-closure':
      if (a.evidenceCount < 1) return no('申请销号须附佐证材料');
      if (s.status === 'completed') return no('该问题已销号');
      if (s.status === 'closure-requested') return no('已有待审核的销号申请');
      if (s.status === 'phased' && s.longTerm) return no('长期整改问题已阶段性完成，挂账不销账；请继续报告进展');
      return ok({ ...s, status: 'closure-requested', pendingEvidence: a.evidenceCount }, '申请销号');
    case 'accept-closure':
      if (s.status !== 'closure-requested') return no('没有待审核的销号申请');
      if (s.pendingEvidence < 1) return no('销号申请没有佐证材料，不能同意');
      return s.longTerm
        ? ok({ ...s, status: 'phased', pendingEvidence: 0 }, '审核通过：长期整改问题阶段性完成，挂账不销账')
        : ok({ ...s, status: 'completed', pendingEvidence: 0 }, '审核通过，予以销号');
    case 'return-closure':
      if (s.status !== 'closure-requested') return no('没有待审核的销号申请');
      if (a.reason.trim() === '') return no('退回销号申请须写明理由');
      return ok({ ...s, status: 'in-progress', pendingEvidence: 0 }, `销号申请退回：${a.reason.trim()}`);
    case 'lookback':
      if (s.status !== 'completed' && s.status !== 'phased') return no('只能对已完成或阶段性完成的问题开展回头看');
      if (a.result === 'consolidated') return ok(s, '回头看：整改成果巩固');
      if (!a.newDeadline) return no('问题反弹、重新整改，须定新的整改时限');
      return ok({ ...s, status: 'in-progress', reopenedCount: s.reopenedCount + 1 }, `回头看：问题反弹，重新整改，时限至 ${a.newDeadline}`);
    case 'import':
      if (reportedStatus(s.status) === a.status) return ok(s, a.from);
      return ok({ ...s, status: a.status, pendingEvidence: 0 }, a.from);
  }
}

/** Where statistics put a status: a pending closure request is still being rectified. */
export function reportedStatus(s: LedgerStatus): ReportedStatus {
  return s === 'closure-requested' ? 'in-progress' : s;
}

/** Done for now: completed, or complete for this phase. Neither is overdue, nor open (the SQL of the lists reads this). */
export const DONE_FOR_NOW: readonly LedgerStatus[] = ['completed', 'phased'];

/** Open: still needs work against its deadline. Completed and phase-complete items are not overdue. */
export function isOpen(s: LedgerStatus): boolean {
  return !DONE_FOR_NOW.includes(s);
}
