// Units looked up by the name a person or a file gives. One lookup, one refusal, so that the account form, the
// assignment of a problem and the import all say the same thing about a unit that is missing or retired.
import { ActionRefused } from '../core/errors.ts';
import type { Tx } from './ledger.repository.ts';

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
  return trx.selectFrom('org_unit').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}
