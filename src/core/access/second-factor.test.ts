import { describe, expect, it } from 'vitest';
import { base32, codeOfDigest, fromBase32, grouped, otpauthUri, stepAt } from './second-factor.ts';

describe('the second factor’s arithmetic', () => {
  it('writes and reads base32 as RFC 4648 does', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
    expect(new TextDecoder().decode(fromBase32('mzxw 6ytb oi'))).toBe('foobar');
    expect(grouped('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });
  it('truncates an HMAC as RFC 4226 does, and counts 30-second steps', () => {
    // RFC 4226, 5.4: this digest gives 0x50ef7f19 = 1357872921
    const digest = Uint8Array.from(Buffer.from('1f8698690e02ca16618550ef7f19da8e945b555a', 'hex'));
    expect(codeOfDigest(digest)).toBe('872921');
    expect(stepAt(59_000)).toBe(1);
    expect(stepAt(1_111_111_109_000)).toBe(37037036);
  });
  it('gives an address the authenticator apps read', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'office')).toBe(
      'otpauth://totp/%E6%95%B4%E6%94%B9%E9%80%9A%3Aoffice?secret=JBSWY3DPEHPK3PXP&issuer=%E6%95%B4%E6%94%B9%E9%80%9A&algorithm=SHA1&digits=6&period=30',
    );
  });
});
