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

/** What a login checks: the hash and whether the account is active. */
export function credentialsOf(db: Tx, username: string) {
  return db.selectFrom('app_user').select(['id', 'password_hash', 'active']).where('username', '=', username).executeTakeFirst();
}

/** An account with its unit's name: who a session belongs to. */
export function userWithUnit(db: Tx, id: number) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.unit_id', 'u.active', 'u.must_change_password', 'o.name as unit_name'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** An account as an administrator's change reads it. */
export function userById(db: Tx, id: number) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'role', 'unit_id', 'active', 'password_hash', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateUserRow(trx: Tx, id: number, values: Updateable<Database['app_user']>): Promise<void> {
  await trx.updateTable('app_user').set(values).where('id', '=', id).execute();
}

/** Active administrators but one; two administrators demoting or deactivating each other at once take turns here. */
export async function activeAdminsBut(trx: Tx, except: number): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext('zg:last-admin'))`.execute(trx);
  const r = await trx
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('id', '!=', except)
    .executeTakeFirstOrThrow();
  return Number(r.n);
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
    .orderBy('u.id')
    .execute();
}
