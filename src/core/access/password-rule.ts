// What a password must be. Length counts most: a passphrase of 16 characters or more is accepted as it is; a shorter
// one (at least 8) must mix three of the four kinds of character, so that "12345678" and "password" are refused.
// The rule returns the reason in Chinese, for the form that asked.

export const MIN_PASSWORD = 8;
export const PASSPHRASE = 16;

const KINDS: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** Why the password will not do, or null when it will. */
export function passwordWeakness(password: string, username?: string): string | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD) return `密码至少 ${MIN_PASSWORD} 位`;
  if (new Set(chars).size < 4) return '密码不能由同一两个字符重复组成';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (chars.length >= PASSPHRASE) return null;
  const kinds = KINDS.filter((k) => k.test(password)).length;
  if (kinds < 3) return `少于 ${PASSPHRASE} 位的密码须包含大写字母、小写字母、数字、符号中的至少三类`;
  return null;
}

/** The rule in one sentence, shown beside every field that takes a new password. */
export const PASSWORD_RULE = `至少 ${MIN_PASSWORD} 位，且含大写字母、小写字母、数字、符号中的三类；${PASSPHRASE} 位以上的短语不限`;
