// Use cases for accounts: users with a role and a unit, passwords hashed with Argon2id (memory-hard), sessions whose
// ids are stored only as hashes, a CSRF token per session, and login throttling kept in the database
// (login-attempts.ts: slowed per account, stopped per address).
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { capabilities, ROLES, scopeOf, subtreeOf, type Capability, type Role, type Scope } from '../core/access/permissions.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import { allUnits, unitIdByName } from '../store/org.repository.ts';
import { allUsers, anyUser, credentialsOf, insertUser, userIdByUsername, userWithUnit } from '../store/account.repository.ts';
import { deleteSession, insertSession, sessionByKey } from '../store/session.repository.ts';
import { ActionRefused, LoginRefused, LoginThrottled } from '../core/errors.ts';
import { waitMessage } from '../core/access/login-throttle.ts';
import { passwordWeakness } from '../core/access/password-rule.ts';
import { attemptFailed, attemptSucceeded, beginAttempt } from './login-attempts.ts';

export const SESSION_DAYS = 7;

export interface Viewer {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId: number | null;
  readonly unitName: string | null;
  readonly scope: Scope;
  readonly capabilities: readonly Capability[];
  /** an administrator reset the password: the person may do nothing but change it */
  readonly mustChangePassword: boolean;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** How a session is stored: only the hash of the cookie's token, so a copy of the database opens no session. */
export const sessionKey = sha256;

export async function createUser(
  db: Db,
  actor: string,
  input: {
    username: string;
    displayName: string;
    password: string;
    role: Role;
    unit?: string | null | undefined;
    /** an initial password an administrator chose and told the person: to be replaced at the first login */
    mustChangePassword?: boolean | undefined;
  },
): Promise<number> {
  const username = input.username.trim();
  if (!/^[\w.@-]{2,40}$/.test(username)) throw new ActionRefused('用户名应为 2 到 40 个字母、数字或 . _ @ -');
  const weak = passwordWeakness(input.password, username);
  if (weak) throw new ActionRefused(weak);
  if (!ROLES.includes(input.role)) throw new ActionRefused(`角色“${input.role}”不存在`);
  if (input.role !== 'admin' && !input.unit) throw new ActionRefused('除系统管理员外，账号须属于一个单位');
  const passwordHash = await hash(input.password);
  return db.transaction().execute(async (trx) => {
    if ((await userIdByUsername(trx, username)) !== undefined) throw new ActionRefused(`用户名“${username}”已被使用`);
    const unitId = input.unit ? await unitIdByName(trx, input.unit) : null;
    const id = await insertUser(trx, {
      username,
      display_name: input.displayName.trim() || username,
      password_hash: passwordHash,
      role: input.role,
      unit_id: unitId,
      must_change_password: input.mustChangePassword ?? false,
    });
    await appendEvents(trx, [
      { actor, entity: 'user', entityId: id, action: 'create', after: { username, role: input.role, unit: input.unit ?? null } },
    ]);
    return id;
  });
}

/** On a first start: the administrator `admin`, with the given password or a generated one returned to print once. */
export async function ensureAdmin(db: Db, password?: string): Promise<{ created: boolean; password: string | null }> {
  if (await anyUser(db)) return { created: false, password: null };
  // a password given that the rule refuses stops the start, saying why: replaced quietly by a random one never shown,
  // it would lock everyone out of a new installation
  const weak = password ? passwordWeakness(password, 'admin') : null;
  if (weak) throw new ActionRefused(`环境变量 ZG_ADMIN_PASSWORD 的值不能用作管理员密码：${weak}。请另设一个后重新启动`);
  const pw = password || randomBytes(12).toString('base64url');
  try {
    await createUser(db, 'system', { username: 'admin', displayName: '系统管理员', password: pw, role: 'admin' });
  } catch (e) {
    // another server starting at the same moment over the same new database made it first (and loads the sample)
    if (await anyUser(db)) return { created: false, password: null };
    throw e;
  }
  return { created: true, password: password ? null : pw };
}

async function viewerOf(db: Db, userId: number): Promise<Viewer | null> {
  const u = await userWithUnit(db, userId);
  if (!u?.active) return null;
  const units = await allUnits(db);
  const role = u.role as Role;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role,
    unitId: u.unit_id,
    unitName: u.unit_name,
    scope: scopeOf(role, subtreeOf(u.unit_id, units)),
    capabilities: capabilities(role),
    mustChangePassword: u.must_change_password,
  };
}

/** A device cookie's value as this server hands them out; anything else a browser sends is treated as none. */
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Logs in. `device` is the browser's device cookie, if it sent one: a browser that has logged in to the account before
 * is not slowed by others' failures (login-throttle.ts). The answer carries the cookie to keep (the same one, or a new
 * one for a browser that had none).
 */
export async function login(
  db: Db,
  input: { username: string; password: string; ip: string; device?: string | undefined },
): Promise<{ token: string; csrf: string; device: string; viewer: Viewer }> {
  const given = input.device && DEVICE_TOKEN.test(input.device) ? input.device : null;
  const { wait } = await beginAttempt(db, input.username, { ip: input.ip, device: given ? sha256(given) : null });
  if (wait) throw new LoginThrottled(waitMessage(wait), wait.seconds);
  const u = await credentialsOf(db, input.username);
  // the same work whether or not the user exists, so the answer's timing tells nothing
  const ok = u ? await verify(u.password_hash, input.password) : (await hash(input.password), false);
  if (!u || !ok || !u.active) {
    await attemptFailed(db);
    throw new LoginRefused('用户名或密码不正确');
  }
  const device = given ?? randomBytes(32).toString('base64url');
  await attemptSucceeded(db, { id: u.id, username: input.username }, { ip: input.ip, device: sha256(device) });
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await insertSession(db, { id: sha256(token), user_id: u.id, csrf, expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000) });
  return { token, csrf, device, viewer: (await viewerOf(db, u.id)) as Viewer };
}

/**
 * Each person's resolved access (role, unit, scope over the unit tree), kept under the access generation it was
 * resolved at (migration 0029): the database raises that number on any change to accounts or units, whichever
 * process made it, so what is kept here is never staler than the request that reads it.
 */
export class AccessMemory {
  #gen = -1n;
  readonly #kept = new Map<number, Promise<Viewer | null>>();

  of(db: Db, userId: number, generation: string): Promise<Viewer | null> {
    const gen = BigInt(generation);
    if (gen > this.#gen) {
      this.#kept.clear();
      this.#gen = gen;
    }
    // a request that read an older number than one already seen is answered afresh, and nothing of it kept
    if (gen < this.#gen) return viewerOf(db, userId);
    let v = this.#kept.get(userId);
    if (!v) {
      v = viewerOf(db, userId);
      this.#kept.set(userId, v);
      const kept = v;
      v.catch(() => this.#kept.get(userId) === kept && this.#kept.delete(userId));
    }
    return v;
  }
}

/** The session of a cookie's token and its person, read afresh on every request: a logout anywhere ends it at once. */
export async function sessionOf(db: Db, token: string, memory?: AccessMemory): Promise<{ viewer: Viewer; csrf: string } | null> {
  const s = await sessionByKey(db, sha256(token));
  if (!s || new Date(s.expires_at) < new Date()) return null;
  const viewer = memory && s.access !== null ? await memory.of(db, s.user_id, s.access) : await viewerOf(db, s.user_id);
  return viewer ? { viewer, csrf: s.csrf } : null;
}

export async function logout(db: Db, token: string): Promise<void> {
  await deleteSession(db, sha256(token));
}

export async function listUsers(db: Db) {
  return allUsers(db);
}
