// Use cases that change a problem: report progress, attach evidence, request and decide closure (销号), request and
// decide an extension, record supervision, look-backs and outcomes. Each runs in one transaction, asks the state
// machine in core/ledger whether the step is allowed, refuses a stale version, and writes the event log.
import { transition, type LedgerStatus, type ProblemAction, type ProblemState } from '../core/ledger/problem-state.ts';
import { isIsoDate } from '../core/ledger/dates.ts';
import { shiftDecimal, normalizeDecimal, type MoneyUnit } from '../core/money.ts';
import { evidenceRefusal, judgeEvidenceFile } from '../core/ledger/evidence-file.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Database } from '../store/schema.ts';
import type { Db } from '../store/open-database.ts';
import { storeFile } from '../store/file-store.ts';
import {
  deleteProblemUnits,
  insertProblemUnits,
  lockProblemInScope,
  recordStatusChanges,
  updateProblemAtVersion,
} from '../store/problem.repository.ts';
import { unitIdByName } from '../store/org.repository.ts';
import { countEvidenceOf, evidenceHeld, evidenceWithBytes, insertEvidence } from '../store/evidence.repository.ts';
import { measureByOrdinal, updateMeasure } from '../store/measure.repository.ts';
import { insertOutcome } from '../store/outcome.repository.ts';
import { personIdsByName } from '../store/person.repository.ts';
import { insertProgressUpdate } from '../store/progress.repository.ts';
import {
  decideClosureRequest,
  decideExtensionRequest,
  insertClosureRequest,
  insertExtensionRequest,
  pendingClosure,
  pendingExtension,
} from '../store/request.repository.ts';
import { insertLookback, recordSupervisionActions } from '../store/supervision.repository.ts';
import type { Transaction, Updateable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { SupervisionKind } from '../core/ledger/supervision.ts';
import { ActionRefused, NotFoundError, StaleVersionError } from '../core/errors.ts';

interface Actor {
  readonly actor: string;
  readonly at: string; // ISO day the step happened
  readonly expectedVersion?: number | undefined;
  /** the viewer's scope: a problem outside it is not found */
  readonly scope: Scope;
}

type Row = Awaited<ReturnType<typeof loadForUpdate>>;

async function loadForUpdate(trx: Transaction<Database>, code: string, scope: Scope) {
  const p = await lockProblemInScope(trx, code, scope);
  if (!p) throw new NotFoundError(`没有编号为“${code}”的问题`);
  return p;
}

function stateOf(p: Row, pendingEvidence: number): ProblemState {
  return { status: p.status as LedgerStatus, longTerm: p.long_term, pendingEvidence, reopenedCount: p.reopened_count };
}

function checkDay(at: string): void {
  if (!isIsoDate(at)) throw new ActionRefused(`日期“${at}”不是有效日期（应为 YYYY-MM-DD）`);
}

type Write<T> = (
  trx: Transaction<Database>,
  p: Row,
  next: ProblemState | null,
) => Promise<{ event: string; detail: unknown; extra?: Updateable<Database['problem']>; result: T }>;

/** Runs one step on a problem in its own transaction: state machine, version check, status history, event. */
async function step<T>(db: Db, code: string, who: Actor, action: ProblemAction | null, write: Write<T>): Promise<T> {
  checkDay(who.at);
  return db.transaction().execute((trx) => stepIn(trx, code, who, action, write));
}

/** The same step inside the caller's transaction (bulk edits: all or nothing). */
async function stepIn<T>(trx: Transaction<Database>, code: string, who: Actor, action: ProblemAction | null, write: Write<T>): Promise<T> {
  const p = await loadForUpdate(trx, code, who.scope);
  if (who.expectedVersion !== undefined && who.expectedVersion !== p.version) throw new StaleVersionError(code);
  let next: ProblemState | null = null;
  let reason = '';
  if (action) {
    const pending = await pendingClosure(trx, p.id);
    const t = transition(stateOf(p, pending?.evidence_ids.length ?? 0), action);
    if (!t.ok) throw new ActionRefused(t.error);
    next = t.state;
    reason = t.reason;
  }
  const { event, detail, extra, result } = await write(trx, p, next);
  const statusChanged = next !== null && next.status !== p.status;
  const updated = await updateProblemAtVersion(trx, p.id, p.version, {
    ...(extra ?? {}),
    // a status the state machine gave: no longer the import's untold one, whatever it is
    ...(next ? { status: next.status, reopened_count: next.reopenedCount, status_untold: false } : {}),
    version: p.version + 1,
    updated_at: new Date(),
  });
  if (!updated) throw new StaleVersionError(code);
  if (statusChanged) {
    await recordStatusChanges(trx, [
      {
        problem_id: p.id,
        at: who.at,
        from_status: p.status as LedgerStatus,
        to_status: (next as ProblemState).status,
        reason,
        actor: who.actor,
      },
    ]);
  }
  await appendEvents(trx, [
    {
      actor: who.actor,
      entity: 'problem',
      entityId: p.id,
      action: event,
      before: { code, status: p.status, version: p.version },
      after: { code, status: next?.status ?? p.status, version: p.version + 1, at: who.at, detail },
    },
  ]);
  return result;
}

export async function reportProgress(
  db: Db,
  code: string,
  who: Actor,
  input: { text: string; progress?: number | undefined; measure?: number | undefined },
) {
  if (!input.text.trim()) throw new ActionRefused('进展情况不能为空');
  if (input.progress !== undefined && !(Number.isInteger(input.progress) && input.progress >= 0 && input.progress <= 100))
    throw new ActionRefused('进度应为 0 到 100 的整数');
  return step(db, code, who, { kind: 'report-progress' }, async (trx, p) => {
    let measureId: number | null = null;
    if (input.measure !== undefined) {
      const m = await measureByOrdinal(trx, p.id, input.measure);
      if (!m) throw new ActionRefused(`问题 ${code} 没有第 ${input.measure} 项措施`);
      measureId = m.id;
      if (input.progress !== undefined)
        await updateMeasure(trx, m.id, { progress: input.progress, status: input.progress === 100 ? 'completed' : 'in-progress' });
    }
    await insertProgressUpdate(trx, {
      problem_id: p.id,
      measure_id: measureId,
      at: who.at,
      reported_by: who.actor,
      text: input.text.trim(),
      progress: input.progress ?? null,
    });
    const later = p.last_progress_at === null || p.last_progress_at < who.at;
    return {
      event: 'report-progress',
      detail: { text: input.text.trim(), progress: input.progress ?? null, measure: input.measure ?? null },
      extra: {
        ...(later ? { last_progress_at: who.at } : {}),
        ...(input.progress !== undefined && measureId === null ? { progress: input.progress } : {}),
      },
      result: undefined,
    };
  });
}

/** What a file is, by its content: the name may lie. */
export async function addEvidence(
  db: Db,
  code: string,
  who: Actor,
  file: { name: string; bytes: Uint8Array },
): Promise<{ id: number; fileName: string; already: boolean }> {
  const judged = judgeEvidenceFile(file.name, file.bytes);
  if ('refused' in judged) throw new ActionRefused(judged.refused);
  // kept first, chunk by chunk and outside the transaction (store/file-store.ts)
  const sha256 = await storeFile(db, file.bytes);
  const fileName = judged.name;
  // the same bytes again on the same problem — a phone re-sending an upload whose answer it never got — are the
  // evidence already there, not a copy of it
  const same = await db
    .transaction()
    .execute(async (trx) => evidenceWithBytes(trx, (await loadForUpdate(trx, code, who.scope)).id, sha256));
  if (same) return { id: same.id, fileName: same.file_name, already: true };
  const id = await step(db, code, who, null, async (trx, p) => {
    const refusal = evidenceRefusal({ code, status: p.status }, await evidenceHeld(trx, p.id), file.bytes.length);
    if (refusal) throw new ActionRefused(refusal);
    const id = await insertEvidence(trx, {
      problem_id: p.id,
      file_name: fileName,
      sha256,
      size: file.bytes.length,
      mime: judged.mime,
      uploaded_by: who.actor,
    });
    return { event: 'add-evidence', detail: { evidence: id, fileName, sha256, size: file.bytes.length }, result: id };
  });
  return { id, fileName, already: false };
}

export async function requestClosure(
  db: Db,
  code: string,
  who: Actor,
  input: { evidence: number[]; note?: string | undefined },
): Promise<number> {
  return step(db, code, who, { kind: 'request-closure', evidenceCount: new Set(input.evidence).size }, async (trx, p) => {
    const ids = [...new Set(input.evidence)];
    if ((await countEvidenceOf(trx, p.id, ids)) !== ids.length) throw new ActionRefused('所附佐证材料不属于该问题或不存在');
    const id = await insertClosureRequest(trx, {
      problem_id: p.id,
      requested_by: who.actor,
      requested_at: who.at,
      note: input.note ?? null,
      evidence_ids: ids,
    });
    return { event: 'request-closure', detail: { request: id, evidence: ids, note: input.note ?? null }, result: id };
  });
}

export async function decideClosure(db: Db, code: string, who: Actor, input: { accept: boolean; reason?: string | undefined }) {
  const action: ProblemAction = input.accept ? { kind: 'accept-closure' } : { kind: 'return-closure', reason: input.reason ?? '' };
  return step(db, code, who, action, async (trx, p, next) => {
    const pending = await pendingClosure(trx, p.id);
    // the state machine lets a decision through only with a request pending
    if (!pending) throw new Error(`${code}: a closure decided with no request pending`);
    await decideClosureRequest(trx, pending.id, {
      decision: input.accept ? 'accepted' : 'returned',
      by: who.actor,
      at: who.at,
      reason: input.reason ?? null,
    });
    return {
      event: input.accept ? 'accept-closure' : 'return-closure',
      detail: { request: pending.id, reason: input.reason ?? null },
      extra: input.accept && next?.status === 'completed' ? { progress: 100 } : {},
      result: next?.status,
    };
  });
}

export async function requestExtension(db: Db, code: string, who: Actor, input: { newDeadline: string; reason: string }): Promise<number> {
  checkDay(input.newDeadline);
  if (!input.reason.trim()) throw new ActionRefused('申请延期须写明理由');
  return step(db, code, who, null, async (trx, p) => {
    if (p.status === 'completed') throw new ActionRefused('该问题已销号，不需要延期');
    if (p.deadline && input.newDeadline <= p.deadline)
      throw new ActionRefused(`新的整改时限 ${input.newDeadline} 应晚于原时限 ${p.deadline}`);
    if (await pendingExtension(trx, p.id)) throw new ActionRefused('已有待审批的延期申请');
    const id = await insertExtensionRequest(trx, {
      problem_id: p.id,
      requested_by: who.actor,
      requested_at: who.at,
      reason: input.reason.trim(),
      old_deadline: p.deadline,
      new_deadline: input.newDeadline,
    });
    return {
      event: 'request-extension',
      detail: { request: id, from: p.deadline, to: input.newDeadline, reason: input.reason.trim() },
      result: id,
    };
  });
}

export async function decideExtension(db: Db, code: string, who: Actor, input: { approve: boolean; reason?: string | undefined }) {
  return step(db, code, who, null, async (trx, p) => {
    const req = await pendingExtension(trx, p.id);
    if (!req) throw new ActionRefused('没有待审批的延期申请');
    if (!input.approve && !input.reason?.trim()) throw new ActionRefused('不批准延期须写明理由');
    await decideExtensionRequest(trx, req.id, {
      decision: input.approve ? 'approved' : 'rejected',
      by: who.actor,
      at: who.at,
      reason: input.reason ?? null,
    });
    return {
      event: input.approve ? 'approve-extension' : 'reject-extension',
      detail: { request: req.id, from: req.old_deadline, to: req.new_deadline },
      extra: input.approve ? { deadline: req.new_deadline } : {},
      result: input.approve ? req.new_deadline : p.deadline,
    };
  });
}

export async function recordSupervision(db: Db, code: string, who: Actor, input: { kind: SupervisionKind; note?: string | undefined }) {
  return step(db, code, who, null, async (trx, p) => {
    await recordSupervisionActions(trx, [{ problem_id: p.id, kind: input.kind, at: who.at, by: who.actor, note: input.note ?? null }]);
    return { event: 'supervise', detail: { kind: input.kind, note: input.note ?? null }, result: undefined };
  });
}

export async function recordLookback(
  db: Db,
  code: string,
  who: Actor,
  input: { result: 'consolidated' | 'relapsed'; note?: string | undefined; newDeadline?: string | undefined },
) {
  if (input.result === 'relapsed' && input.newDeadline) {
    checkDay(input.newDeadline);
    if (input.newDeadline <= who.at) throw new ActionRefused(`新的整改时限（${input.newDeadline}）应晚于回头看之日（${who.at}）`);
  }
  const action = { kind: 'lookback', result: input.result, newDeadline: input.newDeadline } as const;
  return step(db, code, who, action, async (trx, p, next) => {
    await insertLookback(trx, { problem_id: p.id, at: who.at, by: who.actor, result: input.result, note: input.note ?? null });
    return {
      event: 'lookback',
      detail: { result: input.result, note: input.note ?? null, newDeadline: input.newDeadline ?? null },
      // reopened: a fresh deadline and a fresh start, so it is not at once overdue and escalated
      extra: input.result === 'relapsed' ? { progress: 0, deadline: input.newDeadline ?? null, last_progress_at: who.at } : {},
      result: next?.status,
    };
  });
}

export type OutcomeInput =
  | {
      kind: 'money';
      moneyKind: 'recovered' | 'treasury' | 'returned' | 'disbursed' | 'other';
      amount: string;
      unit: MoneyUnit;
      note?: string;
    }
  | { kind: 'institution'; title: string; edition?: string; action?: string; note?: string }
  | { kind: 'accountability'; people: number; how: string; note?: string }
  | { kind: 'meeting'; count: number; note?: string };

export async function recordOutcome(db: Db, code: string, who: Actor, input: OutcomeInput): Promise<number> {
  let money: { amount: string; wan: string } | null = null;
  if (input.kind === 'money') {
    const amount = normalizeDecimal(input.amount.trim());
    if (amount === null) throw new ActionRefused(`金额“${input.amount}”不是有效数字`);
    money = { amount, wan: shiftDecimal(amount, input.unit === '亿元' ? 4 : input.unit === '万元' ? 0 : -4) };
  }
  if (input.kind === 'accountability' && !(Number.isInteger(input.people) && input.people > 0))
    throw new ActionRefused('问责人数应为正整数');
  if (input.kind === 'institution' && !input.title.trim()) throw new ActionRefused('制度名称不能为空');
  return step(db, code, who, null, async (trx, p) => {
    const id = await insertOutcome(trx, {
      source_id: p.source_id,
      problem_id: p.id,
      kind: input.kind,
      money_kind: input.kind === 'money' ? input.moneyKind : null,
      amount: money?.amount ?? null,
      unit: input.kind === 'money' ? input.unit : null,
      amount_wan: money?.wan ?? null,
      title: input.kind === 'institution' ? input.title.trim() : null,
      edition: input.kind === 'institution' ? (input.edition ?? null) : null,
      action: input.kind === 'institution' ? (input.action ?? '制定') : null,
      people: input.kind === 'accountability' ? input.people : null,
      how: input.kind === 'accountability' ? input.how : null,
      count: input.kind === 'meeting' ? input.count : input.kind === 'institution' ? 1 : null,
      at: who.at,
      note: input.note ?? null,
    });
    return { event: 'record-outcome', detail: { outcome: id, ...input }, result: id };
  });
}

export interface Assignment {
  readonly leadUnit?: string | null | undefined;
  readonly cooperatingUnits?: readonly string[] | undefined;
  readonly leadLeader?: string | null | undefined;
  readonly responsiblePerson?: string | null | undefined;
  readonly deadline?: string | null | undefined;
  readonly triage?: 'immediate' | 'deadline' | 'long-term' | null | undefined;
  readonly target?: string | null | undefined;
  readonly amountDue?: { amount: string; unit: MoneyUnit } | null | undefined;
}

/**
 * Claiming a problem (认领): lead and cooperating units, lead leader, responsible person, deadline, triage class
 * (立行立改 / 限期整改 / 长期整改), target, amount to be rectified. Only the fields given change.
 */
export async function assignProblem(db: Db, code: string, who: Actor, a: Assignment) {
  if (a.deadline) checkDay(a.deadline);
  return step(db, code, who, null, assignment(a, who));
}

/** Bulk assignment or deadline edit over many problems: one transaction, all or nothing. */
export async function assignProblems(db: Db, codes: readonly string[], who: Actor, a: Assignment): Promise<number> {
  checkDay(who.at);
  if (a.deadline) checkDay(a.deadline);
  if (codes.length === 0) throw new ActionRefused('请先选择问题');
  return db.transaction().execute(async (trx) => {
    for (const code of codes) await stepIn(trx, code, { ...who, expectedVersion: undefined }, null, assignment(a, who));
    return codes.length;
  });
}

function assignment(a: Assignment, who: Actor): Write<undefined> {
  return async (trx, p) => {
    const unitId = (name: string) => unitIdByName(trx, name);
    const personId = async (name: string) => {
      const found = await personIdsByName(trx, name);
      if (found.length === 0) throw new ActionRefused(`人员“${name}”不存在，请先在人员中添加`);
      if (found.length > 1) throw new ActionRefused(`有 ${found.length} 位名为“${name}”的人员，请在网页中选择`);
      return found[0] as number;
    };
    const set: Updateable<Database['problem']> = {};
    if (a.leadUnit !== undefined) set.lead_unit_id = a.leadUnit === null ? null : await unitId(a.leadUnit);
    // a new lead unit reports from the day it was named, not from before it had the problem
    if (set.lead_unit_id !== undefined && set.lead_unit_id !== p.lead_unit_id) set.lead_since = set.lead_unit_id === null ? null : who.at;
    if (a.leadLeader !== undefined) set.lead_leader_id = a.leadLeader === null ? null : await personId(a.leadLeader);
    if (a.responsiblePerson !== undefined)
      set.responsible_person_id = a.responsiblePerson === null ? null : await personId(a.responsiblePerson);
    if (a.deadline !== undefined) set.deadline = a.deadline;
    if (a.triage !== undefined) {
      set.triage = a.triage;
      if (a.triage === 'long-term') set.long_term = true;
    }
    if (a.target !== undefined) set.target = a.target;
    if (a.amountDue !== undefined) {
      const amount = a.amountDue ? normalizeDecimal(a.amountDue.amount.trim()) : null;
      if (a.amountDue && amount === null) throw new ActionRefused(`应改金额“${a.amountDue.amount}”不是有效数字`);
      set.amount_due = amount;
      set.amount_unit = a.amountDue?.unit ?? null;
    }
    if (a.leadUnit !== undefined || a.cooperatingUnits !== undefined) {
      await deleteProblemUnits(trx, p.id);
      const rows: { problem_id: number; unit_id: number; role: string }[] = [];
      const lead = a.leadUnit !== undefined ? set.lead_unit_id : p.lead_unit_id;
      if (lead) rows.push({ problem_id: p.id, unit_id: lead as number, role: 'lead' });
      for (const name of a.cooperatingUnits ?? []) {
        const id = await unitId(name);
        if (id !== lead) rows.push({ problem_id: p.id, unit_id: id, role: 'cooperating' });
      }
      await insertProblemUnits(trx, rows);
    }
    if (!p.start_date) set.start_date = who.at;
    return { event: 'assign', detail: a, extra: set, result: undefined };
  };
}

/** A measure's own owner unit, person and deadline. */
export async function assignMeasure(
  db: Db,
  code: string,
  who: Actor,
  ordinal: number,
  a: { ownerUnit?: string | null; ownerPerson?: string | null; deadline?: string | null },
) {
  if (a.deadline) checkDay(a.deadline);
  return step(db, code, who, null, async (trx, p) => {
    const m = await measureByOrdinal(trx, p.id, ordinal);
    if (!m) throw new ActionRefused(`问题 ${code} 没有第 ${ordinal} 项措施`);
    const set: Updateable<Database['measure']> = { version: m.version + 1 };
    if (a.ownerUnit !== undefined) {
      set.owner_unit_id = a.ownerUnit === null ? null : await unitIdByName(trx, a.ownerUnit);
    }
    if (a.ownerPerson !== undefined) {
      const people = a.ownerPerson === null ? [] : await personIdsByName(trx, a.ownerPerson);
      if (a.ownerPerson !== null && people.length !== 1)
        throw new ActionRefused(`人员“${a.ownerPerson}”${people.length ? '有重名，请在网页中选择' : '不存在'}`);
      set.owner_person_id = people[0] ?? null;
    }
    if (a.deadline !== undefined) set.deadline = a.deadline;
    await updateMeasure(trx, m.id, set);
    return { event: 'assign-measure', detail: { ordinal, ...a }, result: undefined };
  });
}
