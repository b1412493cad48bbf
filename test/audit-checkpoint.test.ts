// The event log's head anchored outside the database: entries cut off its end, or replaced, are found — by the service
// and by `zg audit verify` — against the checkpoint file and against the one an exported workbook carries; the
// checkpoint follows commits by itself and is never moved onto a log that lost what it names.
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { writeLedgerWorkbook } from '../src/io/ledger-workbook.ts';
import { verifyAudit } from '../src/services/audit.ts';
import { describeAudit } from '../src/cli/audit-report.ts';
import { exportLedger, importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { createUnit } from '../src/services/organisation.ts';
import { readCheckpoint } from '../src/store/audit-checkpoint.ts';
import { openLedger, type Ledger } from '../src/store/open-database.ts';
import { lastUrl, testLedger, usingServer } from './support/ledger.ts';
import { sheetProblem } from './support/sheet-problem.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TODAY = '2025-03-01';
const base = mkdtempSync(join(tmpdir(), 'zg-checkpoint-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/**
 * A new migrated data directory, opened once from the run's template as a ledger is first opened: its log begins with
 * the entry saying a checkpoint is kept, its own (another directory's would have the same first entry).
 */
async function dataDir(name: string): Promise<string> {
  const t = inject('ledgerTemplate');
  if (t.kind !== 'embedded') throw new Error('embedded runs only');
  const dir = join(base, name);
  const l = await openLedger({ dataDir: dir, loadDataDir: new Blob([readFileSync(t.dump)]) });
  await l.close();
  return dir;
}

const events = async (l: Ledger) =>
  Number(
    (
      await l.db
        .selectFrom('event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Someone with the database owner's rights switches the guard off and removes the newest entries. */
async function cutOff(l: Ledger, n: number) {
  await sql`alter table event disable trigger event_append_only`.execute(l.db);
  await sql`delete from event where id in (select id from event order by id desc limit ${n})`.execute(l.db);
  await sql`alter table event enable trigger event_append_only`.execute(l.db);
}

async function until(what: () => boolean | Promise<boolean>, ms = 5000) {
  for (const end = Date.now() + ms; !(await what()); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() > end) throw new Error('timed out');
}

/** The keeper has caught up: the log says a checkpoint is kept, and the checkpoint names the log's last entry. */
async function settled(l: Ledger, checkpoint: string): Promise<number> {
  let n = 0;
  await until(async () => {
    n = await events(l);
    const kept = await l.db.selectFrom('event').select('id').where('entity', '=', 'audit-checkpoint').executeTakeFirst();
    return kept !== undefined && readCheckpoint(checkpoint)?.events === n;
  });
  return n;
}

function zg(env: NodeJS.ProcessEnv, ...args: string[]) {
  const e: NodeJS.ProcessEnv = { ...process.env, ZG_TODAY: TODAY, USER: '整改办', ...env };
  for (const k of ['DATABASE_URL', 'ZG_DATA', 'ZG_AUDIT_CHECKPOINT']) if (!env[k]) delete e[k];
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: e,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function someLedger(l: Ledger) {
  const problem = (n: number) => sheetProblem(n + 1, `XC2025-01-00${n}`, { title: `问题${n}`, startDate: TODAY });
  const wb = await writeLedgerWorkbook({
    source: {
      code: 'XC2025-01',
      kind: 'xuncha',
      title: '模拟台账',
      team: '县委第一巡察组',
      inspectedUnit: '示例局党组',
      feedbackDate: TODAY,
    },
    problems: [1, 2, 3, 4].map(problem),
    measures: [],
  });
  await importLedgerWorkbook(l, wb, { scope: FULL_SCOPE, actor: '整改办', today: TODAY, fileName: '模拟台账.xlsx' });
  await createUnit(l.db, '整改办', { name: '区建设局' }, FULL_SCOPE);
}

/**
 * The whole story on one ledger: `open` opens it with its checkpoint at `checkpoint`; `env` runs the CLI on it.
 */
async function story(open: () => Promise<Ledger>, checkpoint: string, env: NodeJS.ProcessEnv) {
  let l = await open();
  await someLedger(l);
  // kept up after each commit, without waiting for the ledger to close
  const n = await settled(l, checkpoint);
  const cp = readCheckpoint(checkpoint);
  expect(cp).toEqual({
    events: n,
    head: expect.stringMatching(/^[0-9a-f]{64}$/),
    first: expect.stringMatching(/^[0-9a-f]{64}$/),
    at: expect.any(String),
  });
  const workbook = join(base, `台账-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(workbook, await exportLedger(l.db, 'XC2025-01', TODAY, FULL_SCOPE));
  expect(await verifyAudit(l)).toMatchObject({ checked: n, firstBroken: null, anchor: { state: 'ok', events: n, checkpoint: cp } });
  await l.close();

  const ok = zg(env, 'audit', 'verify', '--against', workbook);
  expect(ok.code, ok.err).toBe(0);
  expect(ok.out).toMatch(
    new RegExp(
      `^操作日志完好：共 ${n} 条记录，SHA-256 哈希链连续；末条与检查点“${checkpoint}”（\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d，${n} 条）相符\n`,
    ),
  );
  expect(ok.out).toContain(`操作日志与工作簿“${workbook}”的检查点（`);

  l = await open();
  await cutOff(l, 3);
  expect(await verifyAudit(l)).toMatchObject({
    checked: n - 3,
    firstBroken: null,
    anchor: { state: 'truncated', events: n - 3, checkpoint: cp },
  });
  // a change after the cut: the checkpoint stays where it was, with the evidence, and a warning says why
  const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  await createUnit(l.db, '整改办', { name: '区水利局' }, FULL_SCOPE);
  await l.close();
  expect(readCheckpoint(checkpoint)).toEqual(cp);
  expect(String(warn.mock.calls[0]?.[0])).toContain(`操作日志中已没有检查点“${checkpoint}”所记的末条记录（共 ${n} 条），检查点未更新`);
  warn.mockRestore();

  const cut = zg(env, 'audit', 'verify', '--against', workbook);
  expect(cut.code, cut.err).toBe(1);
  expect(cut.out).toMatch(
    new RegExp(`^操作日志被截断：检查点“${checkpoint}”（[^）]+）记录 ${n} 条，现仅有 ${n - 2} 条，末尾至少 2 条已被删去\n`),
  );
  expect(cut.out).toContain(`操作日志被截断：工作簿“${workbook}”的检查点（`);

  // as many entries as before, but not the same ones: replaced
  l = await open();
  const quiet = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  for (const name of ['区教育局', '区卫健委']) await createUnit(l.db, '整改办', { name }, FULL_SCOPE);
  const r = await verifyAudit(l);
  expect(r).toMatchObject({ checked: n, firstBroken: null, anchor: { state: 'altered', events: n } });
  await l.close();
  quiet.mockRestore();
  const replaced = describeAudit(r); // what `zg audit verify` prints
  expect(replaced.exitCode).toBe(1);
  expect(replaced.lines.join('\n')).toMatch(
    new RegExp(
      `^操作日志与检查点不符：检查点“${checkpoint}”（[^）]+）记录第 ${n} 条的哈希为 ${cp?.head.slice(0, 12)}…，现为 [0-9a-f]{12}…；该条及之前的记录被替换过（现有 ${n} 条）`,
    ),
  );
}

// The embedded tests use data directories of their own whatever the run; a run on a server (where they would have to
// create a data directory from nothing, slowly) leaves them to the embedded run.
describe('the audit checkpoint', () => {
  it.skipIf(usingServer())(
    'on the embedded database: beside the data, kept up by itself, finds entries cut off and replaced',
    async () => {
      const dir = await dataDir('data');
      await story(() => openLedger({ dataDir: dir }), join(dir, 'audit-checkpoint.json'), { ZG_DATA: dir });
    },
    120_000,
  );

  it.skipIf(usingServer())('catches up on opening when the process that wrote last was killed before its refresh', async () => {
    const dir = await dataDir('killed');
    const checkpoint = join(dir, 'audit-checkpoint.json');
    let l = await openLedger({ dataDir: dir });
    await someLedger(l);
    await settled(l, checkpoint);
    const behind = readFileSync(checkpoint, 'utf8');
    await createUnit(l.db, '整改办', { name: '区水利局' }, FULL_SCOPE);
    await l.close();
    // as a kill -9 right after that commit leaves it: the checkpoint one entry behind the log
    writeFileSync(checkpoint, behind);
    l = await openLedger({ dataDir: dir });
    try {
      const n = await settled(l, checkpoint);
      expect(readCheckpoint(checkpoint)?.events).toBe(n);
    } finally {
      await l.close();
    }
  });

  it.skipIf(!usingServer())('on a server: where ZG_AUDIT_CHECKPOINT says', async () => {
    const owner = await testLedger(); // a database of its own, dropped at the end
    try {
      const url = lastUrl() as string;
      const file = join(base, 'server-checkpoint.json');
      await story(() => openLedger({ url, auditCheckpoint: file }), file, { DATABASE_URL: url, ZG_AUDIT_CHECKPOINT: file });
      // without it, the log itself says a checkpoint has been kept: verify does not call it intact
      const r = zg({ DATABASE_URL: url }, 'audit', 'verify');
      expect(r.code, r.err).toBe(1);
      expect(r.out).toMatch(
        /^没有指定操作日志检查点文件，而操作日志表明自 [^（]+（第 \d+ 条记录）起一直保存着检查点：请用环境变量 ZG_AUDIT_CHECKPOINT 指向它再核对\n$/,
      );
    } finally {
      await owner.close();
    }
  });

  it.skipIf(usingServer())(
    'tells a workbook exported from another ledger from a log cut short',
    async () => {
      const other = await openLedger({ dataDir: await dataDir('other') });
      await someLedger(other); // more entries than the ledger checked below
      const workbook = join(base, '别的台账.xlsx');
      writeFileSync(workbook, await exportLedger(other.db, 'XC2025-01', TODAY, FULL_SCOPE));
      await other.close();
      const dir = await dataDir('mine');
      const mine = await openLedger({ dataDir: dir });
      await createUnit(mine.db, '整改办', { name: '区财政局' }, FULL_SCOPE);
      await mine.close();
      const r = zg({ ZG_DATA: dir }, 'audit', 'verify', '--against', workbook);
      expect(r.code, r.err).toBe(1);
      expect(r.out).not.toContain('截断');
      expect(r.out).toMatch(
        new RegExp(
          `工作簿“${workbook}”的检查点（[^）]+）记的不是这本台账的操作日志：其首条记录哈希为 [0-9a-f]{12}…，本台账为 [0-9a-f]{12}…；请确认文件是否取错`,
        ),
      );
    },
    60_000,
  );

  it('says when the head is anchored nowhere', async () => {
    const l = await testLedger(); // in memory, or a server without ZG_AUDIT_CHECKPOINT
    try {
      expect((await verifyAudit(l)).anchor).toEqual({ state: 'none' });
    } finally {
      await l.close();
    }
  });

  it.skipIf(usingServer())(
    'anchors a new ledger at once, a log with neither checkpoint nor its entry only by a person; behind is no fault, forged is',
    async () => {
      const dir = await dataDir('older');
      const file = join(dir, 'audit-checkpoint.json');
      expect(readCheckpoint(file)).toMatchObject({ events: 1 }); // anchored as soon as it was opened
      // a data directory from before checkpoints: a log with entries, neither a checkpoint nor the entry saying one
      // is kept. Made here by emptying the log and writing a change where no checkpoint can be kept
      let l = await openLedger({ dataDir: dir });
      await cutOff(l, await events(l));
      await l.close();
      rmSync(file);
      const quiet = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
      l = await openLedger({ dataDir: dir, auditCheckpoint: join(base, 'nowhere', 'checkpoint.json') });
      await createUnit(l.db, '整改办', { name: '区财政局' }, FULL_SCOPE);
      await l.close();
      quiet.mockRestore();
      // it cannot be told from a log cut back past that entry, its checkpoint deleted with it: neither is intact
      l = await openLedger({ dataDir: dir });
      const unanchored = await verifyAudit(l);
      expect(unanchored.anchor).toEqual({ state: 'unanchored', where: file, events: 1 });
      expect(describeAudit(unanchored)).toEqual({
        exitCode: 1,
        lines: [
          `操作日志检查点“${file}”不存在，而操作日志已有 1 条记录、也没有开始保存检查点的记录：可能是本系统早期版本建立、从未保存过检查点的台账，也可能末尾的记录连同检查点一起被删去`,
          '查明原因后，可运行 zg audit reanchor 按现有日志重写检查点（此操作本身记入操作日志）',
        ],
      });
      const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
      await l.close(); // closing does not anchor it by itself
      warn.mockRestore();
      expect(existsSync(file)).toBe(false);
      const anchored = zg({ ZG_DATA: dir }, 'audit', 'reanchor');
      expect(anchored.code, anchored.err).toBe(0);
      expect(readCheckpoint(file)).toMatchObject({ events: 2 }); // the change and the decision to anchor
      copyFileSync(file, join(base, 'older-checkpoint.json'));
      // a checkpoint behind the log is no fault: entries were added since
      l = await openLedger({ dataDir: dir });
      await createUnit(l.db, '整改办', { name: '区建设局' }, FULL_SCOPE);
      await l.close();
      copyFileSync(join(base, 'older-checkpoint.json'), file);
      l = await openLedger({ dataDir: dir });
      const behind = describeAudit(await verifyAudit(l));
      expect(behind).toEqual({
        exitCode: 0,
        lines: [
          expect.stringMatching(/^操作日志完好：共 3 条记录，SHA-256 哈希链连续；末条与检查点“.+”（[^）]+，2 条）相符，此后新增 1 条$/),
        ],
      });
      // a checkpoint file someone wrote by hand is not taken for one
      writeFileSync(file, '{"events": 1}');
      const bad = describeAudit(await verifyAudit(l));
      await l.close();
      expect(bad.exitCode).toBe(1);
      expect(bad.lines[0]).toBe(
        `操作日志检查点无法使用：操作日志检查点文件“${file}”内容无法识别（检查点文件只由本系统整体替换写入，内容无法识别说明它被改动过）`,
      );
      expect(readFileSync(file, 'utf8')).toBe('{"events": 1}');
      expect(readdirSync(dir).filter((f) => f.includes('audit-checkpoint'))).toEqual(['audit-checkpoint.json']); // no temporary file left
    },
  );

  it.skipIf(usingServer())(
    'finds the end cut off and the checkpoint deleted with it; only a recorded decision anchors the log anew',
    async () => {
      const dir = await dataDir('lost');
      const file = join(dir, 'audit-checkpoint.json');
      let l = await openLedger({ dataDir: dir });
      for (const name of ['区财政局', '区建设局', '区水利局']) await createUnit(l.db, '整改办', { name }, FULL_SCOPE);
      await l.close(); // the entry saying a checkpoint is kept, and three changes
      expect(readCheckpoint(file)).toMatchObject({ events: 4 });
      // whoever cuts the end also deletes the file that would show it
      l = await openLedger({ dataDir: dir });
      await createUnit(l.db, '整改办', { name: '区教育局' }, FULL_SCOPE);
      const quiet = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
      await cutOff(l, 1);
      await l.close();
      quiet.mockRestore();
      rmSync(file);
      l = await openLedger({ dataDir: dir });
      const r = await verifyAudit(l);
      expect(r.anchor).toMatchObject({ state: 'lost', where: file, since: { position: 1 } });
      // nor does the next change, or closing, write a fresh file over the evidence
      const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
      await createUnit(l.db, '整改办', { name: '区卫健委' }, FULL_SCOPE);
      await l.close();
      expect(String(warn.mock.calls[0]?.[0])).toContain(`操作日志检查点“${file}”缺失，而操作日志表明它一直保存着，未重新写入`);
      warn.mockRestore();
      expect(existsSync(file)).toBe(false);

      const lost = zg({ ZG_DATA: dir }, 'audit', 'verify');
      expect(lost.code, lost.err).toBe(1);
      expect(lost.out).toMatch(
        new RegExp(
          `^操作日志检查点“${file}”缺失：操作日志表明自 [^（]+（第 1 条记录）起一直保存着它，末尾的记录可能随之被删去。若文件被移到别处，请用 ZG_AUDIT_CHECKPOINT 指向它\n查明原因后，可运行 zg audit reanchor`,
        ),
      );
      // someone who has looked into it anchors the log as it now is; the log says who and what the old anchor was
      const again = zg({ ZG_DATA: dir }, 'audit', 'reanchor');
      expect(again.code, again.err).toBe(0);
      expect(again.out).toBe(`已按现有操作日志重写检查点“${file}”：共 6 条记录（含本次重写的记录）\n`);
      l = await openLedger({ dataDir: dir });
      const last = await l.db
        .selectFrom('event')
        .select(['actor', 'entity', 'action'])
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await l.close();
      expect(last).toEqual({ actor: '整改办', entity: 'audit-checkpoint', action: 'reanchored' });
      const ok = zg({ ZG_DATA: dir }, 'audit', 'verify');
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toMatch(/^操作日志完好：共 6 条记录，SHA-256 哈希链连续；末条与检查点/);
      // with nothing wrong there is nothing to anchor anew
      const needless = zg({ ZG_DATA: dir }, 'audit', 'reanchor');
      expect(needless.code).toBe(2);
      expect(needless.err).toContain(`操作日志与检查点“${file}”相符，无需重写`);
    },
    60_000,
  );
});
