// Accounts (app_user): who may log in, with a role and a unit. Password hashes are made and checked by the caller.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export async function userIdByUsername(db: Tx, username: string): Promise<number | undefined> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())?.id;
}

export async function anyUser(db: Tx): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function insertUser(trx: Tx, row: Insertable<Database['app_user']>): Promise<number> {
  return (await trx.insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** What a login checks: the hash, whether the account is active, its password's age, its second factor. */
export function credentialsOf(db: Tx, username: string) {
  return db
    .selectFrom('app_user')
    .select([
      'id',
      'password_hash',
      'active',
      'role',
      'must_change_password',
      'password_changed_at',
      'created_at',
      'totp_secret',
      'totp_confirmed_at',
      'totp_last_step',
    ])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** An account with its unit's name: who a session belongs to. */
export function userWithUnit(db: Tx, id: number) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.unit_id',
      'u.active',
      'u.must_change_password',
      'u.totp_confirmed_at',
      'o.name as unit_name',
    ])
    .select((eb) => eb.selectFrom('security_policy').select('policy').as('policy'))
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** An account as an administrator's change reads it. */
export function userById(db: Tx, id: number) {
  return db
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'display_name',
      'role',
      'unit_id',
      'active',
      'password_hash',
      'version',
      'password_changed_at',
      'created_at',
      'totp_secret',
      'totp_confirmed_at',
      'totp_last_step',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateUserRow(trx: Tx, id: number, values: Updateable<Database['app_user']>): Promise<void> {
  await trx.updateTable('app_user').set(values).where('id', '=', id).execute();
}

/** The user names of the active accounts of a unit. */
export async function activeUsernamesOfUnit(trx: Tx, unitId: number): Promise<string[]> {
  const rows = await trx.selectFrom('app_user').select('username').where('unit_id', '=', unitId).where('active', '=', true).execute();
  return rows.map((r) => r.username);
}

/** Every account with its unit's name, for the administrator's list. */
export function allUsers(db: Tx) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name as displayName',
      'u.role',
      'o.name as unit',
      'u.active',
      'u.must_change_password as mustChangePassword',
      'u.version',
    ])
    .select((eb) => eb('u.totp_confirmed_at', 'is not', null).as('secondFactor'))
    .orderBy('u.id')
    .execute();
}

/** The security policy as stored (null: never set, the defaults hold); its reader in core completes and checks it. */
export async function storedPolicy(db: Tx): Promise<{ policy: unknown; version: number } | undefined> {
  return db.selectFrom('security_policy').select(['policy', 'version']).executeTakeFirst();
}

/** Writes the policy, if it is still at `version` (0: never written); false when another change came first. */
export async function writePolicy(trx: Tx, policy: object, version: number): Promise<boolean> {
  if (version === 0) {
    const r = await trx
      .insertInto('security_policy')
      .values({ policy: JSON.stringify(policy) })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await trx
    .updateTable('security_policy')
    .set({ policy: JSON.stringify(policy), version: version + 1, updated_at: new Date() })
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The hashes of an account's last `n` passwords, newest first. */
export async function recentPasswordHashes(db: Tx, userId: number, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(n)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function rememberPassword(trx: Tx, userId: number, passwordHash: string): Promise<void> {
  await trx.insertInto('password_history').values({ user_id: userId, password_hash: passwordHash }).execute();
}

/** Active accounts of a role but one; two administrators deactivating each other at once take turns here. */
export async function activeOfRoleBut(trx: Tx, role: string, except: number): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext('zg:last-admin'))`.execute(trx);
  const r = await trx
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', role as never)
    .where('active', '=', true)
    .where('id', '!=', except)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Which of the given roles have at least one active account. */
export async function rolesHeld(db: Tx, roles: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('role')
    .distinct()
    .where('role', 'in', roles as never[])
    .where('active', '=', true)
    .execute();
  return rows.map((r) => r.role as string);
}

/**
 * Marks a second-factor code's time step used, if no later or equal one was: one statement, so that the same code
 * sent in several logins at once is taken by one of them alone. Whether this one took it.
 */
export async function takeTotpStep(db: Tx, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_last_step: String(step) })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Whether another account already goes by this name (names in the log must tell people apart). */
export async function displayNameTaken(db: Tx, name: string, exceptId: number | null): Promise<boolean> {
  let q = db.selectFrom('app_user').select('id').where('display_name', '=', name);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
