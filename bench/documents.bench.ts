// Benchmark: documents for a source of 500 problems and 2,000 measures — the public 通报 (composed, written as
// .docx and read back for its check), the plan, and the four-list workbook — and that workbook imported into an
// empty ledger. On the embedded database (a data directory), or on a PostgreSQL server when DATABASE_URL is set.
// Each document is made in a fresh process that opens the database, makes it five times and reports its median
// time and the process's peak resident memory. Run: npm run bench. Results: docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { LedgerStatus } from '../src/core/ledger/problem-state.ts';
import { writeLedgerWorkbook, type WorkbookContent } from '../src/io/ledger-workbook.ts';
import { exportLedger, importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { generateReport } from '../src/services/official-documents.ts';
import { openLedger, type Ledger } from '../src/store/open-database.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2025-06-30';
const PROBLEMS = 500;
const MEASURES_EACH = 4;
const STATUSES: LedgerStatus[] = ['completed', 'completed', 'completed', 'phased', 'in-progress', 'not-started'];
const ASPECTS = [
  '贯彻落实党中央决策部署方面',
  '落实全面从严治党战略部署方面',
  '落实新时代党的组织路线方面',
  '巡视巡察审计整改方面',
  '作风建设方面',
];
type Target = { url: string } | { dataDir: string };

/** A source as a workbook: what the rectification office of a large unit keeps. */
function content(): WorkbookContent {
  const problems = Array.from({ length: PROBLEMS }, (_, i) => ({
    row: i + 2,
    code: `XC2025-01-${String(i + 1).padStart(3, '0')}`,
    aspect: ASPECTS[i % ASPECTS.length] as string,
    title: `第${i + 1}项问题：专项资金管理使用不规范，部分项目资金拨付滞后、台账记录不完整`,
    status: STATUSES[i % STATUSES.length] as LedgerStatus,
    longTerm: i % 7 === 0,
    triage: (i % 7 === 0 ? 'long-term' : 'deadline') as 'long-term' | 'deadline',
    leadUnit: `单位${i % 40}`,
    cooperatingUnits: [`单位${(i + 1) % 40}`],
    leadLeader: `领导${i % 12}`,
    responsiblePerson: `责任人${i % 90}`,
    deadline: `2025-${String((i % 12) + 1).padStart(2, '0')}-28`,
    target: '建立长效机制，确保问题不反弹',
    amountDue: i % 5 === 0 ? { amount: `${(i * 3.17).toFixed(2)}`, unit: '万元' as const } : null,
    progress: (i * 13) % 101,
    startDate: '2025-01-15',
    lastReportAt: '2025-06-01',
    version: null,
    supervision: null,
    colour: null,
  }));
  const measures = problems.flatMap((p, i) =>
    Array.from({ length: MEASURES_EACH }, (_, k) => ({
      row: i * MEASURES_EACH + k + 2,
      problem: p.code,
      ordinal: k + 1,
      text: `对照问题清单逐项核查第${k + 1}批项目资金拨付和使用情况，建立问题台账，明确整改责任人和完成时限，按月报送整改进展`,
      ownerUnit: p.leadUnit,
      ownerPerson: null,
      deadline: p.deadline,
      status: 'in-progress' as const,
      progress: 50,
    })),
  );
  return {
    source: {
      code: 'XC2025-01',
      kind: 'xuncha',
      title: '大型单位巡察整改台账',
      team: '市委第一巡察组',
      inspectedUnit: '示例市某局党组',
      feedbackDate: '2025-01-15',
    },
    problems,
    measures,
  };
}

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f(); // warm
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)] as number;
}

const openTarget = (t: Target) => ('url' in t ? openLedger({ url: t.url }) : openLedger({ dataDir: t.dataDir }));
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/** In the child: open, note the memory, make one kind of document five times. */
async function child(kind: string, target: Target): Promise<void> {
  const l = await openTarget(target);
  const opened = process.memoryUsage().rss;
  let size = 0;
  const make = async () => {
    if (kind === 'xlsx') size = (await exportLedger(l.db, 'XC2025-01', TODAY, FULL_SCOPE)).length;
    else
      size = (
        await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2025-01', kind: kind as 'tongbao' | 'plan', public: true, today: TODAY })
      ).bytes.length;
  };
  const ms = await median(5, make);
  await l.close();
  process.stdout.write(JSON.stringify({ ms, opened, peak: process.resourceUsage().maxRSS * 1024, size }));
}

async function serverDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main(): Promise<void> {
  const dirs: string[] = [];
  const target = async (name: string): Promise<Target> => {
    if (process.env.DATABASE_URL) return { url: await serverDatabase(process.env.DATABASE_URL, name) };
    const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
    dirs.push(dataDir);
    return { dataDir };
  };
  const t = await target('zg_bench_docs');
  let l: Ledger = await openTarget(t);
  const workbook = await writeLedgerWorkbook(content());
  const t0 = performance.now();
  await importLedgerWorkbook(l, workbook, { scope: FULL_SCOPE, actor: 'bench', today: TODAY, fileName: 'bench.xlsx' });
  const importMs = performance.now() - t0;
  const exported = await exportLedger(l.db, 'XC2025-01', TODAY, FULL_SCOPE);
  await l.close();
  l = await openTarget(await target('zg_bench_docs2'));
  const t1 = performance.now();
  await importLedgerWorkbook(l, exported, { scope: FULL_SCOPE, actor: 'bench', today: TODAY, fileName: 'export.xlsx' });
  const reimportMs = performance.now() - t1;
  await l.close();

  console.log(
    `\nDocuments for a source of ${PROBLEMS} problems and ${PROBLEMS * MEASURES_EACH} measures (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded database'}), ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`,
  );
  const names: Record<string, string> = {
    tongbao: '通报 (public): compose, .docx, read back and check',
    plan: '整改方案 (landscape table)',
    xlsx: 'four-list workbook (.xlsx)',
  };
  for (const kind of ['tongbao', 'plan', 'xlsx']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', kind, JSON.stringify(t)], {
      encoding: 'utf8',
      env: { ...process.env },
    });
    const r = JSON.parse(out.slice(out.indexOf('{'))) as { ms: number; opened: number; peak: number; size: number };
    console.log(
      `  ${names[kind]?.padEnd(52)} ${r.ms.toFixed(0).padStart(5)} ms median of 5; peak ${mb(r.peak)} resident (${mb(r.opened)} after opening the database)  [${(r.size / 1024).toFixed(0)} KB]`,
    );
  }
  console.log(
    `  workbook import into an empty ledger (every row checked, one transaction): ${importMs.toFixed(0)} ms; the exported one again: ${reimportMs.toFixed(0)} ms`,
  );
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

if (process.argv[2] === '--child') await child(process.argv[3] as string, JSON.parse(process.argv[4] as string) as Target);
else await main();
