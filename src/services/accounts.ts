// Use cases for accounts: users with a role and a unit, passwords hashed with Argon2id (memory-hard) and checked
// against the security policy, sessions whose ids are stored only as hashes and which end when idle or old (the
// policy again), a CSRF token per session, login throttling kept in the database (login-attempts.ts: slowed per
// account, stopped per address), and every login, failure and logout written to the log (security-log.ts).
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import {
  ADMIN_ROLES,
  capabilities,
  isAdministrator,
  ROLE_LABEL,
  ROLES,
  scopeOf,
  subtreeOf,
  type Capability,
  type Role,
  type Scope,
} from '../core/access/permissions.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import { allUnits, unitIdByName } from '../store/org.repository.ts';
import {
  allUsers,
  anyUser,
  credentialsOf,
  displayNameTaken,
  insertUser,
  rememberPassword,
  rolesHeld,
  updateUserRow,
  userIdByUsername,
  userWithUnit,
} from '../store/account.repository.ts';
import { deleteSession, insertSession, sessionByKey, touchSession } from '../store/session.repository.ts';
import { ActionRefused, LoginRefused, LoginThrottled, SecondFactorNeeded } from '../core/errors.ts';
import { waitMessage } from '../core/access/login-throttle.ts';
import { passwordExpired, passwordWeakness, sessionEnded } from '../core/access/security-policy.ts';
import { attemptFailed, attemptHalfway, attemptSucceeded, beginAttempt } from './login-attempts.ts';
import { takeLoginCode } from './second-factor.ts';
import { currentPolicy, policyFrom } from './security-policy.ts';
import { loginHistory, recordSecurityEvent, type LoginHistory } from './security-log.ts';

export interface Viewer {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  /** null: the account waits for the security administrator to grant it a role, and can do nothing yet */
  readonly role: Role | null;
  readonly unitId: number | null;
  readonly unitName: string | null;
  readonly scope: Scope;
  readonly capabilities: readonly Capability[];
  /** the password was set by an administrator or has expired: the person may do nothing but change it */
  readonly mustChangePassword: boolean;
  /** the security administrator requires a second factor of this role and the person has none yet: nothing else first */
  readonly mustSetUpSecondFactor: boolean;
  /** the account asks for its authenticator's code at every login */
  readonly secondFactor: boolean;
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
    /** none: the security administrator grants one later (三员分立: the system administrator creates, it grants) */
    role?: Role | null | undefined;
    unit?: string | null | undefined;
    /** an initial password an administrator chose and told the person: to be replaced at the first login */
    mustChangePassword?: boolean | undefined;
    /** the address the administrator made it from, kept with it in the log */
    ip?: string | undefined;
  },
): Promise<number> {
  const username = input.username.trim();
  if (!/^[\w.@-]{2,40}$/.test(username)) throw new ActionRefused('用户名应为 2 到 40 个字母、数字或 . _ @ -');
  const weak = passwordWeakness(input.password, username, (await currentPolicy(db)).policy);
  if (weak) throw new ActionRefused(weak);
  const role = input.role ?? null;
  if (role !== null && !ROLES.includes(role)) throw new ActionRefused(`角色“${role}”不存在`);
  if (!isAdministrator(role) && !input.unit) throw new ActionRefused('除三类管理员外，账号须属于一个单位');
  const passwordHash = await hash(input.password);
  return db.transaction().execute(async (trx) => {
    if ((await userIdByUsername(trx, username)) !== undefined) throw new ActionRefused(`用户名“${username}”已被使用`);
    // the log names people by their names: two accounts may not share one
    const name = input.displayName.trim() || username;
    if (await displayNameTaken(trx, name, null)) throw new ActionRefused(`已有账号使用姓名“${name}”，请换一个（如加上单位）`);
    const unitId = input.unit ? await unitIdByName(trx, input.unit) : null;
    const id = await insertUser(trx, {
      username,
      display_name: input.displayName.trim() || username,
      password_hash: passwordHash,
      role,
      unit_id: unitId,
      must_change_password: input.mustChangePassword ?? false,
      password_changed_at: new Date(),
    });
    await rememberPassword(trx, id, passwordHash);
    await appendEvents(trx, [
      {
        actor,
        entity: 'user',
        entityId: id,
        action: 'create',
        after: { username, role, unit: input.unit ?? null, ...(input.ip ? { ip: input.ip } : {}) },
      },
    ]);
    return id;
  });
}

