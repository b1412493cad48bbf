import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-rule.ts';

describe('the password rule', () => {
  it('accepts a mixed password of eight and a long passphrase of one kind', () => {
    expect(passwordWeakness('Shui2025!')).toBeNull();
    expect(passwordWeakness('correct horse battery')).toBeNull();
  });
  it('refuses short, single-kind, repeated and username passwords, saying why', () => {
    expect(passwordWeakness('Ab1!')).toBe('密码至少 8 位');
    expect(passwordWeakness('12345678')).toContain('至少三类');
    expect(passwordWeakness('password')).toContain('至少三类');
    expect(passwordWeakness('aaaaaaaaaaaaaaaaaaaa')).toContain('重复');
    expect(passwordWeakness('Zhangsan2025!', 'zhangsan')).toBe('密码不能包含用户名');
  });
  it('counts characters, not UTF-16 units: a Chinese passphrase is as long as it reads', () => {
    expect(passwordWeakness('整改通密码')).toBe('密码至少 8 位');
    expect(passwordWeakness('水利局整改办公室二〇二五年十二月')).toBeNull();
  });
});
