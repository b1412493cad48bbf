// Use cases for the organisation: units as a tree (party committee, bureau, section, town, company) and people with
// their posts.
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import {
  activeChildUnitNames,
  allUnits,
  insertUnit,
  unitById,
  unitIdByName,
  unitNamed,
  unitRecords,
  updateUnitRow,
} from '../store/org.repository.ts';
import { activeUsernamesOfUnit } from '../store/account.repository.ts';
import { insertPerson, peopleInScope } from '../store/person.repository.ts';
import { ActionRefused, NotFoundError, NotPermitted, StaleVersionError } from '../core/errors.ts';
import { orgChangeRefusal, type OrgChange } from '../core/access/org-changes.ts';
import { subtreeOf, type Scope } from '../core/access/permissions.ts';
import type { Tx } from '../store/ledger.repository.ts';

import type { UnitKind } from '../core/vocabulary.ts';
import { sealField } from './field-cipher.ts';

/** The change refused when it is not the viewer's to make (core/access/org-changes.ts); no scope: the system's own. */
function allow(scope: Scope, change: OrgChange): void {
  const why = orgChangeRefusal(scope, change);
  if (why) throw new NotPermitted(why);
}

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
  scope: Scope,
): Promise<number> {
  const name = input.name.trim();
  if (!name) throw new ActionRefused('单位名称不能为空');
  return db.transaction().execute(async (trx) => {
    const parentId = input.parent ? await unitIdByName(trx, input.parent, { what: '上级单位' }) : null;
    allow(scope, { kind: 'add-unit', parent: parentId });
    if ((await unitNamed(trx, name)) !== undefined) throw new ActionRefused(`单位“${name}”已存在`);
    const id = await insertUnit(trx, { name, kind: input.kind ?? 'other', parent_id: parentId, email: email(input.email) });
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
  scope: Scope,
): Promise<number> {
  const name = input.name.trim();
  if (!name) throw new ActionRefused('姓名不能为空');
  return db.transaction().execute(async (trx) => {
    const unitId = input.unit ? await unitIdByName(trx, input.unit) : null;
    allow(scope, { kind: 'add-person', unit: unitId });
    const id = await insertPerson(trx, {
      name,
      unit_id: unitId,
      post: input.post ?? null,
      phone: sealField(input.phone ?? null),
      email: email(input.email),
    });
    await appendEvents(trx, [
      { actor, entity: 'person', entityId: id, action: 'create', after: { name, unit: input.unit ?? null, post: input.post ?? null } },
    ]);
    return id;
  });
}

/**
 * The unit tree, each unit with its children, for choosing an owner; retired units are marked, not left out. A unit's
 * e-mail (where digests go) is shown to those who keep the organisation, not to everyone who may read the ledger.
 */
export async function unitTree(db: Db, who: { readonly contacts: boolean }) {
  const rows = await unitRecords(db);
  type Node = { id: number; name: string; kind: UnitKind; email: string | null; retired: boolean; version: number; children: Node[] };
  const nodes = new Map<number, Node>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        kind: r.kind,
        email: who.contacts ? r.email : null,
        retired: r.retired_at !== null,
        version: r.version,
        children: [],
      },
    ]),
  );
  const roots: Node[] = [];
  for (const r of rows) (r.parent_id ? nodes.get(r.parent_id)?.children : roots)?.push(nodes.get(r.id) as Node);
  return roots;
}

async function unitRow(trx: Tx, id: number) {
  const u = await unitById(trx, id);
  if (!u) throw new NotFoundError(`单位 ${id} 不存在`);
  return u;
}

/**
 * Renames a unit, changes its kind or e-mail, or moves it under another parent (or to the top). A unit cannot move
 * under itself or one of its own units: the tree that decides who sees what would become a loop.
 */
export async function updateUnit(
  db: Db,
  actor: string,
  id: number,
  input: {
    name?: string | undefined;
    kind?: UnitKind | undefined;
    parent?: string | null | undefined;
    email?: string | undefined;
    version: number;
  },
  scope: Scope,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const u = await unitRow(trx, id);
    allow(scope, { kind: 'edit-unit', unit: id });
    if (u.version !== input.version) throw new StaleVersionError(u.name, '单位');
    const name = input.name === undefined ? u.name : input.name.trim();
    if (!name) throw new ActionRefused('单位名称不能为空');
    if (name !== u.name && (await unitNamed(trx, name)) !== undefined) throw new ActionRefused(`单位“${name}”已存在`);
    let parentId = u.parent_id;
    const newParent =
      input.parent === undefined ? undefined : input.parent === null ? null : await unitIdByName(trx, input.parent, { what: '上级单位' });
    allow(scope, { kind: 'edit-unit', unit: id, newParent: newParent === u.parent_id ? undefined : newParent });
    if (newParent !== undefined) {
      parentId = newParent;
      if (
        parentId !== null &&
        subtreeOf(
          id,
          (await allUnits(trx)).map((x) => ({ id: x.id, parentId: x.parentId })),
        ).includes(parentId)
      )
        throw new ActionRefused(`不能把“${u.name}”移到它自己或它的下级单位“${input.parent}”之下`);
    }
    const after = {
      name,
      kind: input.kind ?? u.kind,
      parent_id: parentId,
      email: input.email === undefined ? u.email : email(input.email),
    };
    await updateUnitRow(trx, id, { ...after, version: u.version + 1 });
    await appendEvents(trx, [
      {
        actor,
        entity: 'org_unit',
        entityId: id,
        action: 'update',
        before: { name: u.name, kind: u.kind, parent_id: u.parent_id, email: u.email },
        after,
      },
    ]);
  });
}

/**
 * Retires a unit that was merged away or abolished, or brings it back. A retired unit keeps its name on every problem
 * it led and every record it made, but takes no new account, problem or child unit; it cannot be retired while people
 * still log in as it or a unit under it is still in use.
 */
export async function setUnitRetired(db: Db, actor: string, id: number, retired: boolean, scope: Scope): Promise<{ name: string }> {
  return db.transaction().execute(async (trx) => {
    const u = await unitRow(trx, id);
    allow(scope, { kind: 'retire-unit', unit: id });
    if ((u.retired_at !== null) === retired) return { name: u.name };
    if (retired) {
      const users = await activeUsernamesOfUnit(trx, id);
      if (users.length)
        throw new ActionRefused(`单位“${u.name}”还有 ${users.length} 个在用账号（${users.join('、')}），请先停用或改到其他单位`);
      const children = await activeChildUnitNames(trx, id);
      if (children.length) throw new ActionRefused(`单位“${u.name}”下还有在用的单位（${children.join('、')}），请先撤销或移走`);
    } else if (u.parent_id !== null) {
      const parent = await unitRow(trx, u.parent_id);
      if (parent.retired_at) throw new ActionRefused(`上级单位“${parent.name}”已撤销，请先恢复它或把“${u.name}”移到其他单位之下`);
    }
    await updateUnitRow(trx, id, { retired_at: retired ? new Date() : null, version: u.version + 1 });
    await appendEvents(trx, [{ actor, entity: 'org_unit', entityId: id, action: retired ? 'retire' : 'reinstate' }]);
    return { name: u.name };
  });
}

/** The people on the organisation's list, with their unit: an office's own tree's, an administrator's all. */
export async function listPeople(db: Db, scope: Scope) {
  return peopleInScope(db, scope);
}