/** The three administrators' accounts, their user names, and where a first start takes each one's password from. */
export const ADMINISTRATORS: readonly { readonly role: Role; readonly username: string; readonly env: string }[] = [
  { role: 'admin', username: 'admin', env: 'ZG_ADMIN_PASSWORD' },
  { role: 'security', username: 'secadmin', env: 'ZG_SECURITY_PASSWORD' },
  { role: 'audit', username: 'auditor', env: 'ZG_AUDIT_PASSWORD' },
];

export interface AdministratorMade {
  readonly role: Role;
  readonly label: string;
  readonly username: string;
  /** the generated password, to print once; null when it was given in the environment */
  readonly password: string | null;
  readonly env: string;
}

/**
 * The administrators missing among the three — all of them on a first start (`firstStartOnly`: nothing when any
 * account exists), or, asked for by `zg accounts split`, those an older ledger with one all-powerful `admin` lacks.
 * A password given in the environment that the rule refuses stops it, saying why: replaced quietly by a random one
 * never shown, it would lock everyone out.
 */
export async function ensureAdministrators(
  db: Db,
  given: Readonly<Record<string, string | undefined>>,
  options: { firstStartOnly: boolean },
): Promise<AdministratorMade[]> {
  if (options.firstStartOnly && (await anyUser(db))) return [];
  const held = new Set(await rolesHeld(db, ADMIN_ROLES));
  const policy = (await currentPolicy(db)).policy;
  const made: AdministratorMade[] = [];
  for (const a of ADMINISTRATORS) {
    if (held.has(a.role)) continue;
    const pw = given[a.env];
    const weak = pw ? passwordWeakness(pw, a.username, policy) : null;
    if (weak) throw new ActionRefused(`环境变量 ${a.env} 的值不能用作${ROLE_LABEL[a.role]}密码：${weak}。请另设一个后重新运行`);
    let username = a.username;
    // an older ledger may have given the name to someone else
    for (let n = 2; (await userIdByUsername(db, username)) !== undefined; n++) username = `${a.username}${n}`;
    // long enough for any policy's length, with all four kinds of character
    const password = pw || `${randomBytes(18).toString('base64url')}-Zg9`;
    try {
      await createUser(db, 'system', { username, displayName: ROLE_LABEL[a.role], password, role: a.role, mustChangePassword: !pw });
    } catch (e) {
      // another server starting at the same moment over the same new database made them first
      if (options.firstStartOnly && (await rolesHeld(db, [a.role])).length) return [];
      throw e;
    }
    made.push({ role: a.role, label: ROLE_LABEL[a.role], username, password: pw ? null : password, env: a.env });
  }
  return made;
}

/** The administrators' roles no active account holds: an older ledger not yet split says so at every start. */
export async function administratorsMissing(db: Db): Promise<Role[]> {
  if (!(await anyUser(db))) return [];
  const held = new Set(await rolesHeld(db, ADMIN_ROLES));
  return ADMIN_ROLES.filter((r) => !held.has(r));
}

