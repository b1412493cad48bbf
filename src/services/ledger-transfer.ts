// Use cases that move a ledger whole (store/ledger-copy.ts reads and writes its rows):
// - a backup: every table in one snapshot of the database (a PostgreSQL server goes on serving meanwhile), compressed,
//   behind a manifest — its rows per table, the event log's head, the schema, a checksum of what follows;
// - its restore into an empty place: the file checked whole before anything is written, then every row written in
//   one transaction, then the counts, the head and the whole event chain checked there before it is committed;
// - the move of an embedded ledger into an empty PostgreSQL database, the same way, with every code, version and
//   timestamp kept.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { accessSync, constants, createReadStream, createWriteStream, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { InvalidInput } from '../core/errors.ts';
import { auditHead, writeCheckpoint, type AuditHead } from '../store/audit-checkpoint.ts';
import { verifyChain } from '../store/event.repository.ts';
import {
  alignSequences,
  emptyTable,
  insertRows,
  rowsOf,
  schemaVersion,
  tableCounts,
  tablesInOrder,
  type TableShape,
} from '../store/ledger-copy.ts';
import type { Tx } from '../store/ledger.repository.ts';
import {
  CHECKPOINT_FILE,
  clearDatabase,
  type Db,
  LEDGER_MARK_TABLE,
  type Ledger,
  openLedger,
  publicTables,
  withoutPassword,
} from '../store/open-database.ts';
import { explainFailure } from './explain-failure.ts';
import { migrationProvider } from '../store/migrations/index.ts';

const MAGIC = 'ZGBACKUP 1\n';
/** a manifest is a few kilobytes; a first line longer than this is no manifest of ours */
const HEADER_MAX = 256 * 1024;

export interface BackupManifest {
  readonly format: 1;
  readonly createdAt: string;
  readonly database: Ledger['kind'];
  /** the last migration of the schema the rows are in */
  readonly schema: string;
  /** rows per table */
  readonly tables: Record<string, number>;
  readonly audit: AuditHead;
  /** the compressed rows that follow the manifest */
  readonly payload: { readonly bytes: number; readonly sha256: string };
}

/** What a copy wrote and found: rows per table, and the event chain checked where it was written. */
export interface TransferReport {
  readonly tables: Record<string, number>;
  readonly rows: number;
  readonly audit: AuditHead;
  readonly chainChecked: number;
}

// ---- writing a ledger's rows into an empty one ------------------------------------------------------------------

/** One table's batch of rows, as the database's JSON of each. */
interface Part {
  readonly table: string;
  readonly rows: readonly string[];
}

/** Refuses a target that already holds a ledger: a restore or a move never mixes two ledgers. */
async function refuseNonEmpty(db: Db, where: string): Promise<void> {
  const held = await tableCounts(
    db,
    (await tablesInOrder(db)).filter((t) => ['app_user', 'source', 'event', 'org_unit'].includes(t.name)),
  );
  const parts = [
    held.app_user && `${held.app_user}个账号`,
    held.org_unit && `${held.org_unit}个单位`,
    held.source && `${held.source}个整改来源`,
    held.event && `${held.event}条操作日志`,
  ].filter(Boolean);
  if (parts.length)
    throw new InvalidInput(`${where}已有数据（${parts.join('、')}）：只能写入空的数据库。请新建一个空数据库，且不要先在其上启动整改通`);
}

/**
 * Writes the parts into `trx`, table by table in the order given, then checks what is there against what was
 * expected — rows per table, the log's head — and the whole chain; throws (and the caller's transaction is undone)
 * when anything differs.
 */
