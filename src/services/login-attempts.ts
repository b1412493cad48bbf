// Login attempts in the database, so that every server process sharing it counts the same failures. The rules of
// when to wait are core/access/login-throttle.ts; here they are fed, and each attempt is written down before its
// password is checked — attempts made at the same moment, on this process or another, each see all the others.
import {
  ACCOUNT_WINDOW_MINUTES,
  ADDRESS_FAILURES_ALLOWED,
  ADDRESS_WINDOW_MINUTES,
  KNOWN_ADDRESS_DAYS,
  KNOWN_DEVICE_DAYS,
  loginWait,
  type LoginWait,
} from '../core/access/login-throttle.ts';
import {
  accountFailures,
  addressFailures,
  clearOldAttempts,
  databaseNow,
  forgetFailuresFrom,
  forgetLastFailure,
  insertFailure,
  isKnownAddress,
  isKnownDevice,
  lockAttempts,
  rememberOrigin,
} from '../store/login-attempt.repository.ts';
import type { Db } from '../store/open-database.ts';

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
    await lockAttempts(trx, username, ip);
    const now = await databaseNow(trx);
    const since = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const address = await addressFailures(trx, ip, since(ADDRESS_WINDOW_MINUTES), ADDRESS_FAILURES_ALLOWED);
    const knownDevice = device !== null && (await isKnownDevice(trx, username, device, since(KNOWN_DEVICE_DAYS * 24 * 60)));
    const knownAddress = await isKnownAddress(trx, username, ip, since(KNOWN_ADDRESS_DAYS * 24 * 60));
    // from a browser or an address the owner logs in from, only its own failures count against the account
    const only = knownDevice ? { device: device as string } : knownAddress ? { ip } : null;
    const wait = loginWait({
      now,
      // the owner's own browser is not refused for what others at the same address (an office's one gateway) did
      addressFailures: knownDevice ? [] : address,
      accountFailures: await accountFailures(trx, username, since(ACCOUNT_WINDOW_MINUTES), only),
    });
    if (wait) return { wait };
    await insertFailure(trx, { username, ip, device });
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
    await forgetFailuresFrom(trx, user.username, ip, device);
    await rememberOrigin(trx, user.id, ip, device);
  });
}

/** The password was wrong: the failure written at the start stays. Failures too old to count are cleared away. */
export async function attemptFailed(db: Db): Promise<void> {
  await clearOldAttempts(db, KNOWN_DEVICE_DAYS);
}

/** The password was right but a second step is asked for: this attempt was no failure, and proves nothing yet. */
export async function attemptHalfway(db: Db, username: string, ip: string): Promise<void> {
  await forgetLastFailure(db, username, ip);
}
