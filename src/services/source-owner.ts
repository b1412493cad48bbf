// Which unit owns a source — the office whose ledger it is — and what owning means. A source is owned from the moment
// it is written: by the unit of the office that imported it, by the unit an administrator chose, or else by the unit
// named as the inspected one. Its owner (and the units above) see all of it and manage it as a whole — settings,
// documents, the workbook; others see only the problems their units lead or work on (store/scope.ts).
import { unitNamedIn } from '../core/access/owner-by-name.ts';
import type { Scope } from '../core/access/permissions.ts';
import { NotFoundError, NotPermitted } from '../core/errors.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Tx } from '../store/ledger.repository.ts';
import type { Db } from '../store/open-database.ts';
import { allUnits, unitById } from '../store/org.repository.ts';
import { lockOwnedSource, updateSource, visibleSourceOwner } from '../store/source.repository.ts';

/** The owner of a new source: the one given, else the one unit the report names as its own (inspected, issuer), else none. */
export async function ownerOfNewSource(trx: Tx, given: number | null | undefined, ...said: (string | null)[]): Promise<number | null> {
  if (given) {
    if (!(await unitById(trx, given))) throw new NotFoundError(`没有编号为 ${given} 的单位，无法作为归属单位`);
    return given;
  }
  if (!said.some(Boolean)) return null;
  return unitNamedIn(await allUnits(trx), said);
}

/**
 * Throws why a viewer may not manage source `code` as a whole: not found when it sees none of it, refused with the
 * owner's name when it sees only some of its problems. For a query that found no source it owns.
 */
export async function refuseUnowned(db: Tx, code: string, scope: Scope, what: string): Promise<never> {
  const s = await visibleSourceOwner(db, code, scope);
  if (!s) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
  throw new NotPermitted(
    s.name
      ? `整改来源“${code}”归${s.name}所有，只有该单位的整改办能${what}`
      : `整改来源“${code}”尚未指定归属单位，请系统管理员先指定，之后由该单位的整改办${what}`,
  );
}

/** An administrator gives source `code` to `unitId` (null: to no unit, seen by administrators alone). */
export async function setSourceOwner(db: Db, who: { actor: string; scope: Scope }, code: string, unitId: number | null) {
  return db.transaction().execute(async (trx) => {
    const s = await lockOwnedSource(trx, code, who.scope);
    if (!s) return refuseUnowned(trx, code, who.scope, '更改归属单位');
    const unit = unitId === null ? null : await unitById(trx, unitId);
    if (unitId !== null && !unit) throw new NotFoundError(`没有编号为 ${unitId} 的单位`);
    await updateSource(trx, s.id, { owner_unit_id: unitId, version: s.version + 1 });
    await appendEvents(trx, [
      { actor: who.actor, entity: 'source', entityId: s.id, action: 'owner', before: { unitId: s.owner_unit_id }, after: { unitId } },
    ]);
    return { code, owner: unit?.name ?? null };
  });
}
