// Use case: a supervision run for a moment. Reads every item still on the ledger with its source's policy and what
// the last run saw, lets core/supervision decide, and in one transaction records what is new (a key already there
// is not created again), climbs the ladder on the problem's own record, cancels the reminders that no longer apply
// (the item was closed, reassigned or its deadline moved), and notes what it saw. A dry run decides and writes nothing.
import { sql } from 'kysely';
import type { LedgerStatus } from '../core/ledger/problem-state.ts';
import { thresholdsOf, type WarningColour } from '../core/ledger/warning.ts';
import { planSupervision, type PlannedAction, type SupervisedItem } from '../core/supervision/plan.ts';
import { policyOf } from '../core/supervision/policy.ts';
import type { SupervisionKind } from '../core/ledger/supervision.ts';
import { isIsoDate } from '../core/ledger/dates.ts';
import { appendEvents } from '../store/event.repository.ts';
import { slices } from '../store/ledger.repository.ts';
import type { Db } from '../store/open-database.ts';
import { ActionRefused } from '../core/errors.ts';

export interface SupervisionRunResult {
  /** the moment the run was for */
  readonly at: string;
  readonly day: string;
  readonly dryRun: boolean;
  /** what this run created: each reminder, warning and escalation, once */
  readonly actions: readonly PlannedAction[];
  /** reminders of earlier runs that no longer apply */
  readonly cancelled: number;
}

/** "2025-03-01T09:00" or "2025-03-01" → the moment, and its day (the day as written: Beijing time). */
function moment(at: string): { at: string; day: string } {
  const day = at.slice(0, 10);
  if (!isIsoDate(day) || (at.length > 10 && !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(at)))
    throw new ActionRefused(`时间“${at}”应写作 2025-03-01 或 2025-03-01T09:00`);
  return { at: at.length > 10 ? `${day}T${at.slice(11, 16)}:00+08:00` : `${day}T00:00:00+08:00`, day };
}

async function supervisedItems(db: Db): Promise<SupervisedItem[]> {
  const rows = await db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
    .leftJoin('person as l', 'l.id', 'p.lead_leader_id')
    .leftJoin('supervision_state as o', 'o.problem_id', 'p.id')
    .select([
      'p.id',
      'p.code',
      'p.title',
      'p.status',
      'p.deadline',
      'p.start_date',
      'p.progress',
      'p.last_progress_at',
      'p.lead_unit_id',
      'u.name as unit',
      'p.lead_leader_id',
      'l.name as leader',
    ])
    .select(['s.warning', 's.supervision', 'o.colour', 'o.streak', 'o.observed_on'])
    .where('p.parent_id', 'is', null)
    .where('p.status', '!=', 'completed')
    .orderBy('p.code_order')
    .execute();
  // the rungs already climbed, for the deadline and the lead unit each was climbed for (a moved deadline or a new
  // lead unit starts the ladder again, as its keys do)
  const climbed = new Map<number, { rung: SupervisionKind; on: string; deadline: string | null; unitId: number | null }[]>();
  for (const n of await db
    .selectFrom('notification')
    .select(['problem_id', 'rung', 'day', 'deadline', 'unit_id'])
    .where('kind', '=', 'escalation')
    .where('status', '<>', 'cancelled')
    .execute())
    climbed.set(n.problem_id, [
      ...(climbed.get(n.problem_id) ?? []),
      { rung: n.rung as SupervisionKind, on: n.day, deadline: n.deadline, unitId: n.unit_id },
    ]);
  return rows.map((r) => ({
    climbed: (climbed.get(r.id) ?? []).filter((c) => c.deadline === r.deadline && c.unitId === r.lead_unit_id),
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status as LedgerStatus,
    deadline: r.deadline,
    startDate: r.start_date,
    progress: r.progress,
    lastProgressAt: r.last_progress_at,
    leadUnit: r.lead_unit_id !== null ? { id: r.lead_unit_id, name: r.unit as string } : null,
    leadLeader: r.lead_leader_id !== null ? { id: r.lead_leader_id, name: r.leader as string } : null,
    thresholds: thresholdsOf(r.warning),
    policy: policyOf(r.supervision),
    observed: r.observed_on ? { colour: r.colour as WarningColour | null, streak: r.streak as number, on: r.observed_on } : null,
  }));
}

export async function runSupervision(db: Db, opts: { at: string; dryRun?: boolean; actor?: string }): Promise<SupervisionRunResult> {
  const { at, day } = moment(opts.at);
  const items = await supervisedItems(db);
  const plan = planSupervision(items, day);
  if (opts.dryRun) {
    const keys = plan.actions.map((a) => a.key);
    const known = new Set(
      keys.length ? (await db.selectFrom('notification').select('key').where('key', 'in', keys).execute()).map((k) => k.key) : [],
    );
    return { at, day, dryRun: true, actions: plan.actions.filter((a) => !known.has(a.key)), cancelled: 0 };
  }
  return db.transaction().execute(async (trx) => {
    // one run at a time: two schedulers (or a person and the scheduler) cannot both create the same day's actions
    await sql`select pg_advisory_xact_lock(7242002)`.execute(trx);
    // in slices: a first run over a large ledger creates tens of thousands of actions at once
    const created: PlannedAction[] = [];
    const byKey = new Map(plan.actions.map((a) => [a.key, a]));
    for (const part of slices(plan.actions, 1000)) {
      const rows = await trx
        .insertInto('notification')
        .values(
          part.map((a) => ({
            key: a.key,
            problem_id: a.problemId,
            kind: a.kind,
            rung: a.rung,
            unit_id: a.unitId,
            person_id: a.personId,
            deadline: a.deadline,
            message: a.message,
            day,
          })),
        )
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .execute();
      const fresh = rows.map((r) => byKey.get(r.key) as PlannedAction);
      created.push(...fresh);
      // the ladder is part of the problem's record: the 督办清单 and its timeline show it
      const rungs = fresh.filter((a) => a.kind === 'escalation' && a.rung);
      if (rungs.length)
        await trx
          .insertInto('supervision_action')
          .values(rungs.map((a) => ({ problem_id: a.problemId, kind: a.rung as string, at: day, by: '自动督办', note: a.message })))
          .execute();
    }
    // in the order planned, whatever order the database returned them in
    const order = new Map(plan.actions.map((a, i) => [a.key, i]));
    created.sort((a, b) => (order.get(a.key) as number) - (order.get(b.key) as number));
    // what no longer applies: the item is closed or phase-complete (its deadline reminders), it went to another unit,
    // or its deadline moved
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
    for (const part of slices(plan.observations, 1000))
      await trx
        .insertInto('supervision_state')
        .values(part.map((o) => ({ problem_id: o.problemId, colour: o.colour, streak: o.streak, observed_on: o.on })))
        .onConflict((oc) =>
          oc.column('problem_id').doUpdateSet((eb) => ({
            colour: eb.ref('excluded.colour'),
            streak: eb.ref('excluded.streak'),
            observed_on: eb.ref('excluded.observed_on'),
          })),
        )
        .execute();
    const n = Number(cancelled.numUpdatedRows ?? 0);
    const run = await trx
      .insertInto('supervision_run')
      .values({ day, at, created: created.length, cancelled: n, by: opts.actor ?? '自动督办' })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (created.length || n)
      await appendEvents(trx, [
        {
          actor: opts.actor ?? '自动督办',
          entity: 'supervision_run',
          entityId: run.id,
          action: 'run',
          after: { day, created: created.length, keys: created.slice(0, 200).map((a) => a.key), cancelled: n },
        },
      ]);
    return { at, day, dryRun: false, actions: created, cancelled: n };
  });
}
