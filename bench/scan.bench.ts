// Benchmark: a 20-page scan read as a person reads it — `zg check --max-size 60` (the scan is 27 MB) of a PDF that has no text layer, 20 A4 pages of
// JPEG at 300 dpi (seeds 000, 004 and the start of 002 typeset by LibreOffice, rendered by pdftoppm). Prints the
// progress lines the command writes, the time per page, and the peak memory of the command and of the recognition
// programs it starts (sampled from /proc every 50 ms). Needs LibreOffice, poppler-utils and Tesseract (chi_sim); skips
// with a message without them. Run: npm run bench. Results: docs/benchmarks.md.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scanOfText } from '../test/support/scan.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SEEDS = resolve(ROOT, '../shared/seeds');
const PAGES = 20;
const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);

function tesseractChinese(): boolean {
  try {
    return /^chi_sim$/m.test(execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch {
    return false;
  }
}

/** Resident memory of a process and all it started, in MB, from /proc. */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${d}/status`, 'utf8'));
      rss.set(Number(d), m ? Number(m[1]) : 0);
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => pid === root || (parent.has(pid) && pid !== 1 && inTree(parent.get(pid) as number));
  let kb = 0;
  for (const [pid, k] of rss) if (inTree(pid)) kb += k;
  return kb / 1024;
}

if (!soffice || !tesseractChinese() || !existsSync(SEEDS)) {
  console.log('scan benchmark skipped: it needs LibreOffice, poppler-utils, Tesseract with chi_sim and ../shared/seeds');
  process.exit(0);
}
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'server'], { stdio: 'inherit' });

const seed = (p: string) => readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(p)) as string), 'utf8');
// enough text for 20 pages, cut at the page: the scan is of the first 20
let text = [seed('000'), seed('004'), seed('002')].join('\n');
let scan = scanOfText(text, soffice, 300);
while (scan.pages > PAGES) {
  text = text.slice(0, Math.floor((text.length * PAGES) / scan.pages));
  scan = scanOfText(text, soffice, 300);
}
const file = join(mkdtempSync(join(tmpdir(), 'zg-scan-bench-')), `扫描件-${scan.pages}页.pdf`);
writeFileSync(file, scan.pdf);
console.log(`scan: ${scan.pages} pages, ${(scan.pdf.length / 2 ** 20).toFixed(1)} MB`);

const t0 = performance.now();
const child = spawn(process.execPath, [join(ROOT, 'bin/zg.mjs'), 'check', '--max-size', '60', file], {
  env: { ...process.env, ZG_PROGRESS: '1' },
});
let peak = 0;
const sampler = setInterval(() => {
  if (child.pid) peak = Math.max(peak, treeRss(child.pid));
}, 50);
child.stderr.on('data', (d: Buffer) => {
  for (const line of d.toString().split('\n').filter(Boolean)) console.log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s  ${line}`);
});
let out = '';
child.stdout.on('data', (d: Buffer) => {
  out += d.toString();
});
child.on('exit', (code) => {
  clearInterval(sampler);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `zg check: exit code ${code}, ${seconds.toFixed(1)} s in all, ${(seconds / scan.pages).toFixed(2)} s a page, peak ${Math.round(peak)} MB`,
  );
  console.log(out.split('\n').slice(0, 3).join('\n'));
});
