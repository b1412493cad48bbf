// A ledger moved whole. Seeds 000, 002 and 004 imported and worked on (progress, evidence, closure) in an embedded
// database, then moved to PostgreSQL: the same statistics, the same problem pages, the event chain verified there, and
// a second move into the same database refused. A backup taken while writes go on, restored into an empty data
// directory: rows and the log as they were at the backup's moment. A backup cut short or altered is refused before
// anything is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { verifyAudit } from '../src/services/audit.ts';
import { backupNow, backupSchedule, ensureBackupDirectory, listBackups } from '../src/services/backup-schedule.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { ledgerStatistics, problemDetail } from '../src/services/ledger-queries.ts';
import { checkBackup, migrateLedger, restoreBackup, writeBackup } from '../src/services/ledger-transfer.ts';
import { addEvidence, decideClosure, reportProgress, requestClosure } from '../src/services/problem-actions.ts';
import { openLedger, publicTables, type Ledger } from '../src/store/open-database.ts';
import { lastUrl, testLedger, usingServer } from './support/ledger.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';
import { inject } from 'vitest';
import { withDatabase } from './support/global-setup.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples', '巡察整改进展情况的通报-示例.txt');
const TODAY = '2025-06-30';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');

/** A new, empty database on the test server; dropped by the returned function. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const t = inject('ledgerTemplate');
  if (t.kind !== 'server') throw new Error('needs the test server');
  const name = `zg_transfer_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabase(t.url, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: t.url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Some work on an open problem of each source: a progress report, a file, a closure asked and granted. */
async function workOn(l: Ledger, codes: readonly string[]) {
  for (const code of codes) {
    const who = { actor: '单位甲', at: TODAY, scope: FULL_SCOPE };
    await reportProgress(l.db, code, who, { text: `${code} 已完成整改，材料齐全`, progress: 100 });
    const ev = (await addEvidence(l.db, code, who, { name: '整改佐证.pdf', bytes: PDF })).id;
    await requestClosure(l.db, code, who, { evidence: [ev] });
    await decideClosure(l.db, code, { actor: '整改办', at: TODAY, scope: FULL_SCOPE }, { accept: true });
  }
}

async function openCodes(l: Ledger): Promise<string[]> {
  const rows = await l.db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['p.code', 's.code as source'])
    .where('p.parent_id', 'is', null)
    .where('p.status', 'in', ['not-started', 'in-progress'])
    .orderBy('p.code')
    .execute();
  // the first open problem of each source
  return [...new Map(rows.map((r) => [r.source, r.code])).values()];
}

describe.runIf(usingServer() && haveSeeds)('an embedded ledger moved to PostgreSQL', () => {
  let dir: string;
  let embedded: Ledger;
  let target: { url: string; drop: () => Promise<void> };
  let worked: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zg-migrate-'));
    embedded = await openLedger({ dataDir: join(dir, 'data') });
    await importDocuments(embedded, ['000', '002', '004'].map(seedPath), { actor: '整改办', today: '2025-06-01' });
    worked = await openCodes(embedded);
    await workOn(embedded, worked);
    target = await emptyDatabase();
  }, 180_000);
  afterAll(async () => {
    await embedded?.close();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the statistics, the problem pages and the event chain, and refuses a second move into the same database', async () => {
    expect(worked.length).toBeGreaterThanOrEqual(3);
    const checkpoint = join(dir, 'pg-checkpoint.json');
    const report = await migrateLedger(embedded, target.url, checkpoint);
    expect(report.audit.events).toBeGreaterThan(0);
    const moved = await openLedger({ url: target.url, auditCheckpoint: checkpoint });
    try {
      const stats = (l: Ledger) => ledgerStatistics(l.db, { today: TODAY, scope: FULL_SCOPE });
      expect(await stats(moved)).toEqual(await stats(embedded));
      for (const code of worked) {
        const there = await problemDetail(moved.db, code, TODAY, FULL_SCOPE);
        expect(there).toEqual(await problemDetail(embedded.db, code, TODAY, FULL_SCOPE));
        expect(there.problem.status).toBe('completed');
        expect(there.evidence).toHaveLength(1);
      }
      const audit = await verifyAudit(moved);
      expect(audit.firstBroken).toBeNull();
      expect(audit.anchor).toMatchObject({ state: 'ok', events: report.audit.events });
      // the next problem added there is numbered on from the moved ones, not from 1
      const before = await moved.db
        .selectFrom('event')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const open = (await openCodes(moved))[0] as string;
      await reportProgress(moved.db, open, { actor: '整改办', at: TODAY, scope: FULL_SCOPE }, { text: '迁移后的第一条进展' });
      const after = await moved.db
        .selectFrom('event')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      expect(Number(after.id)).toBe(Number(before.id) + 1);
    } finally {
      await moved.close();
    }
    await expect(migrateLedger(embedded, target.url)).rejects.toThrow(
      /目标数据库已有数据（\d+个整改来源、\d+条操作日志）：只能写入空的数据库/,
    );
  }, 120_000);
});

