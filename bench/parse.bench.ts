// Benchmark: parse and check the five seed documents (warm), then larger inputs made of them, up to the size limit.
// Prints throughput (MB/s) and peak memory. Run: npm run bench. Results: docs/benchmarks.md.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readReports } from '../src/core/read-reports.ts';
import { DEFAULT_MAX_BYTES } from '../src/io/read-document.ts';

const SEEDS = resolve(import.meta.dirname, '../../shared/seeds');
const samples = resolve(import.meta.dirname, '../samples');
let texts: string[];
try {
  texts = readdirSync(SEEDS)
    .sort()
    .map((f) => readFileSync(join(SEEDS, f), 'utf8'));
} catch {
  console.log(`(../shared/seeds not found: using the repository's samples instead)`);
  texts = readdirSync(samples).map((f) => readFileSync(join(samples, f), 'utf8'));
}
const bytes = (ts: readonly string[]) => ts.reduce((s, t) => s + Buffer.byteLength(t, 'utf8'), 0);
let peakRss = process.memoryUsage().rss;
const sampleMemory = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function run(ts: readonly string[]): number {
  const t0 = performance.now();
  let findings = 0;
  for (const t of ts) for (const r of readReports(t)) findings += r.findings.length;
  sampleMemory();
  if (findings < 0) throw new Error('unreachable');
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const corpus = bytes(texts);
for (let i = 0; i < 3; i++) run(texts); // warm up
const times = Array.from({ length: 15 }, () => run(texts));
const ms = median(times);
console.log(
  `seed corpus: ${(corpus / 1024).toFixed(0)} KB in ${texts.length} files, parse+check median ${ms.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}), ${(corpus / 1024 / 1024 / (ms / 1000)).toFixed(2)} MB/s`,
);

// The published corpus (issue 11), where it is beside the project: many short real documents rather than five long ones
const published = resolve(import.meta.dirname, '../../shared/corpus');
try {
  const docs = readdirSync(published)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(published, f), 'utf8'));
  for (let i = 0; i < 3; i++) run(docs);
  const t = median(Array.from({ length: 15 }, () => run(docs)));
  console.log(`published corpus: ${docs.length} texts, ${(bytes(docs) / 1024).toFixed(0)} KB, parse+check median ${t.toFixed(1)} ms`);
} catch {
  console.log('(../shared/corpus not found: the published corpus is not measured)');
}

console.log(`peak RSS after the seed corpus: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);

// Larger inputs: the corpus repeated in one text, as one huge file would be read.
for (const target of [5 * 1024 * 1024, DEFAULT_MAX_BYTES]) {
  const one = texts.join('\n\n');
  const big = one.repeat(Math.ceil(target / Buffer.byteLength(one, 'utf8')));
  const size = Buffer.byteLength(big, 'utf8');
  const t = run([big]);
  console.log(
    `one input of ${(size / 1024 / 1024).toFixed(1)} MB: ${(t / 1000).toFixed(2)} s, ${(size / 1024 / 1024 / (t / 1000)).toFixed(2)} MB/s`,
  );
}
// The same written as one line (a text with its line breaks lost, the way some exports and copy-pastes arrive), and one
// line of nothing but figures, at a quarter, half and the whole of the size limit: time should grow with the length.
const oneLine = texts.join('').replace(/\r?\n/g, '');
const figures = '共发现问题12个，已整改完成10个，正在整改2个，整改完成率83.3%，制定《管理办法》。';
for (const [what, unit] of [
  ['one line of the corpus', oneLine],
  ['one line of figures', figures],
] as const) {
  for (const share of [0.25, 0.5, 1]) {
    const text = unit.repeat(Math.floor((share * DEFAULT_MAX_BYTES * 0.97) / Buffer.byteLength(unit, 'utf8')));
    const size = Buffer.byteLength(text, 'utf8');
    const t = run([text]);
    console.log(
      `${what}, ${(size / 1024 / 1024).toFixed(1)} MB: ${(t / 1000).toFixed(2)} s, ${(size / 1024 / 1024 / (t / 1000)).toFixed(2)} MB/s`,
    );
  }
}
console.log(
  `peak RSS overall: ${(peakRss / 1024 / 1024).toFixed(0)} MB (size limit for one file: ${(DEFAULT_MAX_BYTES / 1024 / 1024).toFixed(0)} MB)`,
);
