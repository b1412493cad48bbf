// Kept reports and workbooks, read back by a viewer: one it may have is the basis of something it sees.
import { sql } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import { scopeSql, sourceScopeSql } from './scope.ts';

/** A kept document, if the viewer sees a source imported from it or a problem whose status was taken from it. */
export function documentInScope(db: Tx, id: number, scope?: Scope) {
  return db
    .selectFrom('document as d')
    .select(['d.file_name', 'd.format', 'd.sha256'])
    .where('d.id', '=', id)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('source as s').select(sql`1`.as('one')).whereRef('s.document_id', '=', 'd.id').where(sourceScopeSql(scope)),
        ),
        eb.exists(
          eb
            .selectFrom('status_change as c')
            .innerJoin('problem as p', 'p.id', 'c.problem_id')
            .innerJoin('source as s', 's.id', 'p.source_id')
            .select(sql`1`.as('one'))
            .whereRef('c.document_id', '=', 'd.id')
            .where(scopeSql(scope)),
        ),
      ]),
    )
    .executeTakeFirst();
}
