// Kept files — imported reports, evidence — stored once by content (SHA-256) in chunks of 256 KB.
// Why chunks, written one statement at a time and outside any transaction: on the embedded database every statement
// runs on the server's own thread, and one 20 MB bytea insert held it (and every other user) for seconds; a chunk
// costs tens of milliseconds, and other requests run between chunks. The rows that name a file (document, evidence)
// are written afterwards in their own short transaction; a blob is usable once `complete`.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './open-database.ts';

export const CHUNK_BYTES = 256 * 1024;
/** an upload that never finished (the process died between chunks) is forgotten after this */
const ABANDONED_AFTER = '1 day';
const SWEEP_EVERY_MS = 60 * 60 * 1000;
let lastSweep = 0;

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Stores the bytes (unless the same content is already kept) and returns their SHA-256. Never inside a transaction. */
export async function storeFile(db: Db, bytes: Uint8Array): Promise<string> {
  if (db.isTransaction) throw new Error('storeFile must not run inside a transaction: it writes chunk by chunk');
  const sha256 = sha256Of(bytes);
  await sweepAbandoned(db);
  const known = await db.selectFrom('file_blob').select('complete').where('sha256', '=', sha256).executeTakeFirst();
  // known already (kept, or an earlier attempt to finish): touched, so that no sweep takes it before the row that
  // names it is written
  if (known) await db.updateTable('file_blob').set({ created_at: new Date() }).where('sha256', '=', sha256).execute();
  if (known?.complete) return sha256;
  if (!known)
    await db
      .insertInto('file_blob')
      .values({ sha256, size: bytes.length })
      .onConflict((c) => c.doNothing())
      .execute();
  // one chunk per statement; a chunk already there (an earlier attempt, or the same file at the same moment) is kept
  for (let seq = 0; seq * CHUNK_BYTES < bytes.length; seq++) {
    const chunk = bytes.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES);
    await db
      .insertInto('file_chunk')
      .values({ sha256, seq, bytes: chunk })
      .onConflict((c) => c.doNothing())
      .execute();
  }
  await db.updateTable('file_blob').set({ complete: true }).where('sha256', '=', sha256).execute();
  return sha256;
}

/** The kept file's bytes, read chunk by chunk; null when no complete file has that hash. */
export async function readStoredFile(db: Db, sha256: string): Promise<Uint8Array | null> {
  const blob = await db.selectFrom('file_blob').select(['size', 'complete']).where('sha256', '=', sha256).executeTakeFirst();
  if (!blob?.complete) return null;
  const out = new Uint8Array(blob.size);
  let at = 0;
  for (let seq = 0; at < blob.size; seq++) {
    const row = await db.selectFrom('file_chunk').select('bytes').where('sha256', '=', sha256).where('seq', '=', seq).executeTakeFirst();
    if (!row) throw new Error(`kept file ${sha256} lacks chunk ${seq}`);
    out.set(row.bytes, at);
    at += row.bytes.length;
  }
  return out;
}

/** Chunks of uploads that never completed, and files no row names any more, once they are a day old. */
async function sweepAbandoned(db: Db): Promise<void> {
  if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = Date.now();
  await sql`
    delete from file_blob b
    where b.created_at < now() - ${sql.raw(`interval '${ABANDONED_AFTER}'`)}
      and (not b.complete
        or (not exists (select 1 from document d where d.sha256 = b.sha256)
          and not exists (select 1 from evidence e where e.sha256 = b.sha256)))
  `.execute(db);
}
