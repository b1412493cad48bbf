// Login attempts as the database keeps them, so that every server process sharing it counts the same failures: the
// failures (written before a password is checked), and the addresses and browsers an account's owner logs in from.
import { sql } from 'kysely';
import type { Tx } from './ledger.repository.ts';

/** advisory lock classes (two-key form, apart from the one-key locks of the event log and supervision) */
const ACCOUNT_LOCK = 7242003;
const ADDRESS_LOCK = 7242004;

/** One decision at a time per account and per address; always the account first, so no two wait on each other. */
export async function lockAttempts(trx: Tx, username: string, ip: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${username}))`.execute(trx);
  await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${ip}))`.execute(trx);
}

/** The database's clock, the same for every process. */
export async function databaseNow(trx: Tx): Promise<Date> {
  return new Date((await sql<{ now: Date }>`select now() as now`.execute(trx)).rows[0]?.now as Date);
}

/** The moments of the latest failures from an address since a moment, at most `limit`, newest first. */
export async function addressFailures(trx: Tx, ip: string, since: Date, limit: number): Promise<Date[]> {
  const rows = await trx
    .selectFrom('login_failure')
    .select('at')
    .where('ip', '=', ip)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => new Date(r.at));
}

/** Whether the account's owner logged in from this browser since a moment. */
export async function isKnownDevice(trx: Tx, username: string, device: string, since: Date): Promise<boolean> {
  const row = await trx
    .selectFrom('login_device as d')
    .innerJoin('app_user as u', 'u.id', 'd.user_id')
    .select('d.device')
    .where('u.username', '=', username)
    .where('d.device', '=', device)
    .where('d.last_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the account's owner logged in from this address since a moment. */
export async function isKnownAddress(trx: Tx, username: string, ip: string, since: Date): Promise<boolean> {
  const row = await trx
    .selectFrom('login_address as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select('a.ip')
    .where('u.username', '=', username)
    .where('a.ip', '=', ip)
    .where('a.last_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}

/** The failures against an account since a moment — only those from one browser or one address, when given. */
export async function accountFailures(
  trx: Tx,
  username: string,
  since: Date,
  only: { device: string } | { ip: string } | null,
): Promise<{ count: number; last: Date | null }> {
  let failures = trx
    .selectFrom('login_failure')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('at').as('last')])
    .where('username', '=', username)
    .where('at', '>', since);
  if (only && 'device' in only) failures = failures.where('device', '=', only.device);
  else if (only) failures = failures.where('ip', '=', only.ip);
  const account = await failures.executeTakeFirstOrThrow();
  return { count: Number(account.n), last: account.last ? new Date(account.last) : null };
}

export async function insertFailure(trx: Tx, row: { username: string; ip: string; device: string | null }): Promise<void> {
  await trx.insertInto('login_failure').values(row).execute();
}

/** Takes back an account's failures from an address or a browser (its owner's typing). */
export async function forgetFailuresFrom(trx: Tx, username: string, ip: string, device: string): Promise<void> {
  await trx
    .deleteFrom('login_failure')
    .where('username', '=', username)
    .where((eb) => eb.or([eb('ip', '=', ip), eb('device', '=', device)]))
    .execute();
}

/** Notes that the owner logged in now from this address and this browser. */
export async function rememberOrigin(trx: Tx, userId: number, ip: string, device: string): Promise<void> {
  await trx
    .insertInto('login_address')
    .values({ user_id: userId, ip })
    .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_at: sql<Date>`now()` }))
    .execute();
  await trx
    .insertInto('login_device')
    .values({ user_id: userId, device })
    .onConflict((oc) => oc.columns(['user_id', 'device']).doUpdateSet({ last_at: sql<Date>`now()` }))
    .execute();
}

/** Clears failures older than a day and browsers not seen for `deviceDays`: too old to count. */
export async function clearOldAttempts(db: Tx, deviceDays: number): Promise<void> {
  await db.deleteFrom('login_failure').where('at', '<', sql<Date>`now() - interval '1 day'`).execute();
  await db
    .deleteFrom('login_device')
    .where('last_at', '<', sql<Date>`now() - ${sql.lit(deviceDays)} * interval '1 day'`)
    .execute();
}

/** The security administrator's unlock: an account's failures are forgotten, wherever they came from. */
export async function forgetAllFailures(trx: Tx, username: string): Promise<number> {
  const r = await trx.deleteFrom('login_failure').where('username', '=', username).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Takes back the failure an attempt wrote at its start (the password was right; the second step is still to come). */
export async function forgetLastFailure(trx: Tx, username: string, ip: string): Promise<void> {
  await sql`delete from login_failure where id = (select id from login_failure where username = ${username} and ip = ${ip}
    order by id desc limit 1)`.execute(trx);
}
