// Security events in the tamper-evident log (等保 安全审计): logins and their failures, logouts, sessions that timed
// out, requests refused for want of a right, every download of a document, workbook or file. Each is an entry of
// kind `security` under the account it concerns, with who did it, from which address, and when — in the same hash
// chain as every change to the ledger, so that the audit administrator reads them beside the rest and none can be
// taken out unseen.
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import { entriesBy, securityEventsOf } from '../store/audit-log.repository.ts';
import { userById } from '../store/account.repository.ts';
import { NotFoundError } from '../core/errors.ts';
import { NO_ROLE_LABEL, ROLE_LABEL, type Role } from '../core/access/permissions.ts';

const SECURITY_ACTIONS = [
  'login',
  'login-failed',
  'login-throttled',
  'logout',
  'session-ended',
  'denied',
  'download',
  'personal-read',
  'password-failed',
] as const;
export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

export interface SecurityEvent {
  /** who did it: the person's name, or the name typed at a failed login */
  readonly actor: string;
  /** the account it concerns (its user name) */
  readonly account: string;
  readonly action: SecurityAction;
  readonly ip: string;
  /** what else an auditor needs: the address asked for, the file's name, why a session ended */
  readonly detail?: Record<string, string | number | null>;
}

export async function recordSecurityEvent(db: Db, e: SecurityEvent): Promise<void> {
  // the name with the account it belongs to: a search for the user name finds the failures typed under it and the
  // logins made as its owner alike, and a name someone else also bears cannot pass for theirs
  const actor = e.actor === e.account ? e.account : `${e.actor}（${e.account}）`;
  await db
    .transaction()
    .execute((trx) =>
      appendEvents(trx, [{ actor, entity: 'security', entityId: e.account, action: e.action, after: { ip: e.ip, ...e.detail } }]),
    );
}

export interface LoginHistory {
  /** the login before this one */
  readonly lastLogin: { readonly at: string; readonly ip: string } | null;
  /** failed logins since that one, and the latest of them */
  readonly failuresSince: number;
  readonly lastFailure: { readonly at: string; readonly ip: string } | null;
}

/** A moment from the database, as the API sends it. */
export const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
/** The address a security entry records, or null for an entry that has none. */
export const ipOf = (after: unknown): string | null => {
  const ip = (after as { ip?: unknown } | null)?.ip;
  return typeof ip === 'string' ? ip : null;
};

/**
 * What a person is shown after logging in, to notice someone else's use of the account: when and from where they
 * last logged in, and the failed attempts since. Read before this login is written.
 */
export async function loginHistory(db: Db, account: string): Promise<LoginHistory> {
  const rows = await securityEventsOf(db, account, ['login', 'login-failed'], 200);
  const last = rows.findIndex((r) => r.action === 'login');
  const failures = last === -1 ? rows : rows.slice(0, last);
  const l = last === -1 ? null : rows[last];
  const f = failures[0];
  return {
    lastLogin: l ? { at: iso(l.at), ip: ipOf(l.after) ?? '' } : null,
    failuresSince: failures.length,
    lastFailure: f ? { at: iso(f.at), ip: ipOf(f.after) ?? '' } : null,
  };
}

/**
 * What the system holds about the person asking (个人信息查询): their account as stored, whether a second factor is
 * set up, their recent security events, and how many entries of the log are theirs. Never another's.
 */
export async function personalRecord(
  db: Db,
  who: { id: number; username: string; displayName: string; role: Role | null; unitName: string | null },
) {
  const u = await userById(db, who.id);
  if (!u) throw new NotFoundError('账号不存在');
  const events = await securityEventsOf(db, who.username, SECURITY_ACTIONS, 30);
  return {
    username: u.username,
    displayName: u.display_name,
    role: who.role ? ROLE_LABEL[who.role] : NO_ROLE_LABEL,
    unit: who.unitName,
    createdAt: iso(u.created_at),
    passwordChangedAt: u.password_changed_at ? iso(u.password_changed_at) : null,
    secondFactorSince: u.totp_confirmed_at ? iso(u.totp_confirmed_at) : null,
    logEntries: await entriesBy(db, [who.displayName, `${who.displayName}（${who.username}）`, who.username]),
    recent: events.map((e) => ({ at: iso(e.at), action: e.action, ip: ipOf(e.after) ?? '' })),
  };
}
