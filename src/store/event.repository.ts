// The append-only event log: who, when, what, before → after, each entry chained to the one before by a SHA-256 hash,
// so that editing or deleting any entry breaks the chain from there on (`zg audit verify`).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface NewEvent {
  readonly actor: string;
  readonly entity: string;
  readonly entityId: string | number;
  readonly action: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export const GENESIS = '0'.repeat(64);

/** JSON with keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
export function canonical(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function eventHash(
  prev: string,
  e: { at: string; actor: string; entity: string; entityId: string; action: string; before: unknown; after: unknown },
): string {
  return createHash('sha256')
    .update(prev)
    .update(
      canonical({
        at: e.at,
        actor: e.actor,
        entity: e.entity,
        entityId: e.entityId,
        action: e.action,
        before: e.before ?? null,
        after: e.after ?? null,
      }),
    )
    .digest('hex');
}

/** Appends events inside the caller's transaction (pass the transaction); the advisory lock keeps the chain one line even with many writers. */
export async function appendEvents(trx: Kysely<Database>, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql`select pg_advisory_xact_lock(7242001)`.execute(trx);
  const last = await trx.selectFrom('event').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prev = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const rows = events.map((e) => {
    const entityId = String(e.entityId);
    const before = e.before === undefined ? null : JSON.parse(canonical(e.before));
    const after = e.after === undefined ? null : JSON.parse(canonical(e.after));
    const hash = eventHash(prev, { at, actor: e.actor, entity: e.entity, entityId, action: e.action, before, after });
    const row = {
      at,
      actor: e.actor,
      entity: e.entity,
      entity_id: entityId,
      action: e.action,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('event')
      .values(rows.slice(i, i + 500))
      .execute();
}

export interface ChainReport {
  readonly checked: number;
  readonly firstBroken: { id: string; at: string; reason: string } | null;
}

/** Walks the chain in order; reports the first entry whose hash or link does not hold. */
export async function verifyChain(db: Kysely<Database>): Promise<ChainReport> {
  let prev = GENESIS;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db.selectFrom('event').selectAll().where('id', '>', afterId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) return { checked, firstBroken: null };
    for (const r of rows) {
      const at = r.at instanceof Date ? r.at.toISOString() : String(r.at);
      if (r.prev_hash !== prev)
        return { checked, firstBroken: { id: String(r.id), at, reason: '与前一条记录的链接不符（之前的记录被删除、插入或改动）' } };
      const expected = eventHash(prev, {
        at,
        actor: r.actor,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        before: r.before,
        after: r.after,
      });
      if (expected !== r.hash) return { checked, firstBroken: { id: String(r.id), at, reason: '记录内容与其哈希不符（记录被改动）' } };
      prev = r.hash;
      checked++;
      afterId = Number(r.id);
    }
  }
}