async function viewerOf(db: Db, userId: number): Promise<Viewer | null> {
  const u = await userWithUnit(db, userId);
  if (!u?.active) return null;
  const units = await allUnits(db);
  const role = u.role;
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
    mustSetUpSecondFactor: role !== null && !u.totp_confirmed_at && policyFrom(u.policy).secondFactorRoles.includes(role),
    secondFactor: u.totp_confirmed_at !== null,
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
  input: { username: string; password: string; ip: string; device?: string | undefined; code?: string | undefined },
): Promise<{ token: string; csrf: string; device: string; viewer: Viewer; history: LoginHistory; sessionHours: number }> {
  const given = input.device && DEVICE_TOKEN.test(input.device) ? input.device : null;
  const { wait } = await beginAttempt(db, input.username, { ip: input.ip, device: given ? sha256(given) : null });
  if (wait) {
    // refused before the password is even looked at: still an attempt the auditor must be able to see
    await recordSecurityEvent(db, {
      actor: input.username.slice(0, 100),
      account: input.username.slice(0, 100),
      action: 'login-throttled',
      ip: input.ip,
      detail: { waitSeconds: wait.seconds },
    });
    throw new LoginThrottled(waitMessage(wait), wait.seconds);
  }
  const u = await credentialsOf(db, input.username);
  // the same work whether or not the user exists, so the answer's timing tells nothing
  const ok = u ? await verify(u.password_hash, input.password) : (await hash(input.password), false);
  if (!u || !ok || !u.active) {
    await attemptFailed(db);
    const why = !u ? 'no-such-account' : !ok ? 'wrong-password' : 'deactivated';
    await recordSecurityEvent(db, {
      actor: input.username,
      account: input.username,
      action: 'login-failed',
      ip: input.ip,
      detail: { why },
    });
    throw new LoginRefused('用户名或密码不正确');
  }
  if (u.totp_confirmed_at) {
    // the authenticator's code: asked for when not given (the password is not yet enough), refused when wrong
    if (!input.code?.trim()) {
      await attemptHalfway(db, input.username, input.ip);
      throw new SecondFactorNeeded();
    }
    if (!(await takeLoginCode(db, u, input.code))) {
      await attemptFailed(db);
      await recordSecurityEvent(db, {
        actor: input.username,
        account: input.username,
        action: 'login-failed',
        ip: input.ip,
        detail: { why: 'wrong-code' },
      });
      throw new LoginRefused('动态验证码不正确或已使用过：请输入身份验证器中当前显示的 6 位数字', 'SECOND_FACTOR_WRONG');
    }
  }
  const device = given ?? randomBytes(32).toString('base64url');
  await attemptSucceeded(db, { id: u.id, username: input.username }, { ip: input.ip, device: sha256(device) });
  const { policy } = await currentPolicy(db);
  // a password past the policy's days is good for one thing only: choosing the next one
  if (!u.must_change_password && passwordExpired(policy, new Date(u.password_changed_at ?? u.created_at), new Date()))
    await updateUserRow(db, u.id, { must_change_password: true });
  const history = await loginHistory(db, input.username);
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await insertSession(db, {
    id: sha256(token),
    user_id: u.id,
    csrf,
    expires_at: new Date(Date.now() + policy.absoluteHours * 3_600_000),
  });
  const viewer = (await viewerOf(db, u.id)) as Viewer;
  await recordSecurityEvent(db, { actor: viewer.displayName, account: input.username, action: 'login', ip: input.ip });
  return { token, csrf, device, viewer, history, sessionHours: policy.absoluteHours };
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

/** a session's last use is written at most this often: its idle time is measured to within it */
const TOUCH_EVERY_MS = 60_000;

export type SessionState = { viewer: Viewer; csrf: string } | { ended: 'idle' | 'absolute' } | null;

/**
 * The session of a cookie's token and its person, read afresh on every request: a logout anywhere ends it at once.
 * One idle or older than the policy allows ends here, and says which (the person is told why they must log in).
 * `background`: asked by the page itself, not by the person (it does not keep the session from going idle).
 */
export async function sessionOf(db: Db, token: string, memory?: AccessMemory, ip = '', background = false): Promise<SessionState> {
  const key = sha256(token);
  const s = await sessionByKey(db, key);
  const now = new Date();
  if (!s || new Date(s.expires_at) < now) return null;
  const ended = sessionEnded(policyFrom(s.policy), new Date(s.created_at), new Date(s.last_seen_at), now);
  const viewer = memory && s.access !== null ? await memory.of(db, s.user_id, s.access) : await viewerOf(db, s.user_id);
  if (!viewer) return null;
  if (ended) {
    await deleteSession(db, key);
    await recordSecurityEvent(db, {
      actor: viewer.displayName,
      account: viewer.username,
      action: 'session-ended',
      ip,
      detail: { why: ended },
    });
    return { ended };
  }
  // what a page asks by itself (the menu's counts every minute) is not the person's use: an open tab left alone ends
  if (!background && now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) await touchSession(db, key);
  return { viewer, csrf: s.csrf };
}

export async function logout(db: Db, token: string, ip: string): Promise<void> {
  const s = await sessionOf(db, token, undefined, ip);
  await deleteSession(db, sha256(token));
  if (s && 'viewer' in s) await recordSecurityEvent(db, { actor: s.viewer.displayName, account: s.viewer.username, action: 'logout', ip });
}

/** An account's id by its user name, or a refusal naming it. */
export async function accountId(db: Db, username: string): Promise<number> {
  const id = await userIdByUsername(db, username);
  if (id === undefined) throw new ActionRefused(`没有用户名为“${username}”的账号`);
  return id;
}

export async function listUsers(db: Db) {
  return (await allUsers(db)).map((u) => ({ ...u, secondFactor: Boolean(u.secondFactor) }));
}