async function writeParts(
  trx: Tx,
  parts: AsyncIterable<Part>,
  expected: { tables: Record<string, number>; audit: AuditHead },
): Promise<TransferReport> {
  const shapes = new Map((await tablesInOrder(trx)).map((t) => [t.name, t]));
  let current: TableShape | undefined;
  for await (const part of parts) {
    if (current?.name !== part.table) {
      const next = shapes.get(part.table);
      if (!next) throw new InvalidInput(`备份中的数据表“${part.table}”在本版本的数据库中不存在`);
      // a fresh database's migrations filled a few rows of their own (a counter): the copy's take their place
      await emptyTable(trx, next);
      current = next;
    }
    await insertRows(trx, current, part.rows);
  }
  await alignSequences(trx);
  const tables = await tableCounts(trx, [...shapes.values()]);
  const differs = Object.keys({ ...tables, ...expected.tables }).filter((t) => (tables[t] ?? 0) !== (expected.tables[t] ?? 0));
  if (differs.length)
    throw new InvalidInput(
      `写入后核对行数不符：${differs
        .slice(0, 5)
        .map((t) => `${t} 应为 ${expected.tables[t] ?? 0} 行，实为 ${tables[t] ?? 0} 行`)
        .join('；')}`,
    );
  const audit = await auditHead(trx);
  if (audit.events !== expected.audit.events)
    throw new InvalidInput(`写入后的操作日志与原台账不符：应有 ${expected.audit.events} 条，实有 ${audit.events} 条`);
  if (audit.head !== expected.audit.head) throw new InvalidInput('写入后的操作日志末条记录与原台账不符（哈希不同）');
  const chain = await verifyChain(trx as Db);
  if (chain.firstBroken) throw new InvalidInput(`写入后的操作日志哈希链在 #${chain.firstBroken.id} 处断开：${chain.firstBroken.reason}`);
  return { tables, rows: Object.values(tables).reduce((a, b) => a + b, 0), audit, chainChecked: chain.checked };
}

/** Every row of the ledger in one snapshot, table by table. */
async function* partsOf(trx: Tx, shapes: readonly TableShape[]): AsyncGenerator<Part> {
  for (const t of shapes) for await (const rows of rowsOf(trx, t)) yield { table: t.name, rows };
}

// ---- the move from the embedded database to a server -----------------------------------------------------------

/**
 * Copies the whole ledger into the empty PostgreSQL database at `url` in one transaction, and checks it there. The
 * checkpoint of the log, when `checkpoint` names a file, is written once the copy is committed.
 */
export async function migrateLedger(from: Ledger, url: string, checkpoint?: string): Promise<TransferReport> {
  if (from.kind !== 'embedded') throw new InvalidInput('当前台账已在 PostgreSQL 服务器上：迁移只从内嵌数据库迁往 PostgreSQL');
  const { fresh } = await checkTarget(url);
  const to = await openTarget({ url, auditCheckpoint: null });
  try {
    await refuseNonEmpty(to.db, '目标数据库');
    const report = await from.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (r) => {
        const shapes = await tablesInOrder(r);
        const expected = { tables: await tableCounts(r, shapes), audit: await auditHead(r) };
        if ((await schemaVersion(r)) !== (await schemaVersion(to.db))) throw new Error('the two ledgers are at different migrations');
        return to.db.transaction().execute((w) => writeParts(w, partsOf(r, shapes), expected));
      });
    if (checkpoint) await writeCheckpoint(checkpoint, { ...report.audit, at: new Date().toISOString() });
    return report;
  } catch (e) {
    // a database that held nothing before is left holding nothing: no schema either
    await to.close();
    if (fresh) await clearDatabase(url);
    throw e;
  } finally {
    await to.close().catch(() => undefined);
  }
}

/**
 * The target of a move or a restore, checked before anything is written there: an address given, a database that is
 * empty or one of ours (whose rows are checked next) — never another application's, whose tables would be mixed with
 * ours. Whether it held no table at all: a refusal later then leaves it so.
 */
