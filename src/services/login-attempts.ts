// Login attempts in the database, so that every server process sharing it counts the same failures. The rules of
// when to wait are core/access/login-throttle.ts; here they are fed, and each attempt is written down before its
// password is checked — attempts made at the same moment, on this process or another, each see all the others.
import { sql } from 'kysely';
import {
  ACCOUNT_WINDOW_MINUTES,
  ADDRESS_FAILURES_ALLOWED,
  ADDRESS_WINDOW_MINUTES,
  KNOWN_ADDRESS_DAYS,
  KNOWN_DEVICE_DAYS,
  loginWait,
  type LoginWait,
} from '../core/access/login-throttle.ts';
import type { Db } from '../store/open-database.ts';

/** advisory lock classes (two-key form, apart from the one-key locks of the event log and supervision) */
const ACCOUNT_LOCK = 7242003;
const ADDRESS_LOCK = 7242004;

/** Where an attempt comes from: its address, and the SHA-256 of the browser's device cookie when it sent one. */
export interface AttemptOrigin {
  readonly ip: string;
  readonly device: string | null;
}

/**
 * Begins an attempt: the wait, when one is due (nothing is written: waiting attempts do not make the wait longer);
 * otherwise a failure is written at once, and taken back by `attemptSucceeded` when the password proves right.
 */
export async function beginAttempt(db: Db, username: string, { ip, device }: AttemptOrigin): Promise<{ wait: LoginWait } | { wait: null }> {
  return db.transaction().execute(async (trx) => {
    // one decision at a time per account and per address; always the account first, so no two wait on each other
    await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${username}))`.execute(trx);
    await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${ip}))`.execute(trx);
    // the database's clock, the same for every process
    const now = new Date((await sql<{ now: Date }>`select now() as now`.execute(trx)).rows[0]?.now as Date);
    const since = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const address = await trx
      .selectFrom('login_failure')
      .select('at')
      .where('ip', '=', ip)
      .where('at', '>', since(ADDRESS_WINDOW_MINUTES))
      .orderBy('at', 'desc')
      .limit(ADDRESS_FAILURES_ALLOWED)
      .execute();
    const knownDevice =
      device !== null &&
      (await trx
        .selectFrom('login_device as d')
        .innerJoin('app_user as u', 'u.id', 'd.user_id')
        .select('d.device')
        .where('u.username', '=', username)
        .where('d.device', '=', device)
        .where('d.last_at', '>', since(KNOWN_DEVICE_DAYS * 24 * 60))
        .executeTakeFirst()) !== undefined;
    const knownAddress =
      (await trx
        .selectFrom('login_address as a')
        .innerJoin('app_user as u', 'u.id', 'a.user_id')
        .select('a.ip')
        .where('u.username', '=', username)
        .where('a.ip', '=', ip)
        .where('a.last_at', '>', since(KNOWN_ADDRESS_DAYS * 24 * 60))
        .executeTakeFirst()) !== undefined;
    let failures = trx
      .selectFrom('login_failure')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('at').as('last')])
      .where('username', '=', username)
      .where('at', '>', since(ACCOUNT_WINDOW_MINUTES));
    // from a browser or an address the owner logs in from, only its own failures count against the account
    if (knownDevice) failures = failures.where('device', '=', device);
    else if (knownAddress) failures = failures.where('ip', '=', ip);
    const account = await failures.executeTakeFirstOrThrow();
    const wait = loginWait({
      now,
      // the owner's own browser is not refused for what others at the same address (an office's one gateway) did
      addressFailures: knownDevice ? [] : address.map((r) => new Date(r.at)),
      accountFailures: { count: Number(account.n), last: account.last ? new Date(account.last) : null },
    });
    if (wait) return { wait };
    await trx.insertInto('login_failure').values({ username, ip, device }).execute();
    return { wait: null };
  });
}

/**
 * The password was right: the attempt was no failure, nor were the earlier ones against the account from this
 * address or browser (its owner's typing), and both are now ones the owner logs in from. Failures from elsewhere stay
 * counted.
 */
export async function attemptSucceeded(
  db: Db,
  user: { id: number; username: string },
  { ip, device }: AttemptOrigin & { device: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('login_failure')
      .where('username', '=', user.username)
      .where((eb) => eb.or([eb('ip', '=', ip), eb('device', '=', device)]))
      .execute();
    await trx
      .insertInto('login_address')
      .values({ user_id: user.id, ip })
      .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_at: sql<Date>`now()` }))
      .execute();
    await trx
      .insertInto('login_device')
      .values({ user_id: user.id, device })
      .onConflict((oc) => oc.columns(['user_id', 'device']).doUpdateSet({ last_at: sql<Date>`now()` }))
      .execute();
  });
}

/** The password was wrong: the failure written at the start stays. Failures too old to count are cleared away. */
export async function attemptFailed(db: Db): Promise<void> {
  await db.deleteFrom('login_failure').where('at', '<', sql<Date>`now() - interval '1 day'`).execute();
  await db
    .deleteFrom('login_device')
    .where('last_at', '<', sql<Date>`now() - ${sql.lit(KNOWN_DEVICE_DAYS)} * interval '1 day'`)
    .execute();
}
