// Use case: a supervision run for a moment. Reads every item still on the ledger with its source's policy and what
// the last run saw, lets core/supervision decide, and in one transaction records what is new (a key already there
// is not created again), climbs the ladder on the problem's own record, cancels the reminders that no longer apply
// (the item was closed, reassigned or its deadline moved), and notes what it saw. A dry run decides and writes nothing.
import { planSupervision, type PlannedAction } from '../core/supervision/plan.ts';
import { isIsoDate } from '../core/ledger/dates.ts';
import { appendEvents } from '../store/event.repository.ts';
import { slices } from '../store/ledger.repository.ts';
import {
  cancelStaleNotifications,
  insertNewNotifications,
  keepObservations,
  knownNotificationKeys,
  lockSupervisionRuns,
  recordRun,
  recordSupervisionActions,
  supervisedItems,
} from '../store/supervision.repository.ts';
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

export async function runSupervision(db: Db, opts: { at: string; dryRun?: boolean; actor?: string }): Promise<SupervisionRunResult> {
  const { at, day } = moment(opts.at);
  const items = await supervisedItems(db);
  const plan = planSupervision(items, day);
  if (opts.dryRun) {
    const known = await knownNotificationKeys(
      db,
      plan.actions.map((a) => a.key),
    );
    return { at, day, dryRun: true, actions: plan.actions.filter((a) => !known.has(a.key)), cancelled: 0 };
  }
  return db.transaction().execute(async (trx) => {
    await lockSupervisionRuns(trx);
    // in slices: a first run over a large ledger creates tens of thousands of actions at once
    const created: PlannedAction[] = [];
    const byKey = new Map(plan.actions.map((a) => [a.key, a]));
    for (const part of slices(plan.actions, 1000)) {
      const keys = await insertNewNotifications(
        trx,
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
      );
      const fresh = keys.map((k) => byKey.get(k) as PlannedAction);
      created.push(...fresh);
      // the ladder is part of the problem's record: the 督办清单 and its timeline show it
      const rungs = fresh.filter((a) => a.kind === 'escalation' && a.rung);
      if (rungs.length)
        await recordSupervisionActions(
          trx,
          rungs.flatMap((a) => (a.rung ? [{ problem_id: a.problemId, kind: a.rung, at: day, by: '自动督办', note: a.message }] : [])),
        );
    }
    // in the order planned, whatever order the database returned them in
    const order = new Map(plan.actions.map((a, i) => [a.key, i]));
    created.sort((a, b) => (order.get(a.key) as number) - (order.get(b.key) as number));
    const n = await cancelStaleNotifications(trx);
    await keepObservations(trx, plan.observations);
    const runId = await recordRun(trx, { day, at, created: created.length, cancelled: n, by: opts.actor ?? '自动督办' });
    if (created.length || n)
      await appendEvents(trx, [
        {
          actor: opts.actor ?? '自动督办',
          entity: 'supervision_run',
          entityId: runId,
          action: 'run',
          after: { day, created: created.length, keys: created.slice(0, 200).map((a) => a.key), cancelled: n },
        },
      ]);
    return { at, day, dryRun: false, actions: created, cancelled: n };
  });
}
