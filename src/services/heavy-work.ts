// Where heavy jobs run. By default here, in this thread: the command line serves one person and waits anyway. A server
// takes the process's worker pool while it runs (`acquireWorkerPool`), and every use case that calls `runHeavy` then
// sends its job there, never holding the event loop.
import type { JobArgs, JobName, JobResult } from './heavy-jobs.ts';
import { WorkerPool, type PoolOptions } from './worker-pool.ts';
import type { Progress } from './job-progress.ts';

export interface JobRunner {
  run<K extends JobName>(name: K, args: JobArgs<K>, onProgress?: (p: Progress) => void): Promise<JobResult<K>>;
}

// the jobs (every reader and writer, exceljs, pdf.js, docx) are loaded by the first job, not by every command's start
const inThisThread: JobRunner = {
  run: async <K extends JobName>(name: K, args: JobArgs<K>) => {
    const { heavyJobs } = await import('./heavy-jobs.ts');
    return (heavyJobs[name] as (...a: JobArgs<K>) => Promise<JobResult<K>>)(...args);
  },
};

let pool: WorkerPool | null = null;
let holders = 0;

export function runHeavy<K extends JobName>(name: K, ...args: JobArgs<K>): Promise<JobResult<K>> {
  return (pool ?? inThisThread).run(name, args);
}

/**
 * The same, telling `onProgress` how far the job has got. In the server's pool only: the command line's jobs run in
 * its own thread, where progress goes to its progress bar.
 */
export function runHeavyWatched<K extends JobName>(name: K, onProgress: (p: Progress) => void, ...args: JobArgs<K>): Promise<JobResult<K>> {
  return pool ? pool.run(name, args, onProgress) : inThisThread.run(name, args);
}

/**
 * One pool per process, shared by every app built in it (tests build several); the last to let go closes it. Returns
 * the release function.
 */
export function acquireWorkerPool(opts: Partial<PoolOptions> = {}): () => Promise<void> {
  pool ??= new WorkerPool(opts);
  holders++;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--holders > 0 || !pool) return;
    const p = pool;
    pool = null;
    await p.close();
  };
}

/** The pool's state, for the health check and the benchmark. */
export const workerPoolState = () => pool?.state() ?? null;
