// Budget performance self-evaluations, each kept whole as one JSON document with a version. Who sees one: everyone
// with the whole ledger in view, else the people of its owner unit and above it.
import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

function visible(scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'perf_evaluation'>) =>
    scope.kind === 'all' ? eb.val(true) : scope.units.length === 0 ? eb.val(false) : eb('perf_evaluation.owner_unit_id', 'in', scope.units);
}

export async function insertEvaluation(trx: Tx, row: Insertable<Database['perf_evaluation']>): Promise<number> {
  return (await trx.insertInto('perf_evaluation').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** An evaluation the viewer sees, with the code of the source its problems went to. */
export function evaluationInScope(db: Tx, id: number, scope: Scope) {
  return db
    .selectFrom('perf_evaluation')
    .leftJoin('source as s', 's.id', 'perf_evaluation.source_id')
    .select([
      'perf_evaluation.id',
      'perf_evaluation.unit',
      'perf_evaluation.year',
      'perf_evaluation.data',
      'perf_evaluation.version',
      's.code as source',
    ])
    .where('perf_evaluation.id', '=', id)
    .where(visible(scope))
    .executeTakeFirst();
}

/** The evaluations the viewer sees, latest year first. */
export function evaluationsInScope(db: Tx, scope: Scope) {
  return db
    .selectFrom('perf_evaluation')
    .leftJoin('source as s', 's.id', 'perf_evaluation.source_id')
    .select(['perf_evaluation.id', 'perf_evaluation.unit', 'perf_evaluation.year', 'perf_evaluation.data', 's.code as source'])
    .where(visible(scope))
    .orderBy('perf_evaluation.year', 'desc')
    .orderBy('perf_evaluation.id', 'desc')
    .execute();
}

/** An evaluation the viewer sees, locked for a change. */
export function lockEvaluation(trx: Tx, id: number, scope: Scope) {
  return trx
    .selectFrom('perf_evaluation')
    .select(['version', 'data', 'source_id', 'owner_unit_id'])
    .where('id', '=', id)
    .where(visible(scope))
    .forUpdate()
    .executeTakeFirst();
}

export async function updateEvaluation(trx: Tx, id: number, values: Updateable<Database['perf_evaluation']>): Promise<void> {
  await trx.updateTable('perf_evaluation').set(values).where('id', '=', id).execute();
}

// ——— the 绩效目标表 of a year, scoped like the evaluations ———

function targetVisible(scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'perf_target'>) =>
    scope.kind === 'all' ? eb.val(true) : scope.units.length === 0 ? eb.val(false) : eb('perf_target.owner_unit_id', 'in', scope.units);
}

export async function insertTarget(trx: Tx, row: Insertable<Database['perf_target']>): Promise<number> {
  return (await trx.insertInto('perf_target').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A target table the viewer sees, with the evaluation started from it (if one was). */
export function targetInScope(db: Tx, id: number, scope: Scope) {
  return db
    .selectFrom('perf_target')
    .leftJoin('perf_evaluation as e', 'e.target_id', 'perf_target.id')
    .select([
      'perf_target.id',
      'perf_target.unit',
      'perf_target.year',
      'perf_target.data',
      'perf_target.version',
      'perf_target.approved_by',
      'perf_target.approved_at',
      'perf_target.owner_unit_id',
      'perf_target.monitoring',
      'perf_target.monitored_from',
      'e.id as evaluation_id',
    ])
    .where('perf_target.id', '=', id)
    .where(targetVisible(scope))
    .executeTakeFirst();
}

/** The target tables the viewer sees, latest year first. */
export function targetsInScope(db: Tx, scope: Scope) {
  return db
    .selectFrom('perf_target')
    .leftJoin('perf_evaluation as e', 'e.target_id', 'perf_target.id')
    .leftJoin('org_unit as o', 'o.id', 'perf_target.owner_unit_id')
    .select([
      'perf_target.id',
      'perf_target.unit',
      'perf_target.year',
      'perf_target.data',
      'perf_target.approved_at',
      'perf_target.monitoring',
      'perf_target.monitored_from',
      'e.id as evaluation_id',
      'o.name as owner',
    ])
    .where(targetVisible(scope))
    .orderBy('perf_target.year', 'desc')
    .orderBy('perf_target.id', 'desc')
    .execute();
}

export async function removeTarget(trx: Tx, id: number): Promise<void> {
  await trx.deleteFrom('perf_target').where('id', '=', id).execute();
}

/** The table kept for a unit's year (the same unit's people), if there is one: its id. */
export async function targetOf(db: Tx, unit: string, year: number, ownerUnitId: number | null): Promise<number | null> {
  const r = await db
    .selectFrom('perf_target')
    .select('id')
    .where('unit', '=', unit)
    .where('year', '=', year)
    .where((eb) => (ownerUnitId === null ? eb('owner_unit_id', 'is', null) : eb('owner_unit_id', '=', ownerUnitId)))
    .executeTakeFirst();
  return r?.id ?? null;
}

/** A target table the viewer sees, locked for a change. */
export function lockTarget(trx: Tx, id: number, scope: Scope) {
  return trx
    .selectFrom('perf_target')
    .select(['version', 'data', 'approved_at', 'owner_unit_id', 'monitoring', 'monitored_from', 'year', 'unit'])
    .where('id', '=', id)
    .where(targetVisible(scope))
    .forUpdate()
    .executeTakeFirst();
}

export async function updateTarget(trx: Tx, id: number, values: Updateable<Database['perf_target']>): Promise<void> {
  await trx.updateTable('perf_target').set(values).where('id', '=', id).execute();
}

/** The evaluation started from a target table, if there is one. */
export async function evaluationOfTarget(trx: Tx, targetId: number): Promise<number | null> {
  const r = await trx.selectFrom('perf_evaluation').select('id').where('target_id', '=', targetId).executeTakeFirst();
  return r?.id ?? null;
}
