// Requests on a problem that wait for a decision: closure (销号, with its evidence) and extension of the deadline.
// At most one of each is pending for a problem; a decision is recorded at the transaction's moment, as the status
// change it causes is, so the timeline shows the decision before its status.
import { sql, type Insertable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

/** The closure request of a problem still waiting for a decision. */
export function pendingClosure(trx: Tx, problemId: number) {
  return trx
    .selectFrom('closure_request')
    .select(['id', 'evidence_ids'])
    .where('problem_id', '=', problemId)
    .where('decision', 'is', null)
    .executeTakeFirst();
}

export async function insertClosureRequest(trx: Tx, row: Insertable<Database['closure_request']>): Promise<number> {
  return (await trx.insertInto('closure_request').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function decideClosureRequest(
  trx: Tx,
  id: number,
  d: { decision: 'accepted' | 'returned'; by: string; at: string; reason: string | null },
): Promise<void> {
  await trx
    .updateTable('closure_request')
    .set({
      decision: d.decision,
      decided_by: d.by,
      decided_at: d.at,
      decided_recorded_at: sql`now()`,
      reason: d.reason,
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .execute();
}

/** The extension request of a problem still waiting for a decision. */
export function pendingExtension(trx: Tx, problemId: number) {
  return trx
    .selectFrom('extension_request')
    .selectAll()
    .where('problem_id', '=', problemId)
    .where('decision', 'is', null)
    .executeTakeFirst();
}

export async function insertExtensionRequest(trx: Tx, row: Insertable<Database['extension_request']>): Promise<number> {
  return (await trx.insertInto('extension_request').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function decideExtensionRequest(
  trx: Tx,
  id: number,
  d: { decision: 'approved' | 'rejected'; by: string; at: string; reason: string | null },
): Promise<void> {
  await trx
    .updateTable('extension_request')
    .set({ decision: d.decision, decided_by: d.by, decided_at: d.at, decided_recorded_at: sql`now()`, decision_reason: d.reason })
    .where('id', '=', id)
    .execute();
}

/** The latest closure request of a problem, decided or not. */
export function latestClosure(db: Tx, code: string) {
  return db
    .selectFrom('closure_request as c')
    .innerJoin('problem as p', 'p.id', 'c.problem_id')
    .selectAll('c')
    .where('p.code', '=', code)
    .orderBy('c.id', 'desc')
    .executeTakeFirst();
}
