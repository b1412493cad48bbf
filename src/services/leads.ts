// The leads register's use cases: register a lead handed over by an inspection or audit, record its steps and its
// disposal, link the problems that wait on it, and count. Each change runs in one transaction, refuses a stale
// version and writes the event log — without the people the lead concerns, which stay in the register alone.
import type { Scope } from '../core/access/permissions.ts';
import { ActionRefused, NotFoundError, StaleVersionError } from '../core/errors.ts';
import {
  concludes,
  DEFAULT_LEAD_POLICY,
  LEAD_ORIGIN_LABEL,
  LEAD_PHASE_LABEL,
  LEAD_RECEIVER_LABEL,
  LEAD_STATE_LABEL,
  LEAD_STEP_LABEL,
  type LeadPhase,
  type LeadReceiver,
  type LeadState,
  type LeadStepKind,
  leadDatesRefusal,
  leadDeadline,
  leadStateOn,
  stepRefusal,
  trackingDue,
} from '../core/leads/lead.ts';
import { leadSentence, leadStatistics, type LeadStatistics } from '../core/leads/statistics.ts';
import { policyOf } from '../core/supervision/policy.ts';
import { LEAD_NOTICE_LABEL, type LeadNoticeKind } from '../core/leads/lead-supervision.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../core/ledger/supervision.ts';
import { appendEvents } from '../store/event.repository.ts';
import {
  insertLead,
  insertLeadStep,
  type LeadRow,
  leadInScope,
  leadsInScope,
  linkProblem,
  lockLeadInScope,
  lockSourceForLeads,
  nextLeadNumber,
  noticesOfLead,
  problemsOfLead,
  rungsOfLeads,
  stepsOf,
  supervisionOfSources,
  unlinkProblem,
  updateLeadAtVersion,
} from '../store/lead.repository.ts';
import type { Db } from '../store/open-database.ts';
import type { Tx } from '../store/ledger.repository.ts';
import { unitNamed } from '../store/org.repository.ts';
import { lockProblemInScope } from '../store/problem.repository.ts';
import { sourceInScope } from '../store/source.repository.ts';
import type { Origin } from '../core/public/submission.ts';
import { openField, sealField } from './field-cipher.ts';

interface Who {
  readonly actor: string;
  readonly scope: Scope;
  /** the ledger's day: nothing is recorded as done after it */
  readonly today: string;
}

export interface NewLead {
  readonly source: string;
  readonly phase: LeadPhase;
  readonly receiver: LeadReceiver;
  /** the body by name, e.g. 区纪委监委; when it is a unit of the organisation, its 纪检 users see the lead */
  readonly receiverName?: string | null | undefined;
  readonly summary: string;
  /** the people concerned: confidential */
  readonly persons?: string | null | undefined;
  readonly transferredOn: string;
  readonly receivedOn?: string | null | undefined;
  /** a deadline of its own, instead of the one the source's policy gives */
  readonly deadline?: string | null | undefined;
  /** problems that wait on it, by code */
  readonly problems?: readonly string[] | undefined;
}

/** A lead as the register shows it, on a day. */
export interface LeadView {
  readonly code: string;
  readonly source: { readonly code: string; readonly title: string };
  readonly phase: LeadPhase;
  readonly phaseLabel: string;
  readonly origin: Origin;
  readonly originLabel: string;
  readonly receiver: LeadReceiver;
  readonly receiverLabel: string;
  readonly receiverName: string | null;
  readonly summary: string;
  readonly persons: string | null;
  readonly transferredOn: string;
  readonly receivedOn: string | null;
  readonly deadline: string;
  readonly concludedOn: string | null;
  readonly conclusion: LeadStepKind | null;
  readonly conclusionLabel: string | null;
  readonly state: LeadState;
  readonly stateLabel: string;
  /** no step recorded for the source's follow-up interval (每2个月跟踪了解) */
  readonly trackingDue: boolean;
  /** the highest rung of the supervision ladder climbed for its present deadline (督办单, 挂牌督办, 约谈) */
  readonly supervision: string | null;
  readonly createdBy: string;
  readonly version: number;
}

