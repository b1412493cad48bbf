// What supervision reads and writes: the items still on the ledger with their source's policy and what the last run
// saw, the notifications (keyed: a key already there is not created again), the ladder on the problem's own record,
// the observations kept between runs, and the runs themselves.
import { sql, type Insertable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { LedgerStatus } from '../core/ledger/problem-state.ts';
import type { SupervisionKind } from '../core/ledger/supervision.ts';
import { thresholdsOf, type WarningColour } from '../core/ledger/warning.ts';
import type { Observation, SupervisedItem } from '../core/supervision/plan.ts';
import { policyOf } from '../core/supervision/policy.ts';
import { statusOnSql } from './as-of.ts';
import { slices, type Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { scopeSql } from './scope.ts';
import { problemsWithNames } from './problem-list.repository.ts';

/**
 * Everything the plan reads about an item, as one value: the problem's own columns, its lead unit's and leader's
 * names and its source's policy. A run keeps it with what it saw; a later run of the same day skips an item whose
 * value is the same, since the plan for it would be the same and every action it named is there already.
 */
const FINGERPRINT = sql<string>`md5(row(p.code, p.title, p.status, p.deadline, p.start_date, p.progress, p.last_progress_at,
  p.lead_unit_id, p.lead_since, u.name, p.lead_leader_id, l.name, s.warning, s.supervision)::text)`;

/**
 * The next `limit` top-level problems not yet closed after `after` (in the order of their codes), as the supervision
 * plan takes them, each with its fingerprint — leaving out those a run for `day` has already seen as they are.
 */
export async function supervisedItems(
  db: Tx,
  q: { day: string; after: { codeOrder: string; id: number } | null; limit: number },
): Promise<{ items: SupervisedItem[]; fingerprints: Map<number, string>; last: { codeOrder: string; id: number } | null }> {
  const rows = await problemsWithNames(db)
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('supervision_state as o', 'o.problem_id', 'p.id')
    .select([
      'p.id',
      'p.code',
      'p.code_order',
      'p.title',
      'p.status',
      'p.deadline',
      'p.start_date',
      'p.progress',
      'p.last_progress_at',
      'p.lead_unit_id',
      'p.lead_since',
      'u.name as unit',
      'p.lead_leader_id',
      'l.name as leader',
      FINGERPRINT.as('fingerprint'),
    ])
    .select(['s.warning', 's.supervision', 'o.colour', 'o.streak', 'o.observed_on', 'o.fingerprint as seen'])
    .where('p.parent_id', 'is', null)
    .where('p.status', '!=', 'completed')
    .$if(q.after !== null, (qb) => qb.where(sql<boolean>`(p.code_order, p.id) > (${q.after?.codeOrder}, ${q.after?.id})`))
    .orderBy('p.code_order')
    .orderBy('p.id')
    .limit(q.limit)
    .execute();
  const end = rows[rows.length - 1];
  const last = end ? { codeOrder: end.code_order, id: end.id } : null;
  const fresh = rows.filter((r) => !(r.observed_on === q.day && r.seen === r.fingerprint));
  // the rungs already climbed, for the deadline and the lead unit each was climbed for (a moved deadline or a new
  // lead unit starts the ladder again, as its keys do)
  const climbed = new Map<number, { rung: SupervisionKind; on: string; deadline: string | null; unitId: number | null }[]>();
  const ids = fresh.map((r) => r.id);
  for (const n of ids.length
    ? await db
        .selectFrom('notification')
        .select(['problem_id', 'rung', 'day', 'deadline', 'unit_id'])
        .where('kind', '=', 'escalation')
        .where('status', '<>', 'cancelled')
        .where('problem_id', 'in', ids)
        .execute()
    : [])
    climbed.set(n.problem_id, [
      ...(climbed.get(n.problem_id) ?? []),
      { rung: n.rung as SupervisionKind, on: n.day, deadline: n.deadline, unitId: n.unit_id },
    ]);
  const items = fresh.map((r) => ({
    climbed: (climbed.get(r.id) ?? []).filter((c) => c.deadline === r.deadline && c.unitId === r.lead_unit_id),
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status as LedgerStatus,
    deadline: r.deadline,
    startDate: r.start_date,
    progress: r.progress,
    lastProgressAt: r.last_progress_at,
    leadSince: r.lead_since,
    leadUnit: r.lead_unit_id !== null ? { id: r.lead_unit_id, name: r.unit as string } : null,
    leadLeader: r.lead_leader_id !== null ? { id: r.lead_leader_id, name: r.leader as string } : null,
    thresholds: thresholdsOf(r.warning),
    policy: policyOf(r.supervision),
    observed: r.observed_on ? { colour: r.colour as WarningColour | null, streak: r.streak as number, on: r.observed_on } : null,
  }));
  return { items, fingerprints: new Map(fresh.map((r) => [r.id, r.fingerprint])), last };
}

/** Those of `keys` that some notification already has. */
export async function knownNotificationKeys(db: Tx, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  return new Set((await db.selectFrom('notification').select('key').where('key', 'in', keys).execute()).map((k) => k.key));
}

/** One run at a time: two schedulers (or a person and the scheduler) cannot both create the same day's actions. */
export async function lockSupervisionRuns(trx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(7242002)`.execute(trx);
}

/** Inserts notifications whose key is new; returns the keys inserted. */
export async function insertNewNotifications(trx: Tx, rows: readonly Insertable<Database['notification']>[]): Promise<string[]> {
  const inserted = await trx
    .insertInto('notification')
    .values([...rows])
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return inserted.map((r) => r.key);
}

/** Supervision recorded on problems' own records (the 督办清单 and the timeline show it). */
export async function recordSupervisionActions(trx: Tx, rows: readonly Insertable<Database['supervision_action']>[]): Promise<void> {
  await trx
    .insertInto('supervision_action')
    .values([...rows])
    .execute();
}

/**
 * Cancels the pending notifications that no longer apply, each with its reason: the item is closed or phase-complete
 * (its deadline reminders), it went to another unit, or its deadline moved. Returns how many.
 */
export async function cancelStaleNotifications(trx: Tx): Promise<number> {
  const cancelled = await trx
    .updateTable('notification as n')
    .from('problem as p')
    .set({
      status: 'cancelled',
      cancelled_reason: sql`case when p.status = 'completed' then '问题已销号' when p.status = 'phased' and n.kind <> 'missed-report' then '问题已阶段性完成' when n.unit_id is distinct from p.lead_unit_id then '牵头单位已变更' else '整改时限已调整' end`,
    })
    .whereRef('p.id', '=', 'n.problem_id')
    .where('n.status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('p.status', '=', 'completed'),
        eb.and([eb('p.status', '=', 'phased'), eb('n.kind', '<>', 'missed-report')]),
        sql<boolean>`n.unit_id is distinct from p.lead_unit_id`,
        eb.and([eb('n.kind', 'in', ['due-soon', 'overdue', 'escalation']), sql<boolean>`n.deadline is distinct from p.deadline`]),
      ]),
    )
    .executeTakeFirst();
  return Number(cancelled.numUpdatedRows ?? 0);
}

/** What each item looked like this run, and what the run read of it, kept for the next ("two yellows in a row" survives a restart). */
export async function keepObservations(trx: Tx, observations: readonly Observation[], fingerprints: Map<number, string>): Promise<void> {
  for (const part of slices(observations, 1000))
    await trx
      .insertInto('supervision_state')
      .values(
        part.map((o) => ({
          problem_id: o.problemId,
          colour: o.colour,
          streak: o.streak,
          observed_on: o.on,
          fingerprint: fingerprints.get(o.problemId) ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.column('problem_id').doUpdateSet((eb) => ({
          colour: eb.ref('excluded.colour'),
          streak: eb.ref('excluded.streak'),
          observed_on: eb.ref('excluded.observed_on'),
          fingerprint: eb.ref('excluded.fingerprint'),
        })),
      )
      .execute();
}

export async function recordRun(trx: Tx, run: Insertable<Database['supervision_run']>): Promise<number> {
  return (await trx.insertInto('supervision_run').values(run).returning('id').executeTakeFirstOrThrow()).id;
}

/** Whether `by` has already run supervision for that day. */
export async function hasRunOn(db: Tx, day: string, by: string): Promise<boolean> {
  return (await db.selectFrom('supervision_run').select('id').where('day', '=', day).where('by', '=', by).executeTakeFirst()) !== undefined;
}

/** Every top-level problem in scope as it stood at the end of `end` (those not yet on the ledger left out). */
export async function problemsAsOf(db: Tx, end: string, scope: Scope) {
  const rows = await problemsWithNames(db)
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select([
      'p.id',
      'p.code',
      'p.title',
      'p.deadline',
      'p.start_date',
      'p.progress',
      'p.last_progress_at',
      's.warning',
      'u.name as unit',
      'l.name as leader',
    ])
    .select(statusOnSql(end).as('status'))
    .select(
      sql<
        string | null
      >`(select min(sc.at) from status_change sc where sc.problem_id = p.id and sc.to_status = 'completed' and sc.at <= ${end})`.as(
        'completed_on',
      ),
    )
    .where('p.parent_id', 'is', null)
    .where(scopeSql(scope))
    .orderBy('p.code_order')
    .execute();
  return rows.filter((r) => r.status !== null) as (Omit<(typeof rows)[number], 'status'> & { status: LedgerStatus })[];
}

/** What supervision sent out between two days (both included) about problems in scope, with the unit it went to. */
export function notificationsSentBetween(db: Tx, from: string, to: string, scope: Scope) {
  return db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('org_unit as u', 'u.id', 'n.unit_id')
    .select(['n.kind', 'n.rung', 'u.name as unit'])
    .where('n.day', '>=', from)
    .where('n.day', '<=', to)
    .where(scopeSql(scope))
    .execute();
}

/** The supervision recorded on these problems (up to a day, when given), oldest first. */
export function supervisionActionsOf(db: Tx, problemIds: readonly number[], upTo?: string) {
  return db
    .selectFrom('supervision_action')
    .select(['problem_id', 'kind', 'at'])
    .where('problem_id', 'in', problemIds)
    .$if(upTo !== undefined, (q) => q.where('at', '<=', upTo as string))
    .orderBy('at')
    .execute();
}

/** Whether a problem already has a supervision of that kind on that day. */
export async function hasSupervisionAction(trx: Tx, problemId: number, kind: SupervisionKind, at: string): Promise<boolean> {
  const known = await trx
    .selectFrom('supervision_action')
    .select('id')
    .where('problem_id', '=', problemId)
    .where('kind', '=', kind)
    .where('at', '=', at)
    .executeTakeFirst();
  return known !== undefined;
}

/** A look-back (回头看) on a problem: consolidated or relapsed. */
export async function insertLookback(trx: Tx, row: Insertable<Database['lookback']>): Promise<void> {
  await trx.insertInto('lookback').values(row).execute();
}

/** The supervision recorded on a problem, oldest first. */
export function supervisionOfProblem(db: Tx, code: string) {
  return db
    .selectFrom('supervision_action as a')
    .innerJoin('problem as p', 'p.id', 'a.problem_id')
    .select(['a.at', 'a.kind'])
    .where('p.code', '=', code)
    .orderBy('a.at')
    .orderBy('a.id')
    .execute();
}
