import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, passwordExpired, passwordRule, passwordWeakness, readPolicy, sessionEnded } from './security-policy.ts';

describe('the password rule', () => {
  it('accepts a mixed password of eight and a long passphrase of one kind', () => {
    expect(passwordWeakness('Shui2025!')).toBeNull();
    expect(passwordWeakness('correct horse battery')).toBeNull();
  });
  it('refuses short, single-kind, repeated and username passwords, saying why', () => {
    expect(passwordWeakness('Ab1!')).toBe('密码至少 8 位');
    expect(passwordWeakness('12345678')).toBe('密码不能包含“12345678”这样的连续或重复字符，这是猜测密码时最先尝试的');
    expect(passwordWeakness('password')).toContain('至少三类');
    expect(passwordWeakness('aaaaaaaaaaaaaaaaaaaa')).toContain('重复');
    expect(passwordWeakness('Zhangsan2025!', 'zhangsan')).toBe('密码不能包含用户名');
  });
  it('refuses what a guesser tries first, though it has the length and the kinds', () => {
    expect(passwordWeakness('12345678Aa')).toContain('“12345678”这样的连续');
    expect(passwordWeakness('Zyxwvu#2025')).toContain('“zyxwvu”');
    expect(passwordWeakness('Shui#00000x')).toContain('“00000”');
    expect(passwordWeakness('P@ssw0rd')).toBe('这是最常用的密码之一，猜测密码时最先尝试，请换一个');
    expect(passwordWeakness('1qaz@WSX')).toBe('这是最常用的密码之一，猜测密码时最先尝试，请换一个');
    // a year and a short run are no sequence worth refusing
    expect(passwordWeakness('Shuiwu#2025x')).toBeNull();
    expect(passwordWeakness('Abc#2025xyz')).toBeNull();
  });
  it('counts characters, not UTF-16 units: a Chinese passphrase is as long as it reads', () => {
    expect(passwordWeakness('整改通密码')).toBe('密码至少 8 位');
    expect(passwordWeakness('水利局整改办公室二〇二五年十二月')).toBeNull();
  });
  it('follows the security administrator’s policy: length, kinds, no passphrase exemption', () => {
    const strict = { ...DEFAULT_POLICY, minLength: 12, classes: 4, passphraseLength: 0 };
    expect(passwordWeakness('Shui2025!', undefined, strict)).toBe('密码至少 12 位');
    expect(passwordWeakness('correct horse battery', undefined, strict)).toBe('密码须包含大写字母、小写字母、数字、符号中的至少四类');
    expect(passwordWeakness('Correct horse 2025', undefined, strict)).toBeNull();
    expect(passwordRule(strict)).toBe('至少 12 位，且含大写字母、小写字母、数字、符号中的四类');
    expect(passwordRule()).toBe('至少 8 位，且含大写字母、小写字母、数字、符号中的三类；16 位以上的短语不限');
  });
});

describe('the security policy', () => {
  it('takes what is given over the defaults, and refuses each number out of bounds by name', () => {
    expect(readPolicy({ idleMinutes: 15 })).toEqual({ policy: { ...DEFAULT_POLICY, idleMinutes: 15 } });
    const r = readPolicy({ minLength: 6, idleMinutes: 1.5, historyCount: '5', secondFactorRoles: ['office', 'root'] });
    expect(r).toEqual({
      problems: [
        '密码最短长度应为 8 到 64 之间的整数',
        '不得重复使用的近期密码个数应为 0 到 24 之间的整数',
        '会话空闲超时（分钟）应为 5 到 480 之间的整数',
        '须验证第二因素的角色中有不存在的角色',
      ],
    });
    expect(readPolicy({ idleMinutes: 300, absoluteHours: 2 })).toEqual({ problems: ['会话空闲超时不能长于会话最长时间'] });
  });
  it('ends a session idle past its minutes or older than its hours, and expires a password by days', () => {
    const at = (h: number, m = 0) => new Date(Date.UTC(2026, 11, 4, h, m));
    expect(sessionEnded(DEFAULT_POLICY, at(8), at(9, 0), at(9, 29))).toBeNull();
    expect(sessionEnded(DEFAULT_POLICY, at(8), at(9, 0), at(9, 31))).toBe('idle');
    expect(sessionEnded(DEFAULT_POLICY, at(8), at(20, 0), at(20, 1))).toBe('absolute');
    expect(passwordExpired(DEFAULT_POLICY, new Date('2026-09-01'), new Date('2026-11-29'))).toBe(false);
    expect(passwordExpired(DEFAULT_POLICY, new Date('2026-09-01'), new Date('2026-12-01'))).toBe(true);
    expect(passwordExpired({ ...DEFAULT_POLICY, expiryDays: 0 }, new Date('2020-01-01'), new Date('2026-12-01'))).toBe(false);
  });
});