const facts = (r: Pick<LeadRow, 'transferred_on' | 'received_on' | 'deadline' | 'concluded_on' | 'last_step_on'>) => ({
  transferredOn: r.transferred_on,
  receivedOn: r.received_on,
  deadline: r.deadline,
  concludedOn: r.concluded_on,
  lastStepOn: r.last_step_on,
});

/** The ladder's rungs, lowest first. */
const LADDER: readonly SupervisionKind[] = ['notice', 'listed', 'talk'];

function view(r: LeadRow, asOf: string, trackEveryMonths: number, rungs: readonly string[]): LeadView {
  const top = [...LADDER].reverse().find((k) => rungs.includes(k));
  const state = leadStateOn(facts(r), asOf);
  const conclusion = r.conclusion as LeadStepKind | null;
  return {
    code: r.code,
    source: { code: r.source_code, title: r.source_title },
    phase: r.phase,
    phaseLabel: LEAD_PHASE_LABEL[r.phase],
    origin: r.origin,
    originLabel: LEAD_ORIGIN_LABEL[r.origin],
    receiver: r.receiver,
    receiverLabel: LEAD_RECEIVER_LABEL[r.receiver],
    receiverName: r.receiver_name,
    summary: r.summary,
    persons: openField(r.persons),
    transferredOn: r.transferred_on,
    receivedOn: r.received_on,
    deadline: r.deadline,
    concludedOn: r.concluded_on,
    conclusion,
    conclusionLabel: conclusion ? LEAD_STEP_LABEL[conclusion] : null,
    state,
    stateLabel: LEAD_STATE_LABEL[state],
    trackingDue: trackingDue(facts(r), asOf, { trackEveryMonths }),
    supervision: top ? SUPERVISION_LABEL[top] : null,
    createdBy: r.created_by,
    version: r.version,
  };
}

/** What the event log keeps of a lead: never the people it concerns. */
const logged = (r: { code: string; summary?: string; deadline?: string; version: number }, extra: object = {}) => ({
  code: r.code,
  ...(r.summary !== undefined ? { summary: r.summary } : {}),
  ...(r.deadline !== undefined ? { deadline: r.deadline } : {}),
  version: r.version,
  ...extra,
});

const clean = (s: string | null | undefined, max: number, what: string): string | null => {
  const t = (s ?? '').trim();
  if (t.length > max) throw new ActionRefused(`${what}过长（不超过 ${max} 字）`);
  return t === '' ? null : t;
};

export async function registerLead(db: Db, input: NewLead, who: Who): Promise<{ code: string; deadline: string }> {
  return db.transaction().execute((trx) => registerLeadIn(trx, input, who).then(({ code, deadline }) => ({ code, deadline })));
}

/** The same inside a caller's transaction (a public submission handed over as a lead): with the new lead's id. */
/** `origin`: handed over by the source itself, or transferred from what the public sent (社会监督). */
export async function registerLeadIn(
  trx: Tx,
  input: NewLead,
  who: Who,
  origin: Origin = 'source',
): Promise<{ id: number; code: string; deadline: string }> {
  const summary = clean(input.summary, 2000, '线索摘要');
  if (!summary) throw new ActionRefused('请填写线索摘要（反映的主要问题，不含被反映人姓名）');
  if (!(input.phase in LEAD_PHASE_LABEL)) throw new ActionRefused(`移交阶段“${input.phase}”不存在（应为巡中移交或巡后移交）`);
  if (!(input.receiver in LEAD_RECEIVER_LABEL)) throw new ActionRefused(`接收机关类别“${input.receiver}”不存在`);
  const receivedOn = input.receivedOn || null;
  const refusal = leadDatesRefusal(input.transferredOn, receivedOn, input.deadline || null, who.today);
  if (refusal) throw new ActionRefused(refusal);
  const source = await sourceInScope(trx, input.source, who.scope, false);
  if (!source) throw new NotFoundError(`没有编号为“${input.source}”的整改来源`);
  // one lead number at a time per source: the source's row is the lock
  await lockSourceForLeads(trx, source.id);
  const policy = policyOf(source.supervision).leads;
  const deadline = input.deadline || leadDeadline(input.phase, input.transferredOn, receivedOn, policy);
  const receiverName = clean(input.receiverName, 100, '接收机关名称');
  const code = `${source.code}-L${String(await nextLeadNumber(trx, source.id)).padStart(2, '0')}`;
  const id = await insertLead(trx, {
    code,
    source_id: source.id,
    phase: input.phase,
    receiver: input.receiver,
    receiver_name: receiverName,
    receiver_unit_id: receiverName ? ((await unitNamed(trx, receiverName)) ?? null) : null,
    summary,
    // the people a lead concerns: sealed at rest (SM4), read by the register alone
    persons: sealField(clean(input.persons, 500, '被反映人')),
    transferred_on: input.transferredOn,
    received_on: receivedOn,
    deadline,
    created_by: who.actor,
    origin,
  });
  for (const p of input.problems ?? []) await link(trx, id, code, p, who);
  await appendEvents(trx, [
    {
      actor: who.actor,
      entity: 'lead',
      entityId: id,
      action: 'register-lead',
      before: null,
      after: logged({ code, summary, deadline, version: 1 }),
    },
  ]);
  return { id, code, deadline };
}

