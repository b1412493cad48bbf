// Use case: a supervision run for a moment. Reads the items still on the ledger with their source's policy and what
// the last run saw, lets core/supervision decide, and in one transaction records what is new (a key already there
// is not created again), climbs the ladder on the problem's own record, cancels the reminders that no longer apply
// (the item was closed, reassigned or its deadline moved), and notes what it saw. A dry run decides and writes nothing.
// The items are taken a slice at a time, each decided and written before the next is read, so that a run over
// 100,000 problems holds 2,000 at once; a second run of the same day reads only the items changed since.
import { planSupervision, type PlannedAction } from '../core/supervision/plan.ts';
import { isIsoDate } from '../core/ledger/dates.ts';
import { appendEvents } from '../store/event.repository.ts';
import { slices, type Tx } from '../store/ledger.repository.ts';
import {
  cancelStaleNotifications,
  hasRunOn,
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
import { superviseLeads } from './lead-supervision.ts';
import { superviseMonitoring } from './perf-monitoring.ts';
import type { MonitoringNotice } from '../core/perf/monitoring-plan.ts';

export interface SupervisionRunResult {
  /** the moment the run was for */
  readonly at: string;
  readonly day: string;
  readonly dryRun: boolean;
  /** what this run created: each reminder, warning and escalation, once — the first SHOWN of them, in order */
  readonly actions: readonly PlannedAction[];
  /** how many it created in all */
  readonly created: number;
  /** reminders of earlier runs that no longer apply */
  readonly cancelled: number;
  /** the reminders and rungs this run kept on problem leads (services/lead-supervision.ts) */
  readonly leadNotices: number;
  /** the reminders, rungs and deviation warnings this run kept on 绩效运行监控 (services/perf-monitoring.ts) */
  readonly monitoringNotices: number;
  /** what they say, the first SHOWN of them */
  readonly monitoring: readonly { readonly kind: MonitoringNotice['kind']; readonly message: string }[];
}

/** Items decided and written at a time. */
const SLICE = 2000;
/** Actions a run's answer lists; the rest are counted (a first run over a large ledger makes hundreds of thousands). */
export const SHOWN = 1000;

/** The monitoring notices a run made, counted and the first of them said. */
const said = (ns: readonly MonitoringNotice[]) => ({
  monitoringNotices: ns.length,
  monitoring: ns.slice(0, SHOWN).map((n) => ({ kind: n.kind, message: n.message })),
});

/** "2025-03-01T09:00" or "2025-03-01" → the moment, and its day (the day as written: Beijing time). */
function moment(at: string): { at: string; day: string } {
  const day = at.slice(0, 10);
  if (!isIsoDate(day) || (at.length > 10 && !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(at)))
    throw new ActionRefused(`时间“${at}”应写作 2025-03-01 或 2025-03-01T09:00`);
  return { at: at.length > 10 ? `${day}T${at.slice(11, 16)}:00+08:00` : `${day}T00:00:00+08:00`, day };
}

/** The items still on the ledger, a slice at a time, leaving out those a run for `day` already saw as they are. */
async function* slicesOfItems(db: Db, day: string) {
  let after: { codeOrder: string; id: number } | null = null;
  for (;;) {
    const slice = await supervisedItems(db, { day, after, limit: SLICE });
    if (!slice.last) return;
    yield slice;
    after = slice.last;
  }
}

export async function runSupervision(db: Db, opts: { at: string; dryRun?: boolean; actor?: string }): Promise<SupervisionRunResult> {
  const { at, day } = moment(opts.at);
  if (opts.dryRun) {
    const shown: PlannedAction[] = [];
    let created = 0;
    for await (const { items } of slicesOfItems(db, day)) {
      const plan = planSupervision(items, day);
      const known = await knownNotificationKeys(
        db,
        plan.actions.map((a) => a.key),
      );
      const fresh = plan.actions.filter((a) => !known.has(a.key));
      created += fresh.length;
      shown.push(...fresh.slice(0, SHOWN - shown.length));
    }
    const leadNotices = (await superviseLeads(db, day, true)).length;
    const monitoring = await superviseMonitoring(db, day, true);
    return { at, day, dryRun: true, actions: shown, created, cancelled: 0, leadNotices, ...said(monitoring) };
  }
  return db.transaction().execute(async (trx) => {
    await lockSupervisionRuns(trx);
    return runLocked(trx, at, day, opts.actor);
  });
}

/**
 * The day's run by `actor` (the scheduler: 自动督办) unless it already ran that day — asked under the run lock, so
 * that of several server processes, on one machine or many, exactly one runs it. Null when it had run.
 */
export async function runSupervisionOnce(db: Db, opts: { at: string; actor: string }): Promise<SupervisionRunResult | null> {
  const { at, day } = moment(opts.at);
  return db.transaction().execute(async (trx) => {
    await lockSupervisionRuns(trx);
    if (await hasRunOn(trx, day, opts.actor)) return null;
    return runLocked(trx, at, day, opts.actor);
  });
}

async function runLocked(trx: Tx, at: string, day: string, actor = '自动督办'): Promise<SupervisionRunResult> {
  const shown: PlannedAction[] = [];
  let created = 0;
  for await (const { items, fingerprints } of slicesOfItems(trx, day)) {
    const plan = planSupervision(items, day);
    const byKey = new Map(plan.actions.map((a) => [a.key, a]));
    const order = new Map(plan.actions.map((a, i) => [a.key, i]));
    const fresh: PlannedAction[] = [];
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
      const made = keys.map((k) => byKey.get(k) as PlannedAction);
      fresh.push(...made);
      // the ladder is part of the problem's record: the 督办清单 and its timeline show it
      const rungs = made.filter((a) => a.kind === 'escalation' && a.rung);
      if (rungs.length)
        await recordSupervisionActions(
          trx,
          rungs.flatMap((a) => (a.rung ? [{ problem_id: a.problemId, kind: a.rung, at: day, by: '自动督办', note: a.message }] : [])),
        );
    }
    await keepObservations(trx, plan.observations, fingerprints);
    // in the order planned, whatever order the database returned them in
    fresh.sort((a, b) => (order.get(a.key) as number) - (order.get(b.key) as number));
    created += fresh.length;
    shown.push(...fresh.slice(0, SHOWN - shown.length));
  }
  const n = await cancelStaleNotifications(trx);
  const leadNotices = (await superviseLeads(trx, day, false)).length;
  const monitoring = await superviseMonitoring(trx, day, false);
  const monitoringNotices = monitoring.length;
  const runId = await recordRun(trx, { day, at, created, cancelled: n, by: actor });
  if (created || n || leadNotices || monitoringNotices)
    await appendEvents(trx, [
      {
        actor: actor,
        entity: 'supervision_run',
        entityId: runId,
        action: 'run',
        after: { day, created, keys: shown.slice(0, 200).map((a) => a.key), cancelled: n, leadNotices, monitoringNotices },
      },
    ]);
  return { at, day, dryRun: false, actions: shown, created, cancelled: n, leadNotices, ...said(monitoring) };
}
