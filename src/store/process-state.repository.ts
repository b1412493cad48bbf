// State several server processes share through the database (migration 0030): a named secret, made once by whichever
// process asks first; the public form's sums already answered; an upload's reading progress for its uploader.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from './ledger.repository.ts';

/** The secret of this name: made at the first asking by any process, the same for every process after. */
export async function serverSecret(db: Tx, name: string): Promise<string> {
  await db
    .insertInto('server_secret')
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflict((c) => c.column('name').doNothing())
    .execute();
  return (await db.selectFrom('server_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
}

/** Takes a sum's nonce once: true the first time, false for any later taking, by any process. */
export async function spendNonce(db: Tx, nonce: string, expires: Date): Promise<boolean> {
  await db.deleteFrom('spent_challenge').where('expires_at', '<', new Date()).execute();
  const r = await db
    .insertInto('spent_challenge')
    .values({ nonce, expires_at: expires })
    .onConflict((c) => c.column('nonce').doNothing())
    .returning('nonce')
    .executeTakeFirst();
  return r !== undefined;
}

/** Progress forgotten this long after its last news. */
const PROGRESS_TTL = '10 minutes';

/**
 * Records an upload's progress under its token, for its owner alone: a token already held by another account is not
 * taken over (false).
 */
export async function putProgress(db: Tx, token: string, owner: number, done: number, total: number): Promise<boolean> {
  await db.deleteFrom('upload_progress').where('at', '<', sql<Date>`now() - ${PROGRESS_TTL}::interval`).execute();
  const r = await db
    .insertInto('upload_progress')
    .values({ token, owner, done, total })
    .onConflict((c) => c.column('token').doUpdateSet({ done, total, at: sql`now()` }).where('upload_progress.owner', '=', owner))
    .returning('token')
    .executeTakeFirst();
  return r !== undefined;
}

export function progressOf(db: Tx, token: string, owner: number) {
  return db
    .selectFrom('upload_progress')
    .select(['done', 'total'])
    .where('token', '=', token)
    .where('owner', '=', owner)
    .where('at', '>=', sql<Date>`now() - ${PROGRESS_TTL}::interval`)
    .executeTakeFirst();
}
