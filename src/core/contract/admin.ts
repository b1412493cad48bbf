// The organisation and its accounts as the administration screens read them, as zod schemas the server declares as
// its answers and the web takes its types from.
import { z } from 'zod';
import { UNIT_KIND_LABEL } from '../vocabulary.ts';
import { keysOf, list, role } from './values.ts';

export const unitKind = keysOf(UNIT_KIND_LABEL);

interface UnitNode {
  id: number;
  name: string;
  kind: z.infer<typeof unitKind>;
  email: string | null;
  retired: boolean;
  version: number;
  children: readonly UnitNode[];
}
/** A unit with the units under it; a retired unit is marked, not left out (its name stays on what it did). */
export const unitNode: z.ZodType<UnitNode> = z.object({
  id: z.number(),
  name: z.string(),
  kind: unitKind,
  email: z.string().nullable(),
  retired: z.boolean(),
  version: z.number(),
  get children() {
    return list(unitNode);
  },
});
export type { UnitNode };
export const unitsAnswer = z.object({ items: list(unitNode) });

/** A unit retired or brought back: its name, for the message. */
export const unitNamed = z.object({ name: z.string() });

export const peopleAnswer = z.object({
  items: list(z.object({ id: z.number(), name: z.string(), post: z.string().nullable(), unit: z.string().nullable() })),
});

export const userItem = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  /** null: waiting for the security administrator's grant */
  role: role.nullable(),
  unit: z.string().nullable(),
  active: z.boolean(),
  /** an administrator set the password (or it expired) and the person has not yet chosen their own */
  mustChangePassword: z.boolean(),
  /** an authenticator is asked for at each login */
  secondFactor: z.boolean(),
  version: z.number(),
});
export type UserItem = z.infer<typeof userItem>;
export const usersAnswer = z.object({ items: list(userItem) });

/** A password reset: the one-time password to hand over, shown once. */
export const passwordResetAnswer = z.object({ username: z.string(), password: z.string() });
export const accountNamed = z.object({ username: z.string() });

/** The backups kept where the server writes them (ZG_BACKUP_DIR), newest first. */
export const backupsAnswer = z.object({
  dir: z.string(),
  /** the server also makes one every day (ZG_BACKUP_DIR set) */
  daily: z.boolean(),
  /** the database the ledger is in: what a restore is told (a new data directory, or an empty PostgreSQL database) */
  database: z.enum(['embedded', 'server']),
  items: list(z.object({ name: z.string(), bytes: z.number(), at: z.string() })),
});

/** A backup just made: its file, its size, rows and log entries. */
export const backupMadeAnswer = z.object({ name: z.string(), bytes: z.number(), rows: z.number(), events: z.number() });
