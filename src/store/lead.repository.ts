// The leads register's rows: leads, their steps, and the problems that wait on them. A lead is seen by whoever sees
// its source, and by the body that received it (its unit or one above). Only this file reads `persons`.
import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { idArray, sourceScopeSql } from './scope.ts';

/** Over a lead `l` and its source `s`: whether the viewer sees it. */
function leadScopeSql(scope: Scope): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.units.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sourceScopeSql(scope, 'few')} or l.receiver_unit_id = any(${idArray(scope.units)}))`;
}

const LEAD_COLUMNS = [
  'l.id',
  'l.code',
  'l.phase',
  'l.receiver',
  'l.receiver_name',
  'l.receiver_unit_id',
  'l.summary',
  'l.persons',
  'l.transferred_on',
  'l.received_on',
  'l.deadline',
  'l.concluded_on',
  'l.conclusion',
  'l.last_step_on',
  'l.created_by',
  'l.version',
  'l.origin',
  's.code as source_code',
  's.title as source_title',
] as const;

export function leadsInScope(db: Tx, scope: Scope, filter: { sourceCode?: string | undefined } = {}) {
  let q = db
    .selectFrom('lead as l')
    .innerJoin('source as s', 's.id', 'l.source_id')
    .leftJoin('org_unit as u', 'u.id', 'l.receiver_unit_id')
    .select([...LEAD_COLUMNS, 'u.name as receiver_unit'])
    .where(leadScopeSql(scope));
  if (filter.sourceCode) q = q.where('s.code', '=', filter.sourceCode);
  return q.orderBy('l.transferred_on', 'desc').orderBy('l.code').execute();
}

export type LeadRow = Awaited<ReturnType<typeof leadsInScope>>[number];

export function leadInScope(db: Tx, code: string, scope: Scope) {
  return db
    .selectFrom('lead as l')
    .innerJoin('source as s', 's.id', 'l.source_id')
    .leftJoin('org_unit as u', 'u.id', 'l.receiver_unit_id')
    .select([...LEAD_COLUMNS, 'u.name as receiver_unit'])
    .where('l.code', '=', code)
    .where(leadScopeSql(scope))
    .executeTakeFirst();
}

/** The lead, locked for a change, if the viewer sees it. */
export function lockLeadInScope(trx: Tx, code: string, scope: Scope) {
  return trx
    .selectFrom('lead as l')
    .innerJoin('source as s', 's.id', 'l.source_id')
    .select([...LEAD_COLUMNS])
    .where('l.code', '=', code)
    .where(leadScopeSql(scope))
    .forUpdate('l')
    .executeTakeFirst();
}

export async function insertLead(trx: Tx, row: Insertable<Database['lead']>): Promise<number> {
  return (await trx.insertInto('lead').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Locks a source's row: its leads are numbered one at a time. */
export async function lockSourceForLeads(trx: Tx, sourceId: number): Promise<void> {
  await trx.selectFrom('source').select('id').where('id', '=', sourceId).forUpdate().execute();
}

/** The supervision settings (the lead policy among them) of these sources, by code. */
export function supervisionOfSources(db: Tx, codes: readonly string[]) {
  return db
    .selectFrom('source')
    .select(['code', 'supervision'])
    .where('code', 'in', [...codes])
    .execute();
}

/** The next free number of a source's leads (the source's row is locked by the caller). */
export async function nextLeadNumber(trx: Tx, sourceId: number): Promise<number> {
  const r = await trx
    .selectFrom('lead')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function insertLeadStep(trx: Tx, row: Insertable<Database['lead_step']>): Promise<void> {
  await trx.insertInto('lead_step').values(row).execute();
}

export function stepsOf(db: Tx, leadId: number) {
  return db
    .selectFrom('lead_step')
    .select(['kind', 'on_day', 'text', 'document', 'actor', 'recorded_at'])
    .where('lead_id', '=', leadId)
    .orderBy('on_day')
    .orderBy('id')
    .execute();
}

/** Whether the lead was still at `version`, and now is at the next. */
export async function updateLeadAtVersion(
  trx: Tx,
  id: number,
  version: number,
  values: { concluded_on?: string; conclusion?: string; last_step_on?: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('lead')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function problemsOfLead(db: Tx, leadId: number) {
  return db
    .selectFrom('problem_lead as pl')
    .innerJoin('problem as p', 'p.id', 'pl.problem_id')
    .select(['p.code', 'p.title', 'p.status'])
    .where('pl.lead_id', '=', leadId)
    .orderBy('p.code_order')
    .execute();
}

export async function linkProblem(trx: Tx, problemId: number, leadId: number, by: string): Promise<boolean> {
  const r = await trx
    .insertInto('problem_lead')
    .values({ problem_id: problemId, lead_id: leadId, linked_by: by })
    .onConflict((oc) => oc.doNothing())
    .returning('lead_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function unlinkProblem(trx: Tx, problemId: number, leadId: number): Promise<boolean> {
  const r = await trx.deleteFrom('problem_lead').where('problem_id', '=', problemId).where('lead_id', '=', leadId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/**
 * Of these problems, those waiting on a lead not yet disposed of: what a problem may show ("等待线索核查") to anyone
 * who sees the problem, without a word of the lead.
 */
export async function problemsWaitingOnLeads(db: Tx, problemIds: readonly number[]): Promise<Set<number>> {
  if (problemIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('problem_lead as pl')
    .innerJoin('lead as l', 'l.id', 'pl.lead_id')
    .select('pl.problem_id')
    .where(sql<boolean>`pl.problem_id = any(${idArray(problemIds)})`)
    .where('l.concluded_on', 'is', null)
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.problem_id));
}

/**
 * The leads not yet disposed of, handed over by `day`, for the supervision run: their dates, the body that received
 * them, their source's policy, and the rungs climbed for their present deadline.
 */
export async function leadsToSupervise(db: Tx, day: string) {
  const leads = await db
    .selectFrom('lead as l')
    .innerJoin('source as s', 's.id', 'l.source_id')
    .select([
      'l.id',
      'l.code',
      'l.receiver',
      'l.receiver_name',
      'l.transferred_on',
      'l.received_on',
      'l.deadline',
      'l.concluded_on',
      'l.last_step_on',
      's.supervision',
    ])
    .where('l.concluded_on', 'is', null)
    .where('l.transferred_on', '<=', day)
    .execute();
  const climbed = leads.length
    ? await db
        .selectFrom('lead_notice as n')
        .innerJoin('lead as l', 'l.id', 'n.lead_id')
        .select(['n.lead_id', 'n.rung', 'n.day'])
        .where('n.kind', '=', 'escalation')
        .whereRef('n.deadline', '=', 'l.deadline')
        .where('l.concluded_on', 'is', null)
        .execute()
    : [];
  return { leads, climbed };
}

/**
 * A day's notices on leads, with the receiving body's address when it is a unit of the organisation that has one:
 * the leads' digest for it. Only the lead's code and the notice's message, which names it by code.
 */
export function leadNoticesWithReceivers(db: Tx, day: string) {
  return db
    .selectFrom('lead_notice as n')
    .innerJoin('lead as l', 'l.id', 'n.lead_id')
    .innerJoin('org_unit as u', 'u.id', 'l.receiver_unit_id')
    .select(['n.kind', 'n.message', 'l.code', 'u.id as unit_id', 'u.name as unit', 'u.email as unit_email'])
    .where('n.day', '=', day)
    .where('u.email', 'is not', null)
    .orderBy('n.id')
    .execute();
}

export function noticesOfLead(db: Tx, leadId: number) {
  return db
    .selectFrom('lead_notice')
    .select(['kind', 'rung', 'day', 'message', 'deadline'])
    .where('lead_id', '=', leadId)
    .orderBy('day')
    .orderBy('id')
    .execute();
}

/** The rungs climbed on these leads for their present deadlines, by lead. */
export async function rungsOfLeads(db: Tx, leadIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (leadIds.length === 0) return out;
  const rows = await db
    .selectFrom('lead_notice as n')
    .innerJoin('lead as l', 'l.id', 'n.lead_id')
    .select(['n.lead_id', 'n.rung'])
    .where('n.kind', '=', 'escalation')
    .whereRef('n.deadline', '=', 'l.deadline')
    .where(sql<boolean>`n.lead_id = any(${idArray(leadIds)})`)
    .execute();
  for (const r of rows) if (r.rung) out.set(r.lead_id, [...(out.get(r.lead_id) ?? []), r.rung]);
  return out;
}

/**
 * The dates of a source's leads, and nothing else of them: what a document counts ("移交的问题线索N件已全部办结").
 * Whoever sees the source may read these counts; the leads themselves stay in the register.
 */
export function leadDatesOfSource(db: Tx, sourceCode: string) {
  return db
    .selectFrom('lead as l')
    .innerJoin('source as s', 's.id', 'l.source_id')
    .select([
      'l.transferred_on',
      'l.received_on',
      'l.deadline',
      'l.concluded_on',
      'l.last_step_on',
      'l.receiver',
      'l.origin',
      's.code as source_code',
    ])
    .where('s.code', '=', sourceCode)
    .execute();
}
