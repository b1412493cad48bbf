// The second factor: a time-based one-time code (TOTP, RFC 6238) from an authenticator app on the person's phone,
// which works without any network — fit for an intranet. Six digits, a new one every 30 seconds, one step either
// side accepted for a phone's clock that drifts, each code taken once. The secret travels as base32 (RFC 4648) in an
// otpauth:// address the apps read. The HMAC itself is computed where the crypto is (services/second-factor.ts).

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** steps either side of now a code may come from */
export const TOTP_WINDOW = 1;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function fromBase32(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** The time step a moment falls in. */
export const stepAt = (ms: number): number => Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);

/** The code of an HMAC-SHA1 digest (RFC 4226's dynamic truncation). */
export function codeOfDigest(digest: Uint8Array, digits = TOTP_DIGITS): string {
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  const n =
    (((digest[offset] as number) & 0x7f) << 24) |
    ((digest[offset + 1] as number) << 16) |
    ((digest[offset + 2] as number) << 8) |
    (digest[offset + 3] as number);
  return String(n % 10 ** digits).padStart(digits, '0');
}

/** The address an authenticator app reads (by hand, as its key, or scanned): issuer 整改通, the account's name. */
export function otpauthUri(secret: string, account: string): string {
  const label = encodeURIComponent(`整改通:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent('整改通')}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD_SECONDS}`;
}

/** The secret in groups of four, as a person types it into an app. */
export const grouped = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();
