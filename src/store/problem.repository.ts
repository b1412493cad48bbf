// The one place problems are put on the ledger and the one place a change of status is recorded; a problem locked
// and updated by version for a step on it. Every way onto the
// ledger — a report, a ledger workbook, a self-evaluation — and every step on a problem comes through here, so the
// status history cannot be skipped by one of them (test/architecture.test.ts holds every other module to it).
// What the status becomes is decided by the state machine (core/ledger/problem-state.ts), never here.
import type { Insertable, Updateable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { LedgerStatus } from '../core/ledger/problem-state.ts';
import { slices, type Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { scopeSql } from './scope.ts';

export type NewProblem = Insertable<Database['problem']> & { readonly status: LedgerStatus };

export interface StatusChange {
  readonly problem_id: number;
  /** ISO day it happened */
  readonly at: string;
  /** null: the problem's first status, as it came onto the ledger */
  readonly from_status: LedgerStatus | null;
  readonly to_status: LedgerStatus;
  readonly reason: string;
  /** who changed it: the person who acted, or who imported the record it was taken from */
  readonly actor: string;
  /** the report or workbook an imported status was taken from */
  readonly document_id?: number | null;
}

/** Puts problems on the ledger (in slices a statement can take); returns each one's id by code. */
export async function insertProblems(trx: Tx, rows: readonly NewProblem[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const slice of slices(rows))
    for (const r of await trx.insertInto('problem').values(slice).returning(['id', 'code']).execute()) ids.set(r.code, r.id);
  return ids;
}

/** Appends to the problems' status histories. */
export async function recordStatusChanges(trx: Tx, changes: readonly StatusChange[]): Promise<void> {
  for (const slice of slices(changes)) await trx.insertInto('status_change').values(slice).execute();
}

/** A problem within the viewer's scope, locked for a step on it. */
export function lockProblemInScope(trx: Tx, code: string, scope: Scope) {
  return trx
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .selectAll('p')
    .where('p.code', '=', code)
    .where(scopeSql(scope))
    .forUpdate('p')
    .executeTakeFirst();
}

/** Updates a problem if it is still at `version`; whether it was. */
export async function updateProblemAtVersion(
  trx: Tx,
  id: number,
  version: number,
  values: Updateable<Database['problem']>,
): Promise<boolean> {
  const updated = await trx.updateTable('problem').set(values).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Takes a problem's lead or cooperating units (both when no role is given) off it. */
export async function deleteProblemUnits(trx: Tx, problemId: number, role?: 'lead' | 'cooperating'): Promise<void> {
  await trx
    .deleteFrom('problem_unit')
    .where('problem_id', '=', problemId)
    .$if(role !== undefined, (q) => q.where('role', '=', role as string))
    .execute();
}

export async function insertProblemUnits(trx: Tx, rows: readonly Insertable<Database['problem_unit']>[]): Promise<void> {
  if (rows.length)
    await trx
      .insertInto('problem_unit')
      .values([...rows])
      .execute();
}