async function link(trx: Parameters<typeof lockProblemInScope>[0], leadId: number, leadCode: string, problem: string, who: Who) {
  const p = await lockProblemInScope(trx, problem, who.scope);
  if (!p) throw new NotFoundError(`没有编号为“${problem}”的问题`);
  if (!(await linkProblem(trx, p.id, leadId, who.actor))) throw new ActionRefused(`问题 ${problem} 已与线索 ${leadCode} 关联`);
  return p;
}

async function loadLead(db: Db, code: string, scope: Scope): Promise<LeadRow> {
  const r = await leadInScope(db, code, scope);
  if (!r) throw new NotFoundError(`没有编号为“${code}”的问题线索`);
  return r;
}

export async function listLeads(
  db: Db,
  scope: Scope,
  q: { asOf: string; source?: string | undefined; state?: LeadState | 'open-all' | undefined },
): Promise<LeadView[]> {
  const rows = await leadsInScope(db, scope, { sourceCode: q.source });
  const views = await withPolicies(db, rows, q.asOf);
  if (!q.state) return views;
  if (q.state === 'open-all') return views.filter((v) => ['open', 'due-soon', 'overdue'].includes(v.state));
  return views.filter((v) => v.state === q.state);
}

/** Views of rows, each with its own source's follow-up interval and the rungs climbed on it. */
async function withPolicies(db: Db, rows: readonly LeadRow[], asOf: string): Promise<LeadView[]> {
  const sources = [...new Set(rows.map((r) => r.source_code))];
  const policies = new Map<string, number>();
  if (sources.length > 0) {
    for (const s of await supervisionOfSources(db, sources)) policies.set(s.code, policyOf(s.supervision).leads.trackEveryMonths);
  }
  const rungs = await rungsOfLeads(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, asOf, policies.get(r.source_code) ?? DEFAULT_LEAD_POLICY.trackEveryMonths, rungs.get(r.id) ?? []));
}

export async function leadDetail(db: Db, code: string, scope: Scope, asOf: string) {
  const r = await loadLead(db, code, scope);
  const [lead] = await withPolicies(db, [r], asOf);
  const steps = await stepsOf(db, r.id);
  return {
    ...(lead as LeadView),
    steps: steps.map((s) => ({
      kind: s.kind as LeadStepKind,
      kindLabel: LEAD_STEP_LABEL[s.kind as LeadStepKind],
      on: s.on_day,
      text: s.text,
      document: s.document,
      actor: s.actor,
    })),
    problems: await problemsOfLead(db, r.id),
    notices: (await noticesOfLead(db, r.id)).map((n) => ({
      day: n.day,
      kind: n.kind as LeadNoticeKind,
      kindLabel: n.rung ? SUPERVISION_LABEL[n.rung as SupervisionKind] : LEAD_NOTICE_LABEL[n.kind as LeadNoticeKind],
      message: n.message,
    })),
  };
}

