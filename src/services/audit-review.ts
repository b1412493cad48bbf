// The audit administrator's review of the log: entries filtered by person, kind and period; the same entries as a
// spreadsheet-readable file; the chain checked with its hash function, and the room the log takes against its limit.
// Nothing here writes to the log but the fact of an export, which the download's own security event records.
import { Readable } from 'node:stream';
import { auditKinds, kindLabel } from '../core/access/audit-kinds.ts';
import { InvalidInput } from '../core/errors.ts';
import { eventLogBytes, eventsAfter, eventsPage, type EventFilter } from '../store/audit-log.repository.ts';
import { verifyChain } from '../store/event.repository.ts';
import { iso, ipOf } from './security-log.ts';
import type { Db } from '../store/open-database.ts';

export const AUDIT_PAGE = 50;
/** every entry is kept: the log is never cut, so it holds at least what 等保 asks (180 days), whatever is set */
export const MIN_KEEP_DAYS = 180;

const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

function checkPeriod(f: EventFilter): void {
  if (f.from && f.to && f.from > f.to) throw new InvalidInput(`起始日期 ${f.from} 晚于截止日期 ${f.to}`);
}

function present(r: {
  id: number;
  at: Date | string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
}) {
  const after = parsed(r.after);
  return {
    id: Number(r.id),
    at: iso(r.at),
    actor: r.actor,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    kind: kindLabel(r.entity, r.action),
    ip: ipOf(after),
    before: parsed(r.before) ?? null,
    after: after ?? null,
  };
}

export async function auditEvents(db: Db, f: EventFilter, page: number) {
  checkPeriod(f);
  const { rows, total } = await eventsPage(db, f, (page - 1) * AUDIT_PAGE, AUDIT_PAGE);
  return { items: rows.map(present), total, kinds: auditKinds() };
}

/** "2026-12-05 06:17:57": the moment as the office's clocks show it, as the screen shows it too. */
const beijingTime = (at: string) => new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** A CSV field, quoted; a cell a spreadsheet would take for a formula is kept as text. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * The entries the filter finds, oldest first, as CSV with a byte-order mark (Excel then reads the Chinese right),
 * read from the database a slice at a time as the file is sent: a log of millions of entries is never held whole.
 */
export function auditExport(db: Db, f: EventFilter): Readable {
  checkPeriod(f);
  async function* lines() {
    yield `\uFEFF${['编号', '时间（北京时间）', '操作人', '类别', '对象', '地址', '变更前', '变更后'].map(cell).join(',')}\r\n`;
    let after = 0;
    for (;;) {
      const rows = await eventsAfter(db, f, after, 2000);
      if (rows.length === 0) return;
      let chunk = '';
      for (const r of rows) {
        const e = present(r);
        chunk += `${[e.id, beijingTime(e.at), e.actor, e.kind, `${e.entity}#${e.entityId}`, e.ip, e.before, e.after].map(cell).join(',')}\r\n`;
      }
      yield chunk;
      after = Number(rows[rows.length - 1]?.id);
    }
  }
  return Readable.from(lines());
}

/** The log's limit on disk: ZG_AUDIT_LOG_LIMIT_MB, 10 GB unless set. */
export function logLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.ZG_AUDIT_LOG_LIMIT_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 10_240) * 1024 * 1024;
}

/** the share of the limit past which the audit administrator is warned */
export const NEAR_LIMIT = 0.8;

/** The room the log takes against its limit; `nearLimit` past NEAR_LIMIT of it. */
export async function logSpace(db: Db): Promise<{ bytes: number; limitBytes: number; nearLimit: boolean }> {
  const bytes = await eventLogBytes(db);
  const limitBytes = logLimitBytes();
  return { bytes, limitBytes, nearLimit: bytes >= limitBytes * NEAR_LIMIT };
}

export async function auditChain(db: Db) {
  const [chain, space] = await Promise.all([verifyChain(db), logSpace(db)]);
  return { algorithm: chain.algorithm, checked: chain.checked, firstBroken: chain.firstBroken, ...space, keepDays: MIN_KEEP_DAYS };
}
