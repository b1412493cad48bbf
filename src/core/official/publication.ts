// What a source's public documents say about publication, and what a public version leaves out. Defaults come
// from the report the source was imported from (its own contacts); an office may change them per source.
import type { Contact } from '../document/model.ts';
import { fromDay, toDay } from '../ledger/dates.ts';
import { ID_NUMBER, isMobile, MOBILE } from '../access/personal-data.ts';

export interface PublicationSettings {
  /** 发文机关署名 of generated documents; default: whoever signed the source's report, else the inspected unit */
  readonly issuer: string | null;
  /** days the public version is open for comment, counting the day it is published (2 Dec – 16 Dec = 15) */
  readonly commentDays: number;
  readonly contacts: readonly Contact[];
  /** what a public version leaves out */
  readonly hide: {
    /** names of people on the ledger, in any text: 王示例 → 王某 */
    readonly personNames: boolean;
    /** mobile numbers (an office's landline stays) */
    readonly personalPhones: boolean;
    /** progress notes, responsible people, deadlines: the working record */
    readonly internalNotes: boolean;
  };
}

export const DEFAULT_PUBLICATION: PublicationSettings = {
  issuer: null,
  commentDays: 15,
  contacts: [],
  hide: { personNames: true, personalPhones: true, internalNotes: true },
};

const CONTACT_KINDS = new Set(['person', 'phone', 'email', 'address', 'postcode']);
const isContact = (c: unknown): c is Contact =>
  !!c && typeof c === 'object' && CONTACT_KINDS.has((c as Contact).kind) && typeof (c as Contact).value === 'string';

/** Stored settings (JSON, possibly partial or old) over the report's own contacts over the defaults. */
export function publicationOf(stored: unknown, reportContacts: readonly Contact[] = []): PublicationSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const hide = (s.hide && typeof s.hide === 'object' ? s.hide : {}) as Record<string, unknown>;
  const contacts = Array.isArray(s.contacts) ? s.contacts.filter(isContact) : reportContacts;
  const days = Number(s.commentDays);
  const flag = (k: keyof PublicationSettings['hide']) =>
    typeof hide[k] === 'boolean' ? (hide[k] as boolean) : DEFAULT_PUBLICATION.hide[k];
  return {
    issuer: typeof s.issuer === 'string' && s.issuer.trim() !== '' ? s.issuer.trim() : null,
    commentDays: Number.isInteger(days) && days >= 1 && days <= 90 ? days : DEFAULT_PUBLICATION.commentDays,
    contacts,
    hide: { personNames: flag('personNames'), personalPhones: flag('personalPhones'), internalNotes: flag('internalNotes') },
  };
}

/** The contacts the source's own report gave (its parsed meta), the default for its generated documents. */
export function reportContacts(parsed: unknown): Contact[] {
  const v = (parsed as { meta?: { contacts?: { value?: unknown } | null } } | null)?.meta?.contacts?.value;
  return Array.isArray(v) ? v.filter(isContact) : [];
}

/** The last day of the comment period that starts on `from`. */
export function commentPeriodEnd(from: string, days: number): string {
  return fromDay(toDay(from) + days - 1);
}

/**
 * A public version of a text: people's names become "王某", mobile numbers are taken out when the settings say so,
 * and identity numbers always.
 */
export function redact(text: string, settings: PublicationSettings, people: readonly string[]): string {
  let out = text.replace(ID_NUMBER, '（身份证号略）');
  if (settings.hide.personNames) {
    // longest first, so "王示例" is not half-replaced by a person called "王示"
    for (const name of [...people].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length))
      out = out.split(name).join(`${name[0]}某`);
  }
  if (settings.hide.personalPhones) out = out.replace(MOBILE, '（略）');
  return out;
}

/** The contacts a version shows: a public one without people's names or mobile numbers when the settings say so. */
export function shownContacts(settings: PublicationSettings, isPublic: boolean): Contact[] {
  return settings.contacts.filter((c) => {
    if (!isPublic) return true;
    if (c.kind === 'person' && settings.hide.personNames) return false;
    if (c.kind === 'phone' && settings.hide.personalPhones && isMobile(c.value)) return false;
    return true;
  });
}
