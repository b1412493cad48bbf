// Use cases for the organisation: units as a tree (party committee, bureau, section, town, company) and people with
// their posts.
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import { ActionRefused } from '../core/errors.ts';

export type UnitKind = 'party-committee' | 'government' | 'bureau' | 'section' | 'town' | 'village' | 'company' | 'school' | 'other';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
function email(v: string | undefined): string | null {
  const e = v?.trim();
  if (!e) return null;
  if (!EMAIL.test(e)) throw new ActionRefused(`电子邮箱“${e}”格式不正确`);
  return e;
}

export async function createUnit(
  db: Db,
  actor: string,
  input: { name: string; kind?: UnitKind; parent?: string | undefined; email?: string | undefined },
): Promise<number> {
  const name = input.name.trim();
  if (!name) throw new ActionRefused('单位名称不能为空');
  return db.transaction().execute(async (trx) => {
    let parentId: number | null = null;
    if (input.parent) {
      const p = await trx.selectFrom('org_unit').select('id').where('name', '=', input.parent).executeTakeFirst();
      if (!p) throw new ActionRefused(`上级单位“${input.parent}”不存在`);
      parentId = p.id;
    }
    const clash = await trx.selectFrom('org_unit').select('id').where('name', '=', name).executeTakeFirst();
    if (clash) throw new ActionRefused(`单位“${name}”已存在`);
    const { id } = await trx
      .insertInto('org_unit')
      .values({ name, kind: input.kind ?? 'other', parent_id: parentId, email: email(input.email) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(trx, [
      {
        actor,
        entity: 'org_unit',
        entityId: id,
        action: 'create',
        after: { name, kind: input.kind ?? 'other', parent: input.parent ?? null },
      },
    ]);
    return id;
  });
}

export async function createPerson(
  db: Db,
  actor: string,
  input: { name: string; unit?: string | undefined; post?: string | undefined; phone?: string | undefined; email?: string | undefined },
): Promise<number> {
  const name = input.name.trim();
  if (!name) throw new ActionRefused('姓名不能为空');
  return db.transaction().execute(async (trx) => {
    let unitId: number | null = null;
    if (input.unit) {
      const u = await trx.selectFrom('org_unit').select('id').where('name', '=', input.unit).executeTakeFirst();
      if (!u) throw new ActionRefused(`单位“${input.unit}”不存在`);
      unitId = u.id;
    }
    const { id } = await trx
      .insertInto('person')
      .values({ name, unit_id: unitId, post: input.post ?? null, phone: input.phone ?? null, email: email(input.email) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(trx, [
      { actor, entity: 'person', entityId: id, action: 'create', after: { name, unit: input.unit ?? null, post: input.post ?? null } },
    ]);
    return id;
  });
}

/** The unit tree, each unit with its children, for choosing an owner. */
export async function unitTree(db: Db) {
  const rows = await db.selectFrom('org_unit').select(['id', 'name', 'kind', 'parent_id']).orderBy('id').execute();
  type Node = { id: number; name: string; kind: string; children: Node[] };
  const nodes = new Map<number, Node>(rows.map((r) => [r.id, { id: r.id, name: r.name, kind: r.kind, children: [] }]));
  const roots: Node[] = [];
  for (const r of rows) (r.parent_id ? nodes.get(r.parent_id)?.children : roots)?.push(nodes.get(r.id) as Node);
  return roots;
}

/** Everyone on the organisation's list, with their unit. */
export async function listPeople(db: Db) {
  return db
    .selectFrom('person as p')
    .leftJoin('org_unit as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.name', 'p.post', 'u.name as unit'])
    .orderBy('p.id')
    .execute();
}