describe('a backup and its restore', () => {
  let l: Ledger;
  let dir: string;
  let file = '';
  let taken: Awaited<ReturnType<typeof writeBackup>>;

  beforeAll(async () => {
    l = await testLedger();
    dir = mkdtempSync(join(tmpdir(), 'zg-backup-'));
    await importDocuments(l, [SAMPLE], { actor: '整改办', today: '2025-06-01' });
  }, 60_000);
  afterAll(async () => {
    await l?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is taken while writes go on, and holds the ledger as it was at that moment', async () => {
    const codes = await l.db.selectFrom('problem').select('code').where('parent_id', 'is', null).orderBy('code').execute();
    let writing = true;
    let writes = 0;
    const burst = (async () => {
      for (let i = 0; writing; i++) {
        const code = codes[i % codes.length]?.code as string;
        await reportProgress(l.db, code, { actor: '单位甲', at: TODAY, scope: FULL_SCOPE }, { text: `备份期间的进展 ${i}` }).catch(
          () => {},
        );
        writes++;
      }
    })();
    while (writes < 5) await new Promise((r) => setTimeout(r, 10));
    file = join(dir, 'ledger.zgb');
    taken = await writeBackup(l, file);
    const whileBackingUp = writes;
    while (writes < whileBackingUp + 5) await new Promise((r) => setTimeout(r, 10));
    writing = false;
    await burst;
    // the log went on after the backup: the backup holds a head the ledger passed through, not today's
    const now = await l.db
      .selectFrom('event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(now.n)).toBeGreaterThan(taken.audit.events);
    const at = await l.db
      .selectFrom('event')
      .select('hash')
      .orderBy('id')
      .offset(taken.audit.events - 1)
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(at.hash).toBe(taken.audit.head);
    // every progress report counted in the backup has its event: rows and log of the same moment
    expect(taken.tables.progress_update).toBeGreaterThan(0);

    const restored = join(dir, 'restored');
    const r = await restoreBackup(file, { dataDir: restored });
    expect(r.tables).toEqual(taken.tables);
    expect(r.audit).toMatchObject({ events: taken.audit.events, head: taken.audit.head });
    const back = await openLedger({ dataDir: restored });
    try {
      expect((await verifyAudit(back)).anchor).toMatchObject({ state: 'ok', events: taken.audit.events });
      const progress = await back.db
        .selectFrom('progress_update')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(progress.n)).toBe(taken.tables.progress_update);
    } finally {
      await back.close();
    }
  }, 120_000);

  it('refuses a backup cut in half or altered, before writing anything', async () => {
    const bytes = readFileSync(file);
    const half = join(dir, 'half.zgb');
    writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(checkBackup(half)).rejects.toThrow(/备份文件“half\.zgb”不完整：应有 \d+ 字节，只有 \d+ 字节/);
    await expect(restoreBackup(half, { dataDir: join(dir, 'from-half') })).rejects.toThrow(/不完整/);
    expect(existsSync(join(dir, 'from-half'))).toBe(false);
    const altered = Buffer.from(bytes);
    altered[altered.length - 10] = (altered[altered.length - 10] as number) ^ 0xff;
    const bad = join(dir, 'altered.zgb');
    writeFileSync(bad, altered);
    await expect(restoreBackup(bad, { dataDir: join(dir, 'from-altered') })).rejects.toThrow(/已损坏（校验和不符）/);
    expect(existsSync(join(dir, 'from-altered'))).toBe(false);
    writeFileSync(join(dir, 'note.zgb'), '这不是备份');
    await expect(checkBackup(join(dir, 'note.zgb'))).rejects.toThrow('“note.zgb”不是整改通的备份文件');
    // a field of the manifest damaged (the checksum covers the rows only): refused before anything is written
    const text = bytes.toString('latin1');
    const renamed = join(dir, 'renamed-field.zgb');
    writeFileSync(renamed, Buffer.from(text.replace('"createdAt"', '"createXAt"'), 'latin1'));
    await expect(restoreBackup(renamed, { dataDir: join(dir, 'from-renamed') })).rejects.toThrow(/清单已损坏/);
    expect(existsSync(join(dir, 'from-renamed'))).toBe(false);
    await expect(checkBackup(dir)).rejects.toThrow(/不是文件/);
    // a backup never overwrites a file already there
    await expect(writeBackup(l, file)).rejects.toThrow(/已存在：备份不覆盖已有文件/);
  });

  it('is made by the server once a day at the set time, keeping the newest few', async () => {
    const backups = join(dir, 'daily');
    const schedule = backupSchedule(l, { dir: backups, at: '02:00', keep: 2 });
    // Beijing time: 01:30 is before the hour; then three nights at 02:30, the second asked twice
    expect(await schedule.tick(new Date('2025-07-01T01:30:00+08:00'))).toBeNull();
    for (const day of ['2025-07-01', '2025-07-02', '2025-07-02', '2025-07-03']) await schedule.tick(new Date(`${day}T02:30:00+08:00`));
    expect(readdirSync(backups).sort()).toEqual(['zg-backup-2025-07-02.zgb', 'zg-backup-2025-07-03.zgb']);
    expect((await checkBackup(join(backups, 'zg-backup-2025-07-03.zgb'))).manifest.audit.events).toBeGreaterThan(0);
  });

  it('names a second backup made in the same second apart, and refuses a place it cannot write to without stopping', async () => {
    const here = join(dir, 'by-hand');
    const now = new Date('2025-07-05T10:00:00+08:00');
    const first = await backupNow(l, here, now);
    const second = await backupNow(l, here, now);
    expect([first.name, second.name]).toEqual(['zg-backup-2025-07-05-100000.zgb', 'zg-backup-2025-07-05-100000-2.zgb']);
    expect(
      listBackups(here)
        .map((b) => b.name)
        .sort(),
    ).toEqual([first.name, second.name].sort());
    // a directory even the superuser cannot write to fails the backup, and nothing is left behind or thrown unseen
    if (existsSync('/sys/fs')) await expect(writeBackup(l, '/sys/fs/zg.zgb')).rejects.toMatchObject({ code: 'EACCES' });
    expect(() => ensureBackupDirectory('/proc/zg-backups')).toThrow('无法建立备份目录“/proc/zg-backups”');
  });

  it.runIf(usingServer())(
    'restores into an empty PostgreSQL database, and refuses one that holds a ledger',
    async () => {
      const target = await emptyDatabase();
      try {
        // one refused after writing (a count in the manifest changed) leaves the empty database as empty as it was
        const text = readFileSync(file).toString('latin1');
        const miscounted = join(dir, 'miscounted.zgb');
        writeFileSync(
          miscounted,
          Buffer.from(
            text.replace(/"aspect":(\d+)/, (_, n) => `"aspect":${Number(n) + 1}`),
            'latin1',
          ),
        );
        await expect(restoreBackup(miscounted, { url: target.url })).rejects.toThrow(/写入后核对行数不符：aspect 应为/);
        expect(await publicTables(target.url)).toEqual([]);
        const r = await restoreBackup(file, { url: target.url });
        expect(r.tables).toEqual(taken.tables);
        await expect(restoreBackup(file, { url: lastUrl() as string })).rejects.toThrow(/目标数据库已有数据/);
      } finally {
        await target.drop();
      }
      // another application's database is refused before anything of ours is made there
      const foreign = await emptyDatabase();
      try {
        const c = new pg.Client({ connectionString: foreign.url });
        await c.connect();
        await c.query('create table problem (x text); create table foo (y int); insert into foo values (1)');
        await c.end();
        await expect(restoreBackup(file, { url: foreign.url })).rejects.toThrow(
          '--to 所给的数据库中已有其他数据表（foo、problem），不是整改通的数据库：请新建一个空数据库',
        );
        expect(await publicTables(foreign.url)).toEqual(['foo', 'problem']);
      } finally {
        await foreign.drop();
      }
    },
    60_000,
  );
});

