// Accounts over their life, with the administrators' duties kept apart (三员分立): the system administrator edits a
// user's name and unit and deactivates or reactivates them; the security administrator grants a business role,
// resets a password (a one-time one the person must change at the next login) and unlocks an account slowed by
// failed logins; a person changes their own password under the security policy, never to one of their last. Every
// change that should lock someone out ends their sessions in the same transaction. A password is no part of what an
// administrator edits: changing one does not make an open edit form stale.
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { BUSINESS_ROLES, isAdministrator, ROLE_LABEL, type Role } from '../core/access/permissions.ts';
import { passwordWeakness } from '../core/access/security-policy.ts';
import { ActionRefused, LoginThrottled, NotFoundError, StaleVersionError } from '../core/errors.ts';
import { securityEventsOf } from '../store/audit-log.repository.ts';
import { recordSecurityEvent } from './security-log.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import type { Tx } from '../store/ledger.repository.ts';
import { unitIdByName } from '../store/org.repository.ts';
import {
  activeOfRoleBut,
  displayNameTaken,
  recentPasswordHashes,
  rememberPassword,
  updateUserRow,
  userById,
} from '../store/account.repository.ts';
import { forgetAllFailures } from '../store/login-attempt.repository.ts';
import { deleteSessionsOf } from '../store/session.repository.ts';
import { sessionKey } from './accounts.ts';
import { currentPolicy } from './security-policy.ts';

interface Actor {
  readonly id: number;
  readonly displayName: string;
  /** the address the change came from, kept with it in the log */
  readonly ip?: string | undefined;
}

/** wrong old passwords in a session before it must wait, and how long it counts them */
const GUESSES = 5;
const GUESS_WINDOW_MS = 15 * 60_000;

/** what the log keeps of where a change came from */
const from = (a: Actor) => (a.ip ? { ip: a.ip } : {});

async function userRow(trx: Tx, id: number) {
  const u = await userById(trx, id);
  if (!u) throw new NotFoundError(`账号 ${id} 不存在`);
  return u;
}

const endSessions = (trx: Tx, userId: number, except?: string) => deleteSessionsOf(trx, userId, except ? sessionKey(except) : undefined);

/**
 * The person's own change: the old password proves it is them, the new one must pass the rule, and every other
 * session of theirs ends (a password changed because it leaked must shut out whoever holds it). `token` is the
 * session that asked, which stays.
 */
export async function changeOwnPassword(
  db: Db,
  who: Actor,
  input: { oldPassword: string; newPassword: string },
  token: string,
): Promise<void> {
  const u = await userRow(db, who.id);
  // a session left open is no licence to guess the password behind it: each wrong one logged, five in a while stop it
  const failed = await securityEventsOf(db, u.username, ['password-failed'], GUESSES);
  const recent = failed.filter((f) => Date.now() - new Date(f.at).getTime() < GUESS_WINDOW_MS);
  if (recent.length >= GUESSES)
    throw new LoginThrottled(`原密码已连续输错 ${GUESSES} 次，请 ${GUESS_WINDOW_MS / 60_000} 分钟后再试`, GUESS_WINDOW_MS / 1000);
  if (!(await verify(u.password_hash, input.oldPassword))) {
    await recordSecurityEvent(db, { actor: who.displayName, account: u.username, action: 'password-failed', ip: who.ip ?? '' });
    throw new ActionRefused('原密码不正确');
  }
  if (input.newPassword === input.oldPassword) throw new ActionRefused('新密码不能与原密码相同');
  const { policy } = await currentPolicy(db);
  const weak = passwordWeakness(input.newPassword, u.username, policy);
  if (weak) throw new ActionRefused(weak);
  for (const old of await recentPasswordHashes(db, u.id, policy.historyCount))
    if (await verify(old, input.newPassword)) throw new ActionRefused(`新密码不能与最近 ${policy.historyCount} 次使用过的密码相同`);
  const passwordHash = await hash(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, u.id, { password_hash: passwordHash, must_change_password: false, password_changed_at: new Date() });
    await rememberPassword(trx, u.id, passwordHash);
    await endSessions(trx, u.id, token);
    await appendEvents(trx, [{ actor: who.displayName, entity: 'user', entityId: u.id, action: 'change-password', after: from(who) }]);
  });
}

// no 0/O, 1/l/I: the password is read off a screen and typed by someone else
const READABLE = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A one-time password an administrator can read out: three groups of four, passing the rule. */
export function oneTimePassword(): string {
  for (;;) {
    const groups = [0, 1, 2].map(() => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join(''));
    const pw = groups.join('-');
    if (!passwordWeakness(pw)) return pw;
  }
}

