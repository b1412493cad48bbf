// Use case: verify the event log — its hash chain, which shows an entry changed or removed in the middle, and its head
// against the checkpoint kept outside the database, which shows entries cut off the end (and, when given, against the
// checkpoint an exported workbook carries).
import { InvalidInput } from '../core/errors.ts';
import { readWorkbookCheckpoint, WorkbookFormatError, WorkbookTooLargeError } from '../io/ledger-workbook.ts';
import {
  compareWithCheckpoint,
  CheckpointUnreadableError,
  readCheckpoint,
  type AuditCheckpoint,
  type CheckpointComparison,
} from '../store/audit-checkpoint.ts';
import { verifyChain, type ChainReport } from '../store/event.repository.ts';
import type { Db, Ledger } from '../store/open-database.ts';

/** The log's head against one checkpoint; `where` names the checkpoint (a file). */
export type HeadAnchor =
  /** no checkpoint is kept: a server without ZG_AUDIT_CHECKPOINT */
  | { readonly state: 'none' }
  /** kept there, but not written yet (a ledger from before checkpoints, or one never changed) */
  | { readonly state: 'missing'; readonly where: string }
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
  if (!where) return { state: 'none' };
  let checkpoint: AuditCheckpoint | null;
  try {
    checkpoint = readCheckpoint(where);
  } catch (e) {
    if (e instanceof CheckpointUnreadableError) return { state: 'unreadable', where, reason: e.message };
    throw e;
  }
  return checkpoint ? compare(ledger.db, where, checkpoint) : { state: 'missing', where };
}

export async function verifyAudit(ledger: Ledger, opts: { against?: { name: string; bytes: Uint8Array } } = {}): Promise<AuditReport> {
  // the file given is read first: a wrong file is refused before the log is walked
  const exported = opts.against ? await workbookCheckpoint(opts.against.name, opts.against.bytes) : null;
  const chain = await verifyChain(ledger.db);
  const anchor = await ownAnchor(ledger);
  if (!exported || !opts.against) return { ...chain, anchor };
  return { ...chain, anchor, against: await compare(ledger.db, opts.against.name, exported) };
}
