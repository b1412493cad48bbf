// The append-only event log: who, when, what, before → after, each entry chained to the one before by a hash — SHA-256,
// or SM3 when the installation chose the national algorithm (ZG_AUDIT_HASH=sm3) — so that editing or deleting any
// entry breaks the chain from there on (`zg audit verify`).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { InvalidInput } from '../core/errors.ts';
import type { Database } from './schema.ts';
import { CHAIN_ALGORITHM_LABEL, type ChainAlgorithm } from '../core/access/audit-kinds.ts';

export interface NewEvent {
  readonly actor: string;
  readonly entity: string;
  readonly entityId: string | number;
  readonly action: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export const GENESIS = '0'.repeat(64);
/** the advisory lock that keeps the chain one line */
const CHAIN_LOCK = 7242001;

/** The chain's hash function: the one chosen at installation, else SHA-256. */
export async function chainAlgorithm(db: Kysely<Database>): Promise<ChainAlgorithm> {
  return (await db.selectFrom('audit_chain').select('algorithm').executeTakeFirst())?.algorithm ?? 'sha256';
}

/**
 * Fixes the chain's hash function, as ZG_AUDIT_HASH asks, on a log that has no entry yet; whether it was fixed now (the
 * caller then records the choice as an entry, once the log is anchored). A log already kept with one function is never
 * switched to another under it: that is refused, saying so.
 */
export async function chooseChainAlgorithm(db: Kysely<Database>, wanted: string | undefined): Promise<boolean> {
  if (!wanted?.trim()) return false;
  const w = wanted.trim().toLowerCase().replace('-', '');
  if (w !== 'sha256' && w !== 'sm3') throw new InvalidInput(`环境变量 ZG_AUDIT_HASH“${wanted.slice(0, 20)}”无效：应为 sm3 或 sha256`);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    const chosen = await trx.selectFrom('audit_chain').select('algorithm').executeTakeFirst();
    const any = await trx.selectFrom('event').select('id').limit(1).executeTakeFirst();
    const now = chosen?.algorithm ?? (any ? 'sha256' : null);
    if (now === w) return false;
    if (now !== null)
      throw new InvalidInput(
        `操作日志已按 ${CHAIN_ALGORITHM_LABEL[now]} 计算哈希链，不能改为 ${CHAIN_ALGORITHM_LABEL[w]}：哈希算法只能在安装时（台账为空时）选定。请去掉环境变量 ZG_AUDIT_HASH 或改为 ${now}`,
      );
    await trx.insertInto('audit_chain').values({ algorithm: w }).execute();
    return true;
  });
}

/** The choice of hash function as an entry of the chain it governs. */
export async function recordChainAlgorithm(db: Kysely<Database>): Promise<void> {
  const algorithm = await chainAlgorithm(db);
  await db
    .transaction()
    .execute((trx) =>
      appendEvents(trx, [{ actor: '系统', entity: 'audit-chain', entityId: 1, action: 'algorithm', after: { algorithm } }]),
    );
}

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
  algorithm: ChainAlgorithm = 'sha256',
): string {
  return createHash(algorithm)
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
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await sql<{ hash: string | null; algorithm: ChainAlgorithm | null }>`select
      (select hash from event order by id desc limit 1) as hash, (select algorithm from audit_chain) as algorithm`.execute(trx);
  const algorithm = last.rows[0]?.algorithm ?? 'sha256';
  let prev = last.rows[0]?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const rows = events.map((e) => {
    const entityId = String(e.entityId);
    const before = e.before === undefined ? null : JSON.parse(canonical(e.before));
    const after = e.after === undefined ? null : JSON.parse(canonical(e.after));
    const hash = eventHash(prev, { at, actor: e.actor, entity: e.entity, entityId, action: e.action, before, after }, algorithm);
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
  readonly algorithm: ChainAlgorithm;
  readonly checked: number;
  readonly firstBroken: { id: string; at: string; reason: string } | null;
}

/** Walks the chain in order; reports the first entry whose hash or link does not hold. */
export async function verifyChain(db: Kysely<Database>): Promise<ChainReport> {
  const algorithm = await chainAlgorithm(db);
  let prev = GENESIS;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db.selectFrom('event').selectAll().where('id', '>', afterId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) return { algorithm, checked, firstBroken: null };
    for (const r of rows) {
      const at = r.at instanceof Date ? r.at.toISOString() : String(r.at);
      if (r.prev_hash !== prev)
        return {
          algorithm,
          checked,
          firstBroken: { id: String(r.id), at, reason: '与前一条记录的链接不符（之前的记录被删除、插入或改动）' },
        };
      const expected = eventHash(
        prev,
        {
          at,
          actor: r.actor,
          entity: r.entity,
          entityId: r.entity_id,
          action: r.action,
          before: r.before,
          after: r.after,
        },
        algorithm,
      );
      if (expected !== r.hash)
        return { algorithm, checked, firstBroken: { id: String(r.id), at, reason: '记录内容与其哈希不符（记录被改动）' } };
      prev = r.hash;
      checked++;
      afterId = Number(r.id);
    }
  }
}