/**
 * The security administrator's reset: a one-time password, returned to show once, which must be changed at the next
 * login. An administrator's own is reset by another of the same duty, or on the server (`zg accounts reset`).
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  userId: number,
  /** asked on the server itself (`zg accounts reset`), where any account's password may be reset */
  onServer = false,
): Promise<{ username: string; password: string }> {
  if (actor.id === userId) throw new ActionRefused('不能重置自己的密码，请在右上角的个人菜单中修改密码');
  const password = oneTimePassword();
  const passwordHash = await hash(password);
  return db.transaction().execute(async (trx) => {
    const u = await userRow(trx, userId);
    if (!onServer && isAdministrator(u.role) && u.role !== 'security')
      throw new ActionRefused(`${ROLE_LABEL[u.role as Role]}的密码不能在网页上重置，请在服务器上运行 zg accounts reset ${u.username}`);
    await updateUserRow(trx, u.id, { password_hash: passwordHash, must_change_password: true, password_changed_at: new Date() });
    await endSessions(trx, u.id);
    await appendEvents(trx, [{ actor: actor.displayName, entity: 'user', entityId: u.id, action: 'reset-password', after: from(actor) }]);
    return { username: u.username, password };
  });
}

/** The system administrator's edit of a user's name and unit. The version guards against two administrators at once. */
export async function updateUser(
  db: Db,
  actor: Actor,
  userId: number,
  input: { displayName?: string | undefined; unit?: string | null | undefined; version: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const u = await userRow(trx, userId);
    if (u.version !== input.version) throw new StaleVersionError(u.username, '账号');
    const unitId = input.unit === undefined ? u.unit_id : input.unit === null ? null : await unitIdByName(trx, input.unit);
    if (!isAdministrator(u.role) && unitId === null) throw new ActionRefused('除三类管理员外，账号须属于一个单位');
    const displayName = input.displayName?.trim() || u.display_name;
    // the log names people by it: one account may not take another's name (an administrator calling himself 安全管理员)
    if (await displayNameTaken(trx, displayName, u.id)) throw new ActionRefused(`已有账号使用姓名“${displayName}”，请换一个（如加上单位）`);
    await updateUserRow(trx, u.id, { display_name: displayName, unit_id: unitId, version: u.version + 1 });
    await appendEvents(trx, [
      {
        actor: actor.displayName,
        entity: 'user',
        entityId: u.id,
        action: 'update',
        before: { displayName: u.display_name, unitId: u.unit_id },
        after: { displayName, unitId, ...from(actor) },
      },
    ]);
  });
}

/**
 * The security administrator's grant of a business role (or its withdrawal, null) to an account with a unit. The
 * administrators' own roles are set up on the server only, so that none of them can make another from the web.
 */
export async function grantRole(db: Db, actor: Actor, userId: number, input: { role: Role | null; version: number }): Promise<void> {
  if (actor.id === userId) throw new ActionRefused('不能给自己授予或收回角色');
  if (input.role !== null && !BUSINESS_ROLES.includes(input.role))
    throw new ActionRefused('系统管理员、安全管理员、审计管理员账号只能在服务器上用命令行设立（zg accounts）');
  await db.transaction().execute(async (trx) => {
    const u = await userRow(trx, userId);
    if (u.version !== input.version) throw new StaleVersionError(u.username, '账号');
    if (isAdministrator(u.role))
      throw new ActionRefused(`“${u.username}”是${ROLE_LABEL[u.role as Role]}，不能再授予业务角色：请另设业务账号`);
    if (input.role !== null && u.unit_id === null) throw new ActionRefused(`账号“${u.username}”尚未属于任何单位，请系统管理员先指定单位`);
    if (u.role === input.role) return;
    await updateUserRow(trx, u.id, { role: input.role, version: u.version + 1 });
    // what the person could do a moment ago must not go on in an open session
    await endSessions(trx, u.id);
    await appendEvents(trx, [
      {
        actor: actor.displayName,
        entity: 'user',
        entityId: u.id,
        action: 'grant',
        before: { role: u.role },
        after: { role: input.role, ...from(actor) },
      },
    ]);
  });
}

/** The security administrator's unlock: the account's failed logins are forgotten, and it may try again at once. */
export async function unlockAccount(db: Db, actor: Actor, userId: number): Promise<{ username: string; forgotten: number }> {
  return db.transaction().execute(async (trx) => {
    const u = await userRow(trx, userId);
    const forgotten = await forgetAllFailures(trx, u.username);
    await appendEvents(trx, [
      { actor: actor.displayName, entity: 'user', entityId: u.id, action: 'unlock', after: { forgotten, ...from(actor) } },
    ]);
    return { username: u.username, forgotten };
  });
}

/**
 * Deactivates (ending every session at once) or reactivates a user. Nobody can lock out themselves, nor the last of
 * any of the three administrators: without it, no one could do that duty.
 */
export async function setUserActive(db: Db, actor: Actor, userId: number, active: boolean): Promise<{ username: string }> {
  if (!active && actor.id === userId) throw new ActionRefused('不能停用自己的账号');
  return db.transaction().execute(async (trx) => {
    const u = await userRow(trx, userId);
    if (!active && isAdministrator(u.role) && (await activeOfRoleBut(trx, u.role as Role, u.id)) === 0)
      throw new ActionRefused(`这是唯一在用的${ROLE_LABEL[u.role as Role]}账号，不能停用`);
    if (u.active === active) return { username: u.username };
    await updateUserRow(trx, u.id, { active, version: u.version + 1 });
    if (!active) await endSessions(trx, u.id);
    await appendEvents(trx, [
      { actor: actor.displayName, entity: 'user', entityId: u.id, action: active ? 'activate' : 'deactivate', after: from(actor) },
    ]);
    return { username: u.username };
  });
}
