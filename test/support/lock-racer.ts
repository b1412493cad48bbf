// A child process for test/data-dir-lock.test.ts. `race <module> <trials.json>`: says "ready", reads a start time
// from stdin, then at each trial's moment tries to lock that trial's directory, and if it gets the lock holds it
// briefly, writing "enter <pid>" and "exit <pid>" to the trial's log (O_APPEND, one write each). `hold <module> <dir>`:
// takes the lock, says "held", keeps it until stdin closes.
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

type Lock = (dir: string) => () => void;

const [mode, modulePath, arg] = process.argv.slice(2) as [string, string, string];
const { lockDataDir } = (await import(pathToFileURL(modulePath).href)) as { lockDataDir: Lock };
const sleepUntil = (t: number) => {
  const wait = t - Date.now() - 3;
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
  while (Date.now() < t); // the last milliseconds spinning, so that all racers start together
};
const stdin = async () => {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
};

if (mode === 'hold') {
  const release = lockDataDir(arg);
  process.stdout.write('held\n');
  await stdin();
  release();
} else {
  const { trials, spacingMs, holdMs } = JSON.parse(arg) as { trials: { dir: string; log: string }[]; spacingMs: number; holdMs: number };
  process.stdout.write('ready\n');
  const start = Number((await new Promise<string>((r) => process.stdin.once('data', (b) => r(String(b))))).trim());
  trials.forEach(({ dir, log }, i) => {
    sleepUntil(start + i * spacingMs);
    let release: () => void;
    try {
      release = lockDataDir(dir);
    } catch (e) {
      const holder = (e as { pid?: number }).pid;
      appendFileSync(log, holder === undefined ? `error ${process.pid} ${(e as Error).message}\n` : `refused ${process.pid} ${holder}\n`);
      return;
    }
    appendFileSync(log, `enter ${process.pid}\n`);
    sleepUntil(Date.now() + holdMs);
    appendFileSync(log, `exit ${process.pid}\n`);
    release();
  });
  process.exit(0);
}
