// Personal information as a list or an export shows it: enough to tell two people apart, not enough to call or
// identify them. The whole value is for the role that handles it, asked for one at a time and logged.

/** a mainland mobile number standing alone in a text */
export const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/** Whether a value is one mainland mobile number, nothing around it. */
export const isMobile = (value: string): boolean => /^1[3-9]\d{9}$/.test(value);
/** a resident identity number (GB 11643): six digits of place, the birth date, three of order, a check digit or X */
export const ID_NUMBER = /(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;

/**
 * A phone number with its middle hidden: 138****5678 for a mobile, and for a landline or anything shorter the
 * area code (or first three digits) and the last two. Separators stay where they were, so the shape is familiar.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  if (digits === 0) return phone;
  const keepHead = digits >= 7 ? 3 : 0;
  const keepTail = digits >= 11 ? 4 : Math.min(2, digits - 1);
  let seen = 0;
  return phone.replace(/\d/g, (d) => {
    seen += 1;
    return seen <= keepHead || seen > digits - keepTail ? d : '*';
  });
}

/** A name with all but its first character hidden: 王** (the surname alone tells a clerk whose call to return). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * A free text with the mobile numbers and identity numbers in it masked: 138****5678 and 441802********432X, the
 * birth date and order hidden. Everything else — the amounts, the dates, the units — is left as written.
 */
export function maskIdentifiers(text: string): string {
  return text.replace(ID_NUMBER, (id) => `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(14)}`).replace(MOBILE, maskPhone);
}
