// Sessions, each stored under the hash of its cookie's token (the caller hashes: a copy of the database opens none).
import type { Insertable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export async function insertSession(db: Tx, row: Insertable<Database['user_session']>): Promise<void> {
  await db.insertInto('user_session').values(row).execute();
}

/**
 * A session, with the access generation (what the person's resolved access is kept under) and the security policy
 * (how long a session may live and idle) read in the same statement.
 */
export function sessionByKey(db: Tx, key: string) {
  return db
    .selectFrom('user_session')
    .select(['user_id', 'csrf', 'expires_at', 'created_at', 'last_seen_at'])
    .select((eb) => eb.selectFrom('access_generation').select('gen').as('access'))
    .select((eb) => eb.selectFrom('security_policy').select('policy').as('policy'))
    .where('id', '=', key)
    .executeTakeFirst();
}

export async function deleteSession(db: Tx, key: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', key).execute();
}

/** Ends every session of a user, but the one under `exceptKey` when given. */
export async function deleteSessionsOf(trx: Tx, userId: number, exceptKey?: string): Promise<void> {
  let q = trx.deleteFrom('user_session').where('user_id', '=', userId);
  if (exceptKey) q = q.where('id', '!=', exceptKey);
  await q.execute();
}

/** Notes that the session answered a request now (its idle time starts again). */
export async function touchSession(db: Tx, key: string): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('id', '=', key).execute();
}
