// Benchmark: what a person waits for before anything happens — whole processes, as a user starts them, from the
// built package: `zg --help`, `zg --version`, `zg check` of each seed, `zg parse` of the five seeds, and the server
// from its start to its first answer (embedded database, existing data). Each is run several times; the median and
// the slowest are printed, with the CPU the processes used. Run: npm run bench. Results: docs/benchmarks.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(import.meta.dirname, '..');
const SEEDS = resolve(ROOT, '../shared/seeds');
const RUNS = Number(process.env.ZG_BENCH_RUNS ?? 7);

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
// the numbers are of the built package: build it as `npm install` does
execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'server'], { stdio: 'inherit' });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${Math.round(x)} ms`;

/**
 * Wall time of one whole process as a person starts it, and — in a run of its own under /usr/bin/time, whose own start
 * would otherwise count as the command's — the CPU (user + system, from the kernel's account of the child).
 */
function timed(args: string[]): { wall: number; cpu: number } {
  const t0 = performance.now();
  spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), ...args], { stdio: 'ignore' });
  const wall = performance.now() - t0;
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, join(ROOT, 'bin/zg.mjs'), ...args], { encoding: 'utf8' });
  const [user = 0, sys = 0] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

function report(name: string, args: string[]): void {
  timed(args); // the file system's cache warm, as for a person's second command
  const runs = Array.from({ length: RUNS }, () => timed(args));
  const walls = runs.map((r) => r.wall);
  console.log(
    `${name.padEnd(34)} median ${ms(median(walls)).padStart(7)}  slowest ${ms(Math.max(...walls)).padStart(7)}  cpu ${ms(median(runs.map((r) => r.cpu))).padStart(7)}`,
  );
}

let seeds: string[] = [];
try {
  seeds = readdirSync(SEEDS)
    .sort()
    .map((f) => join(SEEDS, f));
} catch {
  console.log('(../shared/seeds not found: the reading figures use the repository’s samples)');
  seeds = readdirSync(join(ROOT, 'samples')).map((f) => join(ROOT, 'samples', f));
}

// Node alone, for scale: on a shared machine the figures below move with it
const bare = Array.from({ length: RUNS }, () => {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return performance.now() - t0;
});
console.log(`${'node -e 0 (Node alone)'.padEnd(34)} median ${ms(median(bare)).padStart(7)}`);
report('zg --help', ['--help']);
report('zg --version', ['--version']);
for (const s of seeds) report(`zg check ${s.split('/').pop()?.slice(0, 20)}`, ['check', s]);
report(`zg parse (${seeds.length} files)`, ['parse', ...seeds]);

/** The server from `npm start` to its first answer, on a data directory made by an earlier start. */
async function serverStart(dataDir: string, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/start.mjs')], {
    env: { ...process.env, ZG_DATA: dataDir, PORT: String(port), ZG_SUPERVISE: 'off', ZG_ADMIN_PASSWORD: 'Bench-Start-2026!q' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - t0;
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'zg-bench-start-'));
try {
  const first = await serverStart(dataDir, 3987);
  const again: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) again.push(await serverStart(dataDir, 3987));
  console.log(`server, first start (new ledger, sample data)  ${ms(first)}`);
  console.log(`server, start to first answer (existing data)   median ${ms(median(again))}  slowest ${ms(Math.max(...again))}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
