// The security administrator's policy (core/access/security-policy.ts), kept in one row: read by every login and
// password change, changed with the version it was read at, and each change written to the log as before → after.
import { DEFAULT_POLICY, readPolicy, type SecurityPolicy } from '../core/access/security-policy.ts';
import { InvalidInput, StaleVersionError } from '../core/errors.ts';
import { storedPolicy, writePolicy } from '../store/account.repository.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';

/** The policy in force: the stored one completed by the defaults; the defaults when none was set. */
export function policyFrom(stored: unknown): SecurityPolicy {
  if (stored === null || stored === undefined) return DEFAULT_POLICY;
  const r = readPolicy(typeof stored === 'string' ? JSON.parse(stored) : stored);
  // a stored policy is checked when written; one a newer bound refuses falls back to the defaults, not to nothing
  return 'policy' in r ? r.policy : DEFAULT_POLICY;
}

export async function currentPolicy(db: Db): Promise<{ policy: SecurityPolicy; version: number }> {
  const s = await storedPolicy(db);
  return { policy: policyFrom(s?.policy), version: s?.version ?? 0 };
}

/** The security administrator's change, refused field by field when out of bounds, and refused when stale. */
export async function changePolicy(db: Db, actor: string, given: unknown, version: number, ip?: string): Promise<SecurityPolicy> {
  const r = readPolicy(given);
  if ('problems' in r) throw new InvalidInput(`安全策略未保存：${r.problems.join('；')}`);
  return db.transaction().execute(async (trx) => {
    const before = policyFrom((await storedPolicy(trx))?.policy);
    if (!(await writePolicy(trx, r.policy, version))) throw new StaleVersionError('设置', '安全策略');
    await appendEvents(trx, [
      { actor, entity: 'security-policy', entityId: 1, action: 'update', before, after: { ...r.policy, ...(ip ? { ip } : {}) } },
    ]);
    return r.policy;
  });
}