async function checkTarget(url: string): Promise<{ fresh: boolean }> {
  if (!url.trim()) throw new InvalidInput('请用 --to 指定 PostgreSQL 数据库地址，如 postgres://用户名:密码@主机:5432/数据库名');
  if (!/^postgres(ql)?:\/\//i.test(url.trim()))
    throw new InvalidInput(
      `--to 所给的“${withoutPassword(url).slice(0, 80)}”不是 PostgreSQL 数据库地址：应写作 postgres://用户名:密码@主机:端口/数据库名`,
    );
  const tables = await publicTables(url).catch((e: unknown) => {
    throw asTarget(e);
  });
  if (tables.length > 0 && !tables.includes(LEDGER_MARK_TABLE))
    throw new InvalidInput(
      `--to 所给的数据库中已有其他数据表（${tables.slice(0, 5).join('、')}${tables.length > 5 ? ` 等 ${tables.length} 张` : ''}），不是整改通的数据库：请新建一个空数据库`,
    );
  return { fresh: tables.length === 0 };
}

/** The target database opened, its failures said of the address given (--to), not of DATABASE_URL. */
async function openTarget(opts: Parameters<typeof openLedger>[0]): Promise<Ledger> {
  try {
    return await openLedger(opts);
  } catch (e) {
    throw asTarget(e);
  }
}

function asTarget(e: unknown): unknown {
  const known = explainFailure(e);
  return known
    ? new InvalidInput(
        known.message
          .replaceAll('DATABASE_URL 所指的', '--to 所给的')
          .replaceAll('DATABASE_URL ', '--to 所给的地址')
          .replaceAll('DATABASE_URL', '--to 所给的地址'),
      )
    : e;
}

// ---- backups ---------------------------------------------------------------------------------------------------

/** Whether this process may write into `dir`. */
function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A backup file is never written over: another under the same name appeared while this one was being written. */
export class BackupNameTaken extends InvalidInput {
  constructor(readonly file: string) {
    super(`文件“${file}”已存在：备份不覆盖已有文件，请换一个文件名`);
  }
}

/**
 * Writes the backup file: the manifest, then every table's rows compressed. The file appears whole or not at all
 * (written under another name, synced, then linked under its name). In one snapshot: a server's other users go on working meanwhile.
 */
export async function writeBackup(ledger: Ledger, out: string): Promise<BackupManifest> {
  const dir = dirname(out);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InvalidInput(`备份文件的目录“${dir}”不存在`);
  if (!writable(dir)) throw new InvalidInput(`没有权限写入备份目录“${dir}”：请换一个目录，或给运行整改通的账号写入权限`);
  if (existsSync(out))
    throw new InvalidInput(
      statSync(out).isDirectory()
        ? `“${out}”是一个目录：请给出备份文件名，如 ${join(out, 'zg-backup.zgb')}`
        : new BackupNameTaken(out).message,
    );
  removeLeftovers(dir);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const payloadFile = join(dir, `.${basename(out)}.${tag}.rows`);
  const partFile = join(dir, `.${basename(out)}.${tag}.part`);
  try {
    const taken = await ledger.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const shapes = await tablesInOrder(trx);
        const gz = createGzip({ level: 6 });
        // a disk that fills up fails the backup (and its snapshot ends) rather than leaving it waiting
        const written = pipeline(gz, createWriteStream(payloadFile));
        // a file that cannot be opened fails at once, before anything awaits it: seen here, thrown below
        written.catch(() => undefined);
        const put = async (line: string) => {
          if (!gz.write(`${line}\n`)) await Promise.race([once(gz, 'drain'), written]);
        };
        const tables: Record<string, number> = {};
        for (const t of shapes) {
          await put(JSON.stringify({ table: t.name, columns: t.columns }));
          let n = 0;
          for await (const rows of rowsOf(trx, t)) {
            for (const row of rows) await put(row);
            n += rows.length;
          }
          tables[t.name] = n;
        }
        gz.end();
        await written;
        return { tables, audit: await auditHead(trx), schema: await schemaVersion(trx) };
      });
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      database: ledger.kind,
      schema: taken.schema,
      tables: taken.tables,
      audit: taken.audit,
      payload: { bytes: (await stat(payloadFile)).size, sha256: await sha256OfFile(payloadFile) },
    };
    const f = await open(partFile, 'w');
    try {
      await f.writeFile(`${MAGIC}${JSON.stringify(manifest)}\n`);
      for await (const chunk of createReadStream(payloadFile)) await f.write(chunk as Buffer);
      await f.sync();
    } finally {
      await f.close();
    }
    // linked, not renamed: a file another process put under the name meanwhile is never replaced
    await link(partFile, out).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code === 'EEXIST') throw new BackupNameTaken(out);
      // a file system without links (some network shares): the name checked, then the file renamed to it
      if (existsSync(out)) throw new BackupNameTaken(out);
      await rename(partFile, out);
    });
    return manifest;
  } finally {
    await rm(payloadFile, { force: true });
    await rm(partFile, { force: true });
  }
}

