// The hash chain shows an entry edited or removed from the middle of the event log, but not entries cut off its end:
// what remains is still a valid chain. So the head is anchored outside the database — a small file saying how many
// entries there were and the last one's hash — rewritten after commits that appended events. A checkpoint behind the
// log is fine (a crash between commit and write); a log shorter than its checkpoint, or with another hash at the
// checkpoint's position, has lost or replaced entries.
import { readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendEvents, GENESIS } from './event.repository.ts';
import type { Database } from './schema.ts';

export interface AuditHead {
  /** how many entries the log has */
  readonly events: number;
  /** the last entry's hash (GENESIS for an empty log) */
  readonly head: string;
  /**
   * the first entry's hash (GENESIS for an empty log): which ledger the log is. Absent from checkpoints written before
   * it was kept. Without it, a checkpoint of another ledger with more entries would read as this log cut short.
   */
  readonly first?: string;
}

export interface AuditCheckpoint extends AuditHead {
  /** when the head was read, ISO */
  readonly at: string;
}

export type CheckpointComparison =
  | { readonly state: 'ok'; readonly events: number }
  | { readonly state: 'truncated'; readonly events: number }
  | { readonly state: 'altered'; readonly events: number; readonly hashThere: string }
  /** the checkpoint was taken of another log: its first entry is not this log's (a wrong file, or the whole log replaced) */
  | { readonly state: 'other-log'; readonly events: number; readonly firstHere: string };

export class CheckpointUnreadableError extends Error {}

/**
 * The log's own entries about its checkpoint. The first is written when a checkpoint file is first kept, so a log that
 * has one but no file has lost the file — and whoever deleted it may have cut the log's end too: without this entry,
 * deleting both would look like a ledger that never kept a checkpoint. Cutting entries cannot take it away without
 * taking everything after it, which the checkpoint (while it existed) and the exports show.
 */
const CHECKPOINT_ENTITY = 'audit-checkpoint';
const KEPT = 'kept';
const REANCHORED = 'reanchored';

export interface CheckpointKept {
  /** the entry's position in the log (1-based) and time */
  readonly position: number;
  readonly at: string;
}

/** Since when this log has kept a checkpoint, or null when it never has. */
export async function checkpointKeptSince(db: Kysely<Database>): Promise<CheckpointKept | null> {
  const first = await db
    .selectFrom('event')
    .select(['id', 'at'])
    .where('entity', '=', CHECKPOINT_ENTITY)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!first) return null;
  const n = await db
    .selectFrom('event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', '<=', first.id)
    .executeTakeFirstOrThrow();
  return { position: Number(n.n), at: first.at instanceof Date ? first.at.toISOString() : String(first.at) };
}

/** Writes the log's entry saying a checkpoint is kept from now on, in `file`. */
export async function recordCheckpointKept(db: Kysely<Database>, file: string): Promise<void> {
  await db
    .transaction()
    .execute((trx) => appendEvents(trx, [{ actor: '系统', entity: CHECKPOINT_ENTITY, entityId: 'file', action: KEPT, after: { file } }]));
}

/**
 * Someone who has looked into a fault (a lost or unreadable checkpoint, a cut or replaced end) takes the log as it is
 * now for the new anchor. Said in the log itself, with what the old checkpoint was, so the decision stays visible.
 */
export async function reanchor(db: Kysely<Database>, file: string, actor: string, old: AuditCheckpoint | null): Promise<AuditCheckpoint> {
  await db.transaction().execute((trx) =>
    appendEvents(trx, [
      {
        actor,
        entity: CHECKPOINT_ENTITY,
        entityId: 'file',
        action: REANCHORED,
        before: old ? { events: old.events, head: old.head, at: old.at } : null,
        after: { file },
      },
    ]),
  );
  const now = { ...(await auditHead(db)), at: new Date().toISOString() };
  await writeCheckpoint(file, now);
  return now;
}

/** The checkpoint file, or null when there is none. Throws CheckpointUnreadableError when it is not one. */
export function readCheckpoint(path: string): AuditCheckpoint | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const v = JSON.parse(text) as Partial<AuditCheckpoint>;
    const first = typeof v.first === 'string' && /^[0-9a-f]{64}$/.test(v.first) ? { first: v.first } : {};
    if (
      Number.isSafeInteger(v.events) &&
      (v.events as number) >= 0 &&
      typeof v.head === 'string' &&
      /^[0-9a-f]{64}$/.test(v.head) &&
      typeof v.at === 'string'
    )
      return { events: v.events as number, head: v.head, ...first, at: v.at };
  } catch {
    // not JSON: said below
  }
  throw new CheckpointUnreadableError(`操作日志检查点文件“${path}”内容无法识别`);
}

/**
 * Writes the checkpoint so that the file is always either the old one or the new one, whole, and survives a crash.
 * Asynchronously: a server goes on answering while the disk syncs.
 */
export async function writeCheckpoint(path: string, c: AuditCheckpoint): Promise<void> {
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(tmp, 'w');
  try {
    await file.writeFile(`${JSON.stringify({ events: c.events, head: c.head, first: c.first, at: c.at }, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  try {
    const dir = await open(dirname(path), 'r'); // the rename itself made durable
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // a file system that cannot sync a directory: the rename stands as it is
  }
}

/**
 * The log's head in one snapshot. `from` — an entry known to be the `before`-th — lets the count start there: a range
 * on the key is read through the index even where the database has no statistics (PGlite gathers none by itself).
 */
export async function auditHead(db: Kysely<Database>, from: { id: number; before: number } = { id: 0, before: 0 }): Promise<AuditHead> {
  const r = await sql<{ hash: string; first: string; n: number | string }>`
    with head as (select id, hash from event order by id desc limit 1)
    select head.hash, (select hash from event order by id limit 1) as first,
      (select count(*) from event e where e.id > ${from.id} and e.id <= head.id) as n
    from head`.execute(db);
  const row = r.rows[0];
  return row ? { events: from.before + Number(row.n), head: row.hash, first: row.first } : { events: 0, head: GENESIS, first: GENESIS };
}

/** The log against a checkpoint: as long as it was then (or longer), with the same hash at the checkpoint's position. */
export async function compareWithCheckpoint(db: Kysely<Database>, c: AuditHead): Promise<CheckpointComparison> {
  const { events, first } = await auditHead(db);
  if (c.first && c.events > 0 && events > 0 && first && first !== c.first) return { state: 'other-log', events, firstHere: first };
  if (events < c.events) return { state: 'truncated', events };
  if (c.events === 0) return { state: 'ok', events };
  const there = await db
    .selectFrom('event')
    .select('hash')
    .orderBy('id')
    .offset(c.events - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  return there.hash === c.head ? { state: 'ok', events } : { state: 'altered', events, hashThere: there.hash };
}
