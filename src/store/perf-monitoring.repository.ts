// The year's 绩效运行监控: each point's report (one per target table and point, replaced with its version) and the
// daily run's notices on them. Who sees them is who sees the target table (perf.repository.ts).
import type { Insertable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export function reportsOfTarget(db: Tx, targetId: number) {
  return db
    .selectFrom('perf_monitoring')
    .select(['id', 'period', 'as_of', 'input', 'result', 'version', 'reported_by', 'reported_at'])
    .where('target_id', '=', targetId)
    .orderBy('period')
    .execute();
}

/** The points reported of these tables. */
export function reportedPeriods(db: Tx, targetIds: readonly number[]) {
  if (targetIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('perf_monitoring')
    .select(['target_id', 'period'])
    .where('target_id', 'in', [...targetIds])
    .execute();
}

/** A point's report locked for a correction, if there is one. */
export function lockReport(trx: Tx, targetId: number, period: string) {
  return trx
    .selectFrom('perf_monitoring')
    .select(['id', 'version', 'input', 'result'])
    .where('target_id', '=', targetId)
    .where('period', '=', period)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertReport(trx: Tx, row: Insertable<Database['perf_monitoring']>): Promise<void> {
  await trx.insertInto('perf_monitoring').values(row).execute();
}

export async function replaceReport(
  trx: Tx,
  id: number,
  row: Pick<Insertable<Database['perf_monitoring']>, 'as_of' | 'input' | 'result' | 'version' | 'reported_by'>,
): Promise<void> {
  await trx
    .updateTable('perf_monitoring')
    .set({ ...row, reported_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * The approved target tables still watched on `day`: a year not long past, and no self-evaluation started from them
 * yet (the year's end belongs to the evaluation). With their reports' colours and the rungs climbed.
 */
export async function monitoredTables(db: Tx, day: string) {
  const year = Number(day.slice(0, 4));
  const tables = await db
    .selectFrom('perf_target as t')
    .leftJoin('perf_evaluation as e', 'e.target_id', 't.id')
    .select(['t.id', 't.unit', 't.year', 't.monitoring', 't.monitored_from'])
    .where('t.approved_at', 'is not', null)
    .where('t.monitored_from', 'is not', null)
    .where('t.year', '>=', year - 1)
    .where('t.year', '<=', year)
    .where('e.id', 'is', null)
    .execute();
  if (tables.length === 0) return { tables, reports: [], climbed: [] };
  const ids = tables.map((t) => t.id);
  const reports = await db
    .selectFrom('perf_monitoring')
    .select(['target_id', 'period', 'version', 'result'])
    .where('target_id', 'in', ids)
    .execute();
  const climbed = await db
    .selectFrom('perf_notice')
    .select(['target_id', 'period', 'rung', 'day'])
    .where('kind', '=', 'escalation')
    .where('target_id', 'in', ids)
    .execute();
  return { tables, reports, climbed };
}

/** A day's monitoring notices with the unit that keeps the targets: that unit's monitoring digest. */
export function perfNoticesWithUnits(db: Tx, day: string) {
  return db
    .selectFrom('perf_notice as n')
    .innerJoin('perf_target as t', 't.id', 'n.target_id')
    .innerJoin('org_unit as u', 'u.id', 't.owner_unit_id')
    .select(['n.kind', 'n.message', 'n.target_id', 'u.id as unit_id', 'u.name as unit', 'u.email as unit_email'])
    .where('n.day', '=', day)
    .orderBy('n.id')
    .execute();
}

export function noticesOfTarget(db: Tx, targetId: number) {
  return db
    .selectFrom('perf_notice')
    .select(['kind', 'rung', 'period', 'day', 'message'])
    .where('target_id', '=', targetId)
    .orderBy('day', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}