/** Every field a restore reads, of its kind: a manifest damaged anywhere is refused before anything is written. */
function wholeManifest(m: BackupManifest): boolean {
  const count = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  const hash = (h: unknown) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);
  return (
    m !== null &&
    typeof m === 'object' &&
    m.format === 1 &&
    typeof m.createdAt === 'string' &&
    !Number.isNaN(Date.parse(m.createdAt)) &&
    (m.database === 'embedded' || m.database === 'server') &&
    typeof m.schema === 'string' &&
    typeof m.tables === 'object' &&
    m.tables !== null &&
    Object.values(m.tables).every(count) &&
    typeof m.audit === 'object' &&
    m.audit !== null &&
    count(m.audit.events) &&
    hash(m.audit.head) &&
    (m.audit.first === undefined || hash(m.audit.first)) &&
    typeof m.payload === 'object' &&
    m.payload !== null &&
    count(m.payload.bytes) &&
    hash(m.payload.sha256)
  );
}

/** What a backup killed half-way left in its directory (a process that no longer runs): removed before the next. */
function removeLeftovers(dir: string): void {
  for (const f of readdirSync(dir)) {
    const m = /^\..+\.(\d+)-[0-9a-f]{8}\.(rows|part)$/.exec(f);
    if (m && !alive(Number(m[1]))) rmSync(join(dir, f), { force: true });
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function sha256OfFile(path: string, start = 0): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { start })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * The backup's manifest, once the whole file is known to be one of ours and complete: the magic line, a manifest,
 * exactly as many bytes after it as it says, and their checksum. Nothing is written before this.
 */
export async function checkBackup(path: string): Promise<{ manifest: BackupManifest; offset: number }> {
  const name = basename(path);
  if (!existsSync(path)) throw new InvalidInput(`找不到备份文件“${path}”`);
  const st = await stat(path);
  if (!st.isFile()) throw new InvalidInput(`“${path}”不是文件：请给出备份文件（.zgb）`);
  const size = st.size;
  const f = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(HEADER_MAX, size));
    await f.read(buf, 0, buf.length, 0);
    head = buf;
  } finally {
    await f.close();
  }
  if (!head.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) throw new InvalidInput(`“${name}”不是整改通的备份文件`);
  const end = head.indexOf(10, MAGIC.length);
  let manifest: BackupManifest;
  try {
    if (end < 0) throw new Error('no manifest line');
    manifest = JSON.parse(head.subarray(MAGIC.length, end).toString('utf8')) as BackupManifest;
    if (!wholeManifest(manifest)) throw new Error('shape');
  } catch {
    throw new InvalidInput(`备份文件“${name}”的清单已损坏，无法恢复`);
  }
  const offset = end + 1;
  const have = size - offset;
  if (have !== manifest.payload.bytes)
    throw new InvalidInput(
      have < manifest.payload.bytes
        ? `备份文件“${name}”不完整：应有 ${manifest.payload.bytes + offset} 字节，只有 ${size} 字节（可能在复制或下载时被截断），无法恢复`
        : `备份文件“${name}”的长度与清单不符（多出 ${have - manifest.payload.bytes} 字节），无法恢复`,
    );
  if ((await sha256OfFile(path, offset)) !== manifest.payload.sha256)
    throw new InvalidInput(`备份文件“${name}”已损坏（校验和不符），无法恢复`);
  const known = Object.keys(await migrationProvider.getMigrations());
  if (!known.includes(manifest.schema))
    throw new InvalidInput(`备份文件“${name}”由较新版本的整改通制作（数据库结构 ${manifest.schema}），请先升级整改通再恢复`);
  return { manifest, offset };
}

