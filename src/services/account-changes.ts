// Accounts over their life: a person changes their own password; an administrator resets one (a one-time password
// the person must change at the next login), edits a user's name, role and unit, and deactivates or reactivates them.
// Every change that should lock someone out ends their sessions in the same transaction. A password is no part of
// what an administrator edits: changing one does not make an open edit form stale.
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ROLES, type Role } from '../core/access/permissions.ts';
import { passwordWeakness } from '../core/access/password-rule.ts';
import { ActionRefused, NotFoundError, StaleVersionError } from '../core/errors.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import type { Tx } from '../store/ledger.repository.ts';
import { unitIdByName } from '../store/org.repository.ts';
import { activeAdminsBut, updateUserRow, userById } from '../store/account.repository.ts';
import { deleteSessionsOf } from '../store/session.repository.ts';
import { sessionKey } from './accounts.ts';

interface Actor {
  readonly id: number;
  readonly displayName: string;
}

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
  if (!(await verify(u.password_hash, input.oldPassword))) throw new ActionRefused('原密码不正确');
  if (input.newPassword === input.oldPassword) throw new ActionRefused('新密码不能与原密码相同');
  const weak = passwordWeakness(input.newPassword, u.username);
  if (weak) throw new ActionRefused(weak);
  const passwordHash = await hash(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, u.id, { password_hash: passwordHash, must_change_password: false, password_changed_at: new Date() });
    await endSessions(trx, u.id, token);
    await appendEvents(trx, [{ actor: who.displayName, entity: 'user', entityId: u.id, action: 'change-password' }]);
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

/** An administrator's reset: a one-time password, returned to show once, which must be changed at the next login. */
export async function resetPassword(db: Db, actor: Actor, userId: number): Promise<{ username: string; password: string }> {
  if (actor.id === userId) throw new ActionRefused('不能重置自己的密码，请在右上角的个人菜单中修改密码');
  const password = oneTimePassword();
  const passwordHash = await hash(password);
  return db.transaction().execute(async (trx) => {
    const u = await userRow(trx, userId);
    await updateUserRow(trx, u.id, { password_hash: passwordHash, must_change_password: true, password_changed_at: new Date() });
    await endSessions(trx, u.id);
    await appendEvents(trx, [{ actor: actor.displayName, entity: 'user', entityId: u.id, action: 'reset-password' }]);
    return { username: u.username, password };
  });
}

/** An administrator's edit of a user's name, role and unit. The version guards against two administrators at once. */
export async function updateUser(
  db: Db,
  actor: Actor,
  userId: number,
  input: { displayName?: string | undefined; role?: Role | undefined; unit?: string | null | undefined; version: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const u = await userRow(trx, userId);
    if (u.version !== input.version) throw new StaleVersionError(u.username, '账号');
    const role = input.role ?? (u.role as Role);
    if (!ROLES.includes(role)) throw new ActionRefused(`角色“${role}”不存在`);
    if (actor.id === userId && role !== u.role) throw new ActionRefused('不能修改自己的角色，请由另一位系统管理员修改');
    if (u.role === 'admin' && role !== 'admin' && u.active && (await activeAdminsBut(trx, u.id)) === 0)
      throw new ActionRefused('这是唯一在用的系统管理员账号，不能改为其他角色');
    const unitId = input.unit === undefined ? u.unit_id : input.unit === null ? null : await unitIdByName(trx, input.unit);
    if (role !== 'admin' && unitId === null) throw new ActionRefused('除系统管理员外，账号须属于一个单位');
    const displayName = input.displayName?.trim() || u.display_name;
    await updateUserRow(trx, u.id, { display_name: displayName, role, unit_id: unitId, version: u.version + 1 });
    await appendEvents(trx, [
      {
        actor: actor.displayName,
        entity: 'user',
        entityId: u.id,
        action: 'update',
        before: { displayName: u.display_name, role: u.role, unitId: u.unit_id },
        after: { displayName, role, unitId },
      },
    ]);
  });
}

/** Deactivates (ending every session at once) or reactivates a user. Nobody can lock out themselves or the last admin. */
export async function setUserActive(db: Db, actor: Actor, userId: number, active: boolean): Promise<{ username: string }> {
  if (!active && actor.id === userId) throw new ActionRefused('不能停用自己的账号');
  return db.transaction().execute(async (trx) => {
    const u = await userRow(trx, userId);
    if (!active && u.role === 'admin' && (await activeAdminsBut(trx, u.id)) === 0)
      throw new ActionRefused('这是唯一在用的系统管理员账号，不能停用');
    if (u.active === active) return { username: u.username };
    await updateUserRow(trx, u.id, { active, version: u.version + 1 });
    if (!active) await endSessions(trx, u.id);
    await appendEvents(trx, [{ actor: actor.displayName, entity: 'user', entityId: u.id, action: active ? 'activate' : 'deactivate' }]);
    return { username: u.username };
  });
}
