// Use cases: a source's own warning thresholds (blue so many days before the deadline, yellow after so many days
// without a progress report or so many points behind plan), its publication settings, and its supervision policy.
import { publicationOf, reportContacts, type PublicationSettings } from '../core/official/publication.ts';
import { thresholdsOf, type WarningThresholds } from '../core/ledger/warning.ts';
import { policyOf, type SupervisionPolicy } from '../core/supervision/policy.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import { ActionRefused, NotFoundError } from '../core/errors.ts';

export async function setWarningThresholds(db: Db, code: string, actor: string, t: Partial<WarningThresholds>): Promise<WarningThresholds> {
  for (const [k, v] of Object.entries(t))
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3650)) throw new ActionRefused(`预警阈值 ${k} 应为 0 到 3650 的整数`);
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('source').select(['id', 'warning', 'version']).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!s) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
    const next = thresholdsOf({ ...thresholdsOf(s.warning), ...t });
    await trx.updateTable('source').set({ warning: JSON.stringify(next), version: s.version + 1 }).where('id', '=', s.id).execute();
    await appendEvents(trx, [{ actor, entity: 'source', entityId: s.id, action: 'set-warning-thresholds', before: thresholdsOf(s.warning), after: next }]);
    return next;
  });
}

/** A source's publication settings: who signs, the comment period, contacts, and what a public version leaves out. */
export async function setPublication(db: Db, code: string, actor: string, input: unknown): Promise<PublicationSettings> {
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('source').select(['id', 'publication', 'parsed', 'version']).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!s) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
    const before = publicationOf(s.publication, reportContacts(s.parsed));
    const next = publicationOf({ ...before, ...(input as object) });
    await trx.updateTable('source').set({ publication: JSON.stringify(next), version: s.version + 1 }).where('id', '=', s.id).execute();
    await appendEvents(trx, [{ actor, entity: 'source', entityId: s.id, action: 'set-publication', before, after: next }]);
    return next;
  });
}

/** A source's supervision policy: the reporting cadence, reminders before the deadline, the escalation ladder. */
export async function setSupervisionPolicy(db: Db, code: string, actor: string, input: unknown): Promise<SupervisionPolicy> {
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('source').select(['id', 'supervision', 'version']).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!s) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
    const before = policyOf(s.supervision);
    const next = policyOf({ ...before, ...(input as object) });
    await trx.updateTable('source').set({ supervision: JSON.stringify(next), version: s.version + 1 }).where('id', '=', s.id).execute();
    await appendEvents(trx, [{ actor, entity: 'source', entityId: s.id, action: 'set-supervision-policy', before, after: next }]);
    return next;
  });
}