/** The rows of a checked backup, table by table in batches. */
async function* partsOfBackup(path: string, offset: number): AsyncGenerator<Part> {
  const lines = createInterface({
    input: createReadStream(path, { start: offset }).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let table = '';
  let batch: string[] = [];
  let size = 0;
  for await (const line of lines) {
    if (line.startsWith('{"table":')) {
      if (batch.length) yield { table, rows: batch };
      batch = [];
      size = 0;
      table = (JSON.parse(line) as { table: string }).table;
      continue;
    }
    batch.push(line);
    size += line.length;
    // a batch of at most some 4 MB of text: a table of file chunks goes a few rows at a time
    if (batch.length >= 500 || size > 4_000_000) {
      yield { table, rows: batch };
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield { table, rows: batch };
}

export type RestoreTarget = { readonly url: string; readonly checkpoint?: string | undefined } | { readonly dataDir: string };

/**
 * Restores a backup into an empty place: a PostgreSQL database with no ledger in it, or a data directory that does
 * not exist yet (written beside it under another name, and put in place only once checked). The schema is the
 * backup's own, brought up to this version's afterwards.
 */
export async function restoreBackup(path: string, target: RestoreTarget): Promise<TransferReport & { manifest: BackupManifest }> {
  const { manifest, offset } = await checkBackup(path);
  if ('dataDir' in target) {
    if (existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0)
      throw new InvalidInput(`数据目录“${target.dataDir}”已存在且不为空：恢复只能写入新的目录`);
    const base = target.dataDir.replace(/[\\/]+$/, '');
    // what a restore killed half-way left beside the same place
    for (const f of existsSync(dirname(base)) ? readdirSync(dirname(base)) : [])
      if (f.startsWith(`${basename(base)}.restoring-`)) await rm(join(dirname(base), f), { recursive: true, force: true });
    const building = `${base}.restoring-${randomBytes(4).toString('hex')}`;
    try {
      const report = await restoreInto(
        await openLedger({ dataDir: building, auditCheckpoint: null, schemaUpTo: manifest.schema }),
        path,
        offset,
        manifest,
      );
      // brought up to this version's schema, then its log anchored by a checkpoint beside it
      const up = await openLedger({ dataDir: building, auditCheckpoint: null });
      await up.close();
      await writeCheckpoint(join(building, CHECKPOINT_FILE), { ...report.audit, at: new Date().toISOString() });
      await rm(target.dataDir, { recursive: true, force: true });
      await rename(building, target.dataDir);
      return { ...report, manifest };
    } finally {
      await rm(building, { recursive: true, force: true });
    }
  }
  // a database that held nothing before is left holding nothing when the restore is refused: no schema either
  const { fresh } = await checkTarget(target.url);
  let report: TransferReport;
  try {
    report = await restoreInto(
      await openTarget({ url: target.url, auditCheckpoint: null, schemaUpTo: manifest.schema }),
      path,
      offset,
      manifest,
    );
  } catch (e) {
    if (fresh) await clearDatabase(target.url);
    throw e;
  }
  await (await openTarget({ url: target.url, auditCheckpoint: null })).close();
  if (target.checkpoint) await writeCheckpoint(target.checkpoint, { ...report.audit, at: new Date().toISOString() });
  return { ...report, manifest };
}

async function restoreInto(to: Ledger, path: string, offset: number, manifest: BackupManifest): Promise<TransferReport> {
  try {
    await refuseNonEmpty(to.db, '目标数据库');
    return await to.db.transaction().execute((w) => writeParts(w, partsOfBackup(path, offset), manifest));
  } finally {
    await to.close();
  }
}
