// Keeps the audit checkpoint up with the log: after commits that appended events (told by event-commit-hook.ts) it
// reads the head and rewrites the file — once for a burst of commits, a moment later, never inside anyone's
// transaction — and once more when the ledger is closed. It never moves the checkpoint onto a log that has lost the
// entry the checkpoint names, nor writes a new one where a kept file has gone: that would erase the very evidence
// `zg audit verify` reports. The first checkpoint is followed by the log's entry saying one is kept (audit-checkpoint.ts).
import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import {
  auditHead,
  checkpointKeptSince,
  CheckpointUnreadableError,
  readCheckpoint,
  recordCheckpointKept,
  writeCheckpoint,
} from './audit-checkpoint.ts';
import type { Database } from './schema.ts';

/**
 * How long after a commit the checkpoint is refreshed: commits in between share one refresh (some 10–20 ms: a query
 * and a synced write), so a stream of small transactions pays at most that once a second.
 */
const DELAY_MS = 1000;

export class AuditCheckpointKeeper {
  #db: Kysely<Database> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> = Promise.resolve();
  #pending = false;
  #warned = false;
  #closing = false;
  /** the log is known to say that a checkpoint is kept */
  #keptInLog = false;

  constructor(readonly path: string) {}

  attach(db: Kysely<Database>): void {
    this.#db = db;
  }

  /**
   * Once the ledger is open: a checkpoint left behind the log is refreshed, and a new, empty log gets its checkpoint at
   * once. A log with entries and neither a checkpoint
   * nor the entry saying one is kept never gets one from here — that is what a log cut back together with its
   * checkpoint looks like; only `zg audit reanchor`, a person's recorded decision, anchors it.
   */
  async start(): Promise<void> {
    const db = this.#db;
    if (!db) return;
    // a process killed before its last refresh left the checkpoint behind the log: brought up to date now, by the same
    // guarded refresh (never onto a log that lost the entry it names), rather than at the next commit
    if (existsSync(this.path)) return this.committed();
    try {
      const head = await auditHead(db);
      if (head.events > 0) return;
      // the log's first entry then says a checkpoint is kept: cutting its end can never take that entry without
      // taking the whole log. File first, so a crash in between leaves a file the next refresh brings up to date
      await writeCheckpoint(this.path, { ...head, at: new Date().toISOString() });
      await recordCheckpointKept(db, this.path);
      this.#keptInLog = true;
    } catch (e) {
      this.#warn(`操作日志检查点“${this.path}”未能写入：${(e as Error).message}`);
    }
  }

  /** Events were committed: refresh soon. */
  committed(): void {
    this.#pending = true;
    if (this.#timer || !this.#db || this.#closing) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#refreshInTurn();
    }, DELAY_MS);
    this.#timer.unref(); // a process may end before it fires: a checkpoint behind the log is fine
  }

  /** Before the ledger closes: what is pending (and a checkpoint for an empty log whose first one failed at start). */
  async close(): Promise<void> {
    this.#closing = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
    // twice at most: the first checkpoint's entry in the log is itself a commit the checkpoint then takes in
    for (let i = 0; i < 2 && this.#db && (this.#pending || !existsSync(this.path)); i++) await this.#refreshInTurn();
    this.#db = null;
  }

  #refreshInTurn(): Promise<void> {
    this.#running = this.#running
      .then(() => this.#refresh())
      .catch((e: unknown) => this.#warn(`操作日志检查点“${this.path}”未能更新：${(e as Error).message}`));
    return this.#running;
  }

  async #refresh(): Promise<void> {
    const db = this.#db;
    if (!db) return;
    this.#pending = false;
    // the file first, then the log: another process may write the file meanwhile, but only with a head we will see too
    let old;
    try {
      old = readCheckpoint(this.path);
    } catch (e) {
      if (e instanceof CheckpointUnreadableError) return this.#warn(`${e.message}，未覆盖；请运行 zg audit verify`);
      throw e;
    }
    if (!old) {
      if (this.#keptInLog || (await checkpointKeptSince(db)))
        return this.#warn(`操作日志检查点“${this.path}”缺失，而操作日志表明它一直保存着，未重新写入；请运行 zg audit verify`);
      const head = await auditHead(db);
      if (head.events > 0)
        return this.#warn(`操作日志已有 ${head.events} 条记录，却没有检查点“${this.path}”，未自行写入；请运行 zg audit verify`);
    }
    let from = { id: 0, before: 0 };
    if (old && old.events > 0) {
      const anchor = await db.selectFrom('event').select('id').where('hash', '=', old.head).executeTakeFirst();
      if (!anchor)
        return this.#warn(
          `操作日志中已没有检查点“${this.path}”所记的末条记录（共 ${old.events} 条），检查点未更新；请运行 zg audit verify`,
        );
      from = { id: Number(anchor.id), before: old.events };
    }
    const now = await auditHead(db, from);
    if (!old || old.events !== now.events || old.head !== now.head)
      await writeCheckpoint(this.path, { ...now, at: new Date().toISOString() });
    // a ledger from before that entry was kept (a checkpoint file, no entry) gets it now, after the file: a crash in
    // between leaves a file and no entry, which the next refresh mends. A new ledger has it already (start)
    if (!this.#keptInLog && now.events > 0) {
      if (!(await checkpointKeptSince(db))) await recordCheckpointKept(db, this.path);
      this.#keptInLog = true;
    }
  }

  #warn(message: string): void {
    if (this.#warned) return;
    this.#warned = true;
    process.emitWarning(message);
  }
}
