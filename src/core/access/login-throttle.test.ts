import { describe, expect, it } from 'vitest';
import {
  accountWaitSeconds,
  ADDRESS_FAILURES_ALLOWED,
  ADDRESS_WINDOW_MINUTES,
  FREE_FAILURES,
  loginWait,
  waitMessage,
} from './login-throttle.ts';

const now = new Date('2025-01-15T08:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('login throttling', () => {
  it('lets the free failures through, then doubles the wait up to a cap — never a lock', () => {
    expect(accountWaitSeconds(FREE_FAILURES - 1)).toBe(0);
    const waits = [0, 1, 2, 3, 10, 50].map((n) => accountWaitSeconds(FREE_FAILURES + n));
    expect(waits.slice(0, 4)).toEqual([15, 30, 60, 120]);
    expect(waits[4]).toBe(15 * 60);
    expect(waits[5]).toBe(15 * 60);
  });

  it('counts the account’s wait from its last failure', () => {
    const attempts = (last: Date) => ({ now, addressFailures: [], accountFailures: { count: FREE_FAILURES, last } });
    expect(loginWait(attempts(ago(5)))).toEqual({ scope: 'account', seconds: 10 });
    expect(loginWait(attempts(ago(15)))).toBeNull();
  });

  it('refuses an address until the oldest of its last allowed failures leaves the window', () => {
    const failures = Array.from({ length: ADDRESS_FAILURES_ALLOWED }, (_, i) => ago(i * 10)); // most recent first
    const wait = loginWait({ now, addressFailures: failures, accountFailures: { count: 0, last: null } });
    expect(wait).toEqual({ scope: 'address', seconds: ADDRESS_WINDOW_MINUTES * 60 - (ADDRESS_FAILURES_ALLOWED - 1) * 10 });
    expect(loginWait({ now, addressFailures: failures.slice(1), accountFailures: { count: 0, last: null } })).toBeNull();
  });

  it('says when to try again', () => {
    expect(waitMessage({ scope: 'account', seconds: 15 })).toBe('该账号登录失败次数过多，为防止密码被猜测，请 15 秒后再试');
    expect(waitMessage({ scope: 'address', seconds: 61 })).toBe('此地址登录失败次数过多，请 2 分钟后再试');
  });
});