describe('zg backup and zg migrate on the command line', () => {
  const zg = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      encoding: 'utf8',
    });

  it('refuses a move to no address or to what is no PostgreSQL database, and a checkpoint it could not write, copying nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zg-cli-migrate-'));
    try {
      const data = join(dir, 'data');
      await (await openLedger({ dataDir: data })).close();
      const empty = zg(['migrate', '--to', ''], { ZG_DATA: data });
      expect([empty.status, empty.stderr.trim()]).toEqual([
        2,
        'zg: 请用 --to 指定 PostgreSQL 数据库地址，如 postgres://用户名:密码@主机:5432/数据库名',
      ]);
      const other = zg(['migrate', '--to', 'mysql://u:secret@db/x'], { ZG_DATA: data });
      expect(other.status).toBe(2);
      expect(other.stderr).toContain('--to 所给的“mysql://u:***@db/x”不是 PostgreSQL 数据库地址');
      const cp = zg(['migrate', '--to', 'postgres://127.0.0.1:1/none', '--checkpoint', join(dir, 'gone', 'c.json')], { ZG_DATA: data });
      expect(cp.status).toBe(2);
      expect(cp.stderr).toContain(`检查点文件的目录“${join(dir, 'gone')}”不存在`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a data directory that holds no ledger, instead of backing up or moving a new empty one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zg-cli-transfer-'));
    try {
      const missing = join(dir, 'datta');
      const backup = zg(['backup', '-o', join(dir, 'b.zgb')], { ZG_DATA: missing });
      expect(backup.status).toBe(2);
      expect(backup.stderr).toContain(`数据目录“${missing}”中没有台账`);
      const moved = zg(['migrate', '--to', 'postgres://127.0.0.1:1/none'], { ZG_DATA: missing });
      expect(moved.status).toBe(2);
      expect(existsSync(missing)).toBe(false);
      const restore = zg(['restore', join(dir, 'b.zgb'), '--to', 'postgres://127.0.0.1:1/none'], {});
      expect(restore.status).toBe(2);
      expect(restore.stderr).toContain('请用 --checkpoint 指定操作日志检查点文件');
      // a checkpoint that could not be written after the copy is refused before it
      const nowhere = zg(
        ['restore', join(dir, 'b.zgb'), '--to', 'postgres://127.0.0.1:1/none', '--checkpoint', join(dir, 'gone', 'c.json')],
        {},
      );
      expect(nowhere.status).toBe(2);
      expect(nowhere.stderr).toContain(`检查点文件的目录“${join(dir, 'gone')}”不存在`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
