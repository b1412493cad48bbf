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
import { GENESIS } from './event.repository.ts';
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