export interface LeadStepInput {
  readonly kind: LeadStepKind;
  /** the day it was done; today when not said */
  readonly on?: string | undefined;
  readonly text: string;
  /** the document it rests on: its number (文号) or title */
  readonly document?: string | null | undefined;
  readonly expectedVersion?: number | undefined;
}

/** Records a step on a lead; a disposal concludes it, and the problems waiting on it wait no longer. */
export async function recordLeadStep(db: Db, code: string, step: LeadStepInput, who: Who): Promise<{ state: LeadState; version: number }> {
  if (!(step.kind in LEAD_STEP_LABEL)) throw new ActionRefused(`办理方式“${step.kind}”不存在`);
  const text = clean(step.text, 2000, '办理情况');
  if (!text) throw new ActionRefused('请填写办理情况');
  const document = clean(step.document, 200, '文书');
  if (concludes(step.kind) && !document)
    throw new ActionRefused(`办结线索须注明依据的文书（文号或名称），如“${LEAD_STEP_LABEL[step.kind]}”的处置意见`);
  const on = step.on ?? who.today;
  return db.transaction().execute(async (trx) => {
    const r = await lockLeadInScope(trx, code, who.scope);
    if (!r) throw new NotFoundError(`没有编号为“${code}”的问题线索`);
    if (step.expectedVersion !== undefined && step.expectedVersion !== r.version) throw new StaleVersionError(code, '问题线索');
    const refusal = stepRefusal(facts(r), step.kind, on, who.today);
    if (refusal) throw new ActionRefused(refusal);
    await insertLeadStep(trx, { lead_id: r.id, kind: step.kind, on_day: on, text, document, actor: who.actor });
    const last = r.last_step_on && r.last_step_on > on ? r.last_step_on : on;
    const values = concludes(step.kind) ? { concluded_on: on, conclusion: step.kind, last_step_on: last } : { last_step_on: last };
    if (!(await updateLeadAtVersion(trx, r.id, r.version, values))) throw new StaleVersionError(code, '问题线索');
    await appendEvents(trx, [
      {
        actor: who.actor,
        entity: 'lead',
        entityId: r.id,
        action: concludes(step.kind) ? 'conclude-lead' : 'lead-step',
        before: logged({ code, version: r.version }),
        after: logged({ code, version: r.version + 1 }, { kind: step.kind, on, document }),
      },
    ]);
    const after = { ...facts(r), concludedOn: concludes(step.kind) ? on : null, lastStepOn: last };
    return { state: leadStateOn(after, who.today), version: r.version + 1 };
  });
}

/** Links or unlinks a problem that waits on the lead's verification. */
export async function setProblemLink(db: Db, code: string, problem: string, linked: boolean, who: Who): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await lockLeadInScope(trx, code, who.scope);
    if (!r) throw new NotFoundError(`没有编号为“${code}”的问题线索`);
    let problemId: number;
    if (linked) problemId = (await link(trx, r.id, code, problem, who)).id;
    else {
      const p = await lockProblemInScope(trx, problem, who.scope);
      if (!p) throw new NotFoundError(`没有编号为“${problem}”的问题`);
      if (!(await unlinkProblem(trx, p.id, r.id))) throw new ActionRefused(`问题 ${problem} 未与线索 ${code} 关联`);
      problemId = p.id;
    }
    await appendEvents(trx, [
      {
        actor: who.actor,
        entity: 'lead',
        entityId: r.id,
        action: linked ? 'link-problem' : 'unlink-problem',
        before: logged({ code, version: r.version }),
        after: logged({ code, version: r.version }, { problem, problemId }),
      },
    ]);
  });
}

export async function leadFigures(
  db: Db,
  scope: Scope,
  q: { asOf: string; source?: string | undefined },
): Promise<LeadStatistics & { sentence: string | null }> {
  const rows = await leadsInScope(db, scope, { sourceCode: q.source });
  const stats = leadStatistics(
    rows.map((r) => ({ ...facts(r), sourceCode: r.source_code, receiver: r.receiver, origin: r.origin })),
    q.asOf,
  );
  return { ...stats, sentence: leadSentence(stats, q.asOf) };
}
