// When a login may be tried: slowed per account, stopped per address. A stranger who knows a user name must not be
// able to lock its owner out, so failures against an account only make the next attempt wait — longer after each —
// and a browser (known by a cookie it was given at a successful login) or an address the account has logged in from
// before counts only its own failures: the owner at their usual desk, or on their phone wherever its address has
// moved, is never made to wait by anyone else. Only from a browser and an address both new to the account does
// everyone's failures count, and there they slow, never lock. One address failing against many accounts is someone
// guessing: it is refused for a while, whatever account it tries — except from a browser the account knows.

/** failures against one account, within ACCOUNT_WINDOW_MINUTES, before each further attempt must wait */
export const FREE_FAILURES = 5;
export const ACCOUNT_WINDOW_MINUTES = 60;
/** the wait after the first failure beyond the free ones; it doubles with each further failure, up to the cap */
const FIRST_WAIT_SECONDS = 15;
const MAX_WAIT_SECONDS = 15 * 60;
/** failures from one address, against any accounts, within ADDRESS_WINDOW_MINUTES, before it is refused */
export const ADDRESS_FAILURES_ALLOWED = 30;
export const ADDRESS_WINDOW_MINUTES = 15;
/** an address the account logged in from within this many days is its owner's: strangers' failures do not slow it */
export const KNOWN_ADDRESS_DAYS = 30;
/** a browser that logged in to the account within this many days is its owner's, wherever it connects from */
export const KNOWN_DEVICE_DAYS = 180;

export interface LoginAttempts {
  readonly now: Date;
  /** failures from this address within the address window, most recent first (at most ADDRESS_FAILURES_ALLOWED) */
  readonly addressFailures: readonly Date[];
  /** failures against this account within the account window — only this browser's or address's when it is a known one */
  readonly accountFailures: { readonly count: number; readonly last: Date | null };
}

export interface LoginWait {
  readonly scope: 'address' | 'account';
  readonly seconds: number;
}

/** The wait the account's failures impose after the last of them. */
export function accountWaitSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS);
}

/** Whether an attempt must wait, and how long; null when it may go ahead. */
export function loginWait(a: LoginAttempts): LoginWait | null {
  const left = (until: number) => Math.ceil((until - a.now.getTime()) / 1000);
  if (a.addressFailures.length >= ADDRESS_FAILURES_ALLOWED) {
    // allowed again once the oldest of the last ADDRESS_FAILURES_ALLOWED failures leaves the window
    const oldest = a.addressFailures[ADDRESS_FAILURES_ALLOWED - 1] as Date;
    const seconds = left(oldest.getTime() + ADDRESS_WINDOW_MINUTES * 60_000);
    if (seconds > 0) return { scope: 'address', seconds };
  }
  const { count, last } = a.accountFailures;
  if (last && count >= FREE_FAILURES) {
    const seconds = left(last.getTime() + accountWaitSeconds(count) * 1000);
    if (seconds > 0) return { scope: 'account', seconds };
  }
  return null;
}

/** "45 秒", "3 分钟": how long to wait, as a person would say it. */
export function waitInWords(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** The refusal a person reads, saying when to try again. */
export function waitMessage(w: LoginWait): string {
  return w.scope === 'address'
    ? `此地址登录失败次数过多，请 ${waitInWords(w.seconds)}后再试`
    : `该账号登录失败次数过多，为防止密码被猜测，请 ${waitInWords(w.seconds)}后再试`;
}
