// The organisation's units. Looked up by the name a person or a file gives, one lookup, one refusal, so that the
// account form, the assignment of a problem and the import all say the same thing about a unit missing or retired.
import { ActionRefused } from '../core/errors.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export interface UnitRow {
  readonly id: number;
  readonly name: string;
  readonly parentId: number | null;
  readonly retired: boolean;
}

/**
 * The unit of that name. `forNewWork`: the unit is to take something new (an account, a problem, a child unit), which a
 * retired unit may not; an import of an old report may still name it. `what` names the field in the refusal.
 */
export async function unitIdByName(trx: Tx, name: string, opts: { what?: string; forNewWork?: boolean } = {}): Promise<number> {
  const what = opts.what ?? '单位';
  const u = await trx.selectFrom('org_unit').select(['id', 'retired_at']).where('name', '=', name).executeTakeFirst();
  if (!u) throw new ActionRefused(`${what}“${name}”不存在，请先在组织机构中添加`);
  if (opts.forNewWork !== false && u.retired_at) throw new ActionRefused(`${what}“${name}”已撤销，不能再指定，请选择承接它工作的单位`);
  return u.id;
}

/** Every unit with its parent, retired ones included (their history stays readable). */
export async function allUnits(trx: Tx): Promise<UnitRow[]> {
  const rows = await trx.selectFrom('org_unit').select(['id', 'name', 'parent_id', 'retired_at']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, retired: r.retired_at !== null }));
}

/** The unit of that id, if there is one. */
export function unitById(trx: Tx, id: number) {
  return trx.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The id of the unit of that name, retired or not, if there is one: whether a name is taken. */
export async function unitNamed(trx: Tx, name: string): Promise<number | undefined> {
  return (await trx.selectFrom('org_unit').select('id').where('name', '=', name).executeTakeFirst())?.id;
}

/** Every unit as the organisation's screen shows it, in the order they were added. */
export function unitRecords(trx: Tx) {
  return trx.selectFrom('org_unit').select(['id', 'name', 'kind', 'parent_id', 'email', 'retired_at', 'version']).orderBy('id').execute();
}

export async function insertUnit(trx: Tx, row: Insertable<Database['org_unit']>): Promise<number> {
  return (await trx.insertInto('org_unit').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUnitRow(trx: Tx, id: number, values: Updateable<Database['org_unit']>): Promise<void> {
  await trx.updateTable('org_unit').set(values).where('id', '=', id).execute();
}

/** The names of the units directly under a unit that are not retired. */
export async function activeChildUnitNames(trx: Tx, id: number): Promise<string[]> {
  return (await trx.selectFrom('org_unit').select('name').where('parent_id', '=', id).where('retired_at', 'is', null).execute()).map(
    (x) => x.name,
  );
}
