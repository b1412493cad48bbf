// Use case: verify the event log — its hash chain, which shows an entry changed or removed in the middle, and its head
// against the checkpoint kept outside the database, which shows entries cut off the end (and, when given, against the
// checkpoint an exported workbook carries).
import { InvalidInput } from '../core/errors.ts';
import { readWorkbookCheckpoint, WorkbookFormatError, WorkbookTooLargeError } from '../io/ledger-workbook.ts';
import {
  checkpointKeptSince,
  compareWithCheckpoint,
  CheckpointUnreadableError,
  readCheckpoint,
  reanchor,
  auditHead,
  type CheckpointKept,
  type AuditCheckpoint,
  type CheckpointComparison,
} from '../store/audit-checkpoint.ts';
import { verifyChain, type ChainReport } from '../store/event.repository.ts';
import type { Db, Ledger } from '../store/open-database.ts';

/** The log's head against one checkpoint; `where` names the checkpoint (a file). */
export type HeadAnchor =
  /** no checkpoint is kept: a server without ZG_AUDIT_CHECKPOINT, for a log that never kept one */
  | { readonly state: 'none' }
  /** none named this time, though the log says one has been kept since `since` (ZG_AUDIT_CHECKPOINT left unset) */
  | { readonly state: 'unset'; readonly since: CheckpointKept }
  /** kept there, but not written yet: an empty log */
  | { readonly state: 'missing'; readonly where: string }
  /**
   * no checkpoint, and `events` entries with none saying one was ever kept: a ledger from before checkpoints — or one
   * whose end was cut back past that entry, checkpoint deleted too. Nothing here can tell them apart.
   */
  | { readonly state: 'unanchored'; readonly where: string; readonly events: number }
  /** kept since `since`, as the log says, but the file is gone: the log's end may have gone with it */
  | { readonly state: 'lost'; readonly where: string; readonly since: CheckpointKept }
  | { readonly state: 'unreadable'; readonly where: string; readonly reason: string }
  | ({ readonly where: string; readonly checkpoint: AuditCheckpoint } & CheckpointComparison);

export interface AuditReport extends ChainReport {
  /** against the ledger's own checkpoint */
  readonly anchor: HeadAnchor;
  /** against the workbook given */
  readonly against?: HeadAnchor;
}

/** A workbook's checkpoint, or an InvalidInput saying why there is none to compare with. */
async function workbookCheckpoint(name: string, bytes: Uint8Array): Promise<AuditCheckpoint> {
  try {
    const c = await readWorkbookCheckpoint(bytes);
    if (c) return c;
  } catch (e) {
    if (e instanceof WorkbookFormatError || e instanceof WorkbookTooLargeError)
      throw new InvalidInput(`“${name}”不是可读取的 Excel（.xlsx）工作簿`);
    throw e;
  }
  throw new InvalidInput(`“${name}”中没有操作日志检查点（“操作日志检查点”工作表）：它不是本系统导出的台账，或由较早的版本导出`);
}

async function compare(db: Db, where: string, checkpoint: AuditCheckpoint): Promise<HeadAnchor> {
  return { where, checkpoint, ...(await compareWithCheckpoint(db, checkpoint)) };
}

async function ownAnchor(ledger: Ledger): Promise<HeadAnchor> {
  const where = ledger.auditCheckpoint;
  if (!where) {
    const since = await checkpointKeptSince(ledger.db);
    return since ? { state: 'unset', since } : { state: 'none' };
  }
  let checkpoint: AuditCheckpoint | null;
  try {
    checkpoint = readCheckpoint(where);
  } catch (e) {
    if (e instanceof CheckpointUnreadableError) return { state: 'unreadable', where, reason: e.message };
    throw e;
  }
  if (checkpoint) return compare(ledger.db, where, checkpoint);
  const since = await checkpointKeptSince(ledger.db);
  if (since) return { state: 'lost', where, since };
  const { events } = await auditHead(ledger.db);
  return events > 0 ? { state: 'unanchored', where, events } : { state: 'missing', where };
}

export async function verifyAudit(ledger: Ledger, opts: { against?: { name: string; bytes: Uint8Array } } = {}): Promise<AuditReport> {
  // the file given is read first: a wrong file is refused before the log is walked
  const exported = opts.against ? await workbookCheckpoint(opts.against.name, opts.against.bytes) : null;
  const chain = await verifyChain(ledger.db);
  const anchor = await ownAnchor(ledger);
  if (!exported || !opts.against) return { ...chain, anchor };
  return { ...chain, anchor, against: await compare(ledger.db, opts.against.name, exported) };
}

/**
 * After a fault has been looked into: the log as it is now becomes the checkpoint's new anchor, and the log says who
 * decided it and what the old checkpoint was. Refused while the chain itself is broken — no anchor mends that.
 */
export async function reanchorAudit(ledger: Ledger, actor: string): Promise<{ before: HeadAnchor; after: AuditCheckpoint }> {
  const where = ledger.auditCheckpoint;
  if (!where)
    throw new InvalidInput('本台账没有检查点文件可重写：使用 PostgreSQL 服务器时请先用环境变量 ZG_AUDIT_CHECKPOINT 指定检查点文件');
  const chain = await verifyChain(ledger.db);
  if (chain.firstBroken)
    throw new InvalidInput(`操作日志的哈希链在 #${chain.firstBroken.id} 处断开，重写检查点不能掩盖它；请先运行 zg audit verify 查明`);
  const before = await ownAnchor(ledger);
  if (before.state === 'ok') throw new InvalidInput(`操作日志与检查点“${where}”相符，无需重写`);
  if (before.state === 'missing') throw new InvalidInput(`操作日志还没有记录，检查点“${where}”会自动写入，无需重写`);
  const old = 'checkpoint' in before ? before.checkpoint : null;
  return { before, after: await reanchor(ledger.db, where, actor, old) };
}
