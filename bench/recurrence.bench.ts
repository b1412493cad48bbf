// Benchmark: matching a new source of 100 problems against 100,000 earlier ones — segmenting every title (jieba),
// building the TF-IDF index and asking it 100 times. The titles are the seed documents' problem titles, each varied
// with a unit's name and a phrase, so the vocabulary is the real one. Run: npm run bench. Results: docs/benchmarks.md.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readReports } from '../src/core/read-reports.ts';
import { meaningful, RecurrenceIndex } from '../src/core/recurrence/similarity.ts';
import { words } from '../src/io/segmenter.ts';

const SEEDS = resolve(import.meta.dirname, '../../shared/seeds');
const SAMPLES = resolve(import.meta.dirname, '../samples');
const dir = readdirSync(SEEDS, { withFileTypes: true }).length ? SEEDS : SAMPLES;
const titles = readdirSync(dir)
  .flatMap((f) => readReports(readFileSync(join(dir, f), 'utf8')))
  .flatMap((r) => r.aspects.flatMap((a) => a.problems.flatMap((p) => [p.title, ...p.children.map((c) => c.title)])))
  .filter((t) => t.length >= 4);
const UNITS = ['县财政局', '县教育局', '市住建局', '区农业农村局', '某镇', '某街道', '市卫健委', '县交通局', '区城管局', '市国资委'];
const PHRASES = ['', '，整改不彻底', '的问题', '，存在廉政风险', '，群众反映强烈', '，制度执行不严'];
let seed = 42;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
const vary = (t: string) => `${UNITS[rand(UNITS.length)]}${t}${PHRASES[rand(PHRASES.length)]}`;

const EARLIER = 100_000;
const NEW = 100;
const earlier = Array.from({ length: EARLIER }, (_, i) => ({ id: i, title: vary(titles[rand(titles.length)] as string) }));
const fresh = Array.from({ length: NEW }, () => vary(titles[rand(titles.length)] as string));

const t0 = performance.now();
const docs = earlier.map((d) => ({ id: d.id, words: meaningful(words(d.title)) }));
const t1 = performance.now();
const index = new RecurrenceIndex(docs);
const t2 = performance.now();
let matched = 0;
for (const q of fresh) matched += index.query(meaningful(words(q)), 3, 0.25).length;
const t3 = performance.now();
console.log(
  `\nRecurrence: ${NEW} new problems against ${EARLIER.toLocaleString()} earlier ones (${titles.length} distinct seed titles varied), ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`,
);
console.log(`  segment the earlier titles:  ${(t1 - t0).toFixed(0)} ms`);
console.log(`  build the index:             ${(t2 - t1).toFixed(0)} ms`);
console.log(`  match the ${NEW} new ones:        ${(t3 - t2).toFixed(0)} ms  [${matched} matches of at least 0.25, at most 3 each]`);
console.log(
  `  total, segmenting everything: ${(t3 - t0).toFixed(0)} ms  (target < 2,000 ms); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
// the ledger keeps each problem's words once segmented (problem.words): later sources skip the first step
console.log(`  total, earlier words kept:   ${(t3 - t1).toFixed(0)} ms  (the index, then segmenting and matching the new titles)`);
