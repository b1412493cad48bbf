// People of the organisation, looked up by name (names are not unique: the caller says what two of a name means).
import { sql, type Insertable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export async function personIdsByName(trx: Tx, name: string): Promise<number[]> {
  return (await trx.selectFrom('person').select('id').where('name', '=', name).execute()).map((p) => p.id);
}

/** Everyone on the organisation's list, in the order they were added. */
export function allPeople(trx: Tx) {
  return trx.selectFrom('person').select(['id', 'name']).orderBy('id').execute();
}

export async function insertPerson(trx: Tx, row: Insertable<Database['person']>): Promise<number> {
  return (await trx.insertInto('person').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The people of the units a scope covers (all of them for an unscoped viewer), with their unit's name. */
export function peopleInScope(db: Tx, scope: Scope) {
  let q = db
    .selectFrom('person as p')
    .leftJoin('org_unit as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.name', 'p.post', 'u.name as unit']);
  if (scope.kind !== 'all') q = scope.units.length ? q.where('p.unit_id', 'in', scope.units) : q.where(sql<boolean>`false`);
  return q.orderBy('p.id').execute();
}
