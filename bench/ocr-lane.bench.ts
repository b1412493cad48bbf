// Benchmark: other people's page-sized checks while a scan is being recognised, on one general worker (a 2-core
// server's pool). The scan (a 48-problem report typeset by LibreOffice, scanned at 300 dpi) goes to the recognition
// lane; 40 small reports, each a different text, are checked one after another meanwhile. Prints the scan's time and
// the checks' median and worst time. Needs LibreOffice, poppler-utils and Tesseract (chi_sim); skips without them.
// Run: npm run bench. Results: docs/benchmarks.md.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { WorkerPool } from '../src/services/worker-pool.ts';
import { archiveReport, scanOfText } from '../test/support/scan.ts';

const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);
if (!soffice || !existsSync('/usr/bin/tesseract') || !existsSync('/usr/bin/pdftoppm')) {
  console.log('ocr-lane: skipped (needs LibreOffice, poppler-utils and Tesseract)');
  process.exit(0);
}
const scan = scanOfText(archiveReport(48), soffice, 300);
const report = (i: number) =>
  new TextEncoder().encode(
    `中共示例县第${i}局党组关于巡察整改进展情况的通报\n一、整改情况\n${Array.from({ length: 1 + (i % 7) }, (_, k) => `${k + 1}.问题${k + 1}\n整改情况：${k % 2 ? '正在整改' : '已完成整改'}。`).join('\n')}`,
  );
const pool = new WorkerPool({ size: 1, timeoutMs: 120_000 });
await pool.run('readReport', ['热身.txt', report(0)]);
const started = performance.now();
let scanMs = 0;
const scanning = pool.run('readReport', ['扫描件.pdf', scan.pdf]).then(() => {
  scanMs = performance.now() - started;
});
const times: number[] = [];
for (let i = 1; i <= 40 && scanMs === 0; i++) {
  const t = performance.now();
  await pool.run('readReport', [`报告${i}.txt`, report(i)]);
  times.push(performance.now() - t);
  await new Promise((r) => setTimeout(r, 200));
}
await scanning;
await pool.close();
times.sort((a, b) => a - b);
const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(0);
console.log(
  `ocr-lane (${cpus().length} cores, 1 general worker): scan of ${scan.pages} pages ${(scanMs / 1000).toFixed(1)} s; ` +
    `${times.length} checks meanwhile: median ${at(0.5)} ms, worst ${at(1)} ms`,
);
