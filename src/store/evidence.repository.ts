// Evidence of rectification: the record of each file kept for a problem (the bytes are in store/file-store.ts).
import type { Insertable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { scopeSql } from './scope.ts';

/** How many files a problem holds and their bytes together. */
export async function evidenceHeld(trx: Tx, problemId: number): Promise<{ files: number; bytes: number }> {
  const kept = await trx
    .selectFrom('evidence')
    .select((eb) => [eb.fn.countAll<string>().as('files'), eb.fn.coalesce(eb.fn.sum<string>('size'), eb.lit(0)).as('bytes')])
    .where('problem_id', '=', problemId)
    .executeTakeFirstOrThrow();
  return { files: Number(kept.files), bytes: Number(kept.bytes) };
}

/** The problem's evidence with exactly these bytes, if it holds them already. */
export function evidenceWithBytes(trx: Tx, problemId: number, sha256: string) {
  return trx
    .selectFrom('evidence')
    .select(['id', 'file_name'])
    .where('problem_id', '=', problemId)
    .where('sha256', '=', sha256)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertEvidence(trx: Tx, row: Insertable<Database['evidence']>): Promise<number> {
  return (await trx.insertInto('evidence').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** How many of `ids` are evidence of this problem. */
export async function countEvidenceOf(trx: Tx, problemId: number, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  return (await trx.selectFrom('evidence').select('id').where('problem_id', '=', problemId).where('id', 'in', ids).execute()).length;
}

/** An evidence record whose problem is within the viewer's scope. */
export function evidenceInScope(db: Tx, id: number, scope: Scope) {
  return db
    .selectFrom('evidence as e')
    .innerJoin('problem as p', 'p.id', 'e.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['e.file_name', 'e.mime', 'e.sha256'])
    .where('e.id', '=', id)
    .where(scopeSql(scope))
    .executeTakeFirst();
}
