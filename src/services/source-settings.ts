// Use cases: a source's own warning thresholds (blue so many days before the deadline, yellow after so many days
// without a progress report or so many points behind plan), its publication settings, and its supervision policy.
// Each is changed the same way: the source locked, found within the viewer's scope, the new value made from the old,
// the version moved on, the change logged.
import { publicationOf, reportContacts, type PublicationSettings } from '../core/official/publication.ts';
import { thresholdsOf, type WarningThresholds } from '../core/ledger/warning.ts';
import { policyOf, type SupervisionPolicy } from '../core/supervision/policy.ts';
import type { Scope } from '../core/access/permissions.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import { ActionRefused, NotFoundError } from '../core/errors.ts';
import { lockOwnedSource, updateSource, visibleSourceSupervision } from '../store/source.repository.ts';
import { refuseUnowned } from './source-owner.ts';

type Setting = 'warning' | 'publication' | 'supervision';

/** Changes one setting of a source in one transaction; `next` makes the new value from the source's row. */
async function changeSetting<T>(
  db: Db,
  code: string,
  who: { actor: string; scope: Scope },
  setting: Setting,
  action: string,
  next: (row: { warning: unknown; publication: unknown; supervision: unknown; parsed: unknown }) => { before: T; after: T },
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const s = await lockOwnedSource(trx, code, who.scope);
    if (!s) return refuseUnowned(trx, code, who.scope, '修改它的设置');
    const { before, after } = next(s);
    await updateSource(trx, s.id, { [setting]: JSON.stringify(after), version: s.version + 1 });
    await appendEvents(trx, [{ actor: who.actor, entity: 'source', entityId: s.id, action, before, after }]);
    return after;
  });
}

export async function setWarningThresholds(
  db: Db,
  code: string,
  actor: string,
  t: Partial<WarningThresholds>,
  scope: Scope,
): Promise<WarningThresholds> {
  for (const [k, v] of Object.entries(t))
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3650))
      throw new ActionRefused(`预警阈值 ${k} 应为 0 到 3650 的整数`);
  return changeSetting(db, code, { actor, scope }, 'warning', 'set-warning-thresholds', (s) => {
    const before = thresholdsOf(s.warning);
    return { before, after: thresholdsOf({ ...before, ...t }) };
  });
}

/** A source's publication settings: who signs, the comment period, contacts, and what a public version leaves out. */
export async function setPublication(db: Db, code: string, actor: string, input: unknown, scope: Scope): Promise<PublicationSettings> {
  return changeSetting(db, code, { actor, scope }, 'publication', 'set-publication', (s) => {
    const before = publicationOf(s.publication, reportContacts(s.parsed));
    return { before, after: publicationOf({ ...before, ...(input as object) }) };
  });
}

/** A source's supervision policy: the reporting cadence, reminders before the deadline, the escalation ladder. */
export async function setSupervisionPolicy(db: Db, code: string, actor: string, input: unknown, scope: Scope): Promise<SupervisionPolicy> {
  return changeSetting(db, code, { actor, scope }, 'supervision', 'set-supervision-policy', (s) => {
    const before = policyOf(s.supervision);
    return { before, after: policyOf({ ...before, ...(input as object) }) };
  });
}

/** The policy in force for a source the viewer can see. */
export async function supervisionPolicy(db: Db, code: string, scope: Scope): Promise<SupervisionPolicy> {
  const s = await visibleSourceSupervision(db, code, scope);
  if (!s) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
  return policyOf(s.supervision);
}
