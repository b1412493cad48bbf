// A bounded pool of worker threads for the heavy jobs (heavy-jobs.ts). Bounded in every direction a bad upload could
// push: how many run at once (ZG_WORKERS, default one less than the cores, at least one; and ZG_OCR_WORKERS, default
// one, for recognising scans, so that a scan's minutes never stand before a page-sized check), how long one may take
// (ZG_JOB_TIMEOUT_MS, default 60 s without news of progress: the worker is stopped and replaced), how much memory a worker may hold
// (ZG_WORKER_MEMORY_MB, default 1024: past it the worker dies, not the server), and how many may wait (else 503).
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { Unavailable, UserError } from '../core/errors.ts';
import type { JobArgs, JobName, JobResult } from './heavy-jobs.ts';
import { reviveError, type PackedError } from './heavy-errors.ts';
import type { Progress } from './job-progress.ts';

/** node:worker_threads, loaded with the first worker: a command that runs its jobs in its own thread never needs it. */
const workerThreads = (): typeof import('node:worker_threads') => createRequire(import.meta.url)('node:worker_threads');

export interface PoolOptions {
  readonly size: number;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly maxQueue: number;
  /** workers of the recognition lane, started when the first scan comes */
  readonly ocrSize: number;
}

/** The general lane takes every job; a job that turns out to need recognising moves to the recognition lane. */
type Lane = 'general' | 'recognition';

export function poolOptionsFrom(env: NodeJS.ProcessEnv = process.env): PoolOptions {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    size: num(env.ZG_WORKERS, Math.max(1, availableParallelism() - 1)),
    timeoutMs: num(env.ZG_JOB_TIMEOUT_MS, 60_000),
    memoryMb: num(env.ZG_WORKER_MEMORY_MB, 1024),
    maxQueue: num(env.ZG_JOB_QUEUE, 100),
    ocrSize: num(env.ZG_OCR_WORKERS, 1),
  };
}

interface Job {
  readonly id: number;
  readonly name: JobName;
  readonly args: unknown[];
  /** bytes of input: a small file's job goes before a large one's */
  readonly size: number;
  /** when it was queued: a job that has waited a whole time limit goes next, however large */
  readonly queuedAt: number;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  /** how far it has got, as the job tells (the pages of a scan) */
  onProgress?: ((p: Progress) => void) | undefined;
}

interface Slot {
  readonly lane: Lane;
  readonly worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** stopped and replaced: whatever it still says is ignored */
  dead: boolean;
  /** its modules are loaded: a job's time starts when the job does, not while a new thread boots */
  ready: boolean;
}

/** The worker's entry: a small module that lets the thread load TypeScript, then the jobs. */
const ENTRY = new URL('./heavy-worker.mjs', import.meta.url);

/** The file a job reads, to name in its refusal: every reading job takes (file name, bytes, …). */
const fileOf = (job: Job): string => {
  const [name, bytes] = job.args as unknown[];
  return typeof name === 'string' && bytes instanceof Uint8Array ? `“${name.split(/[\\/]/).pop()}”` : '';
};

const tooSlow = (ms: number, job: Job) =>
  new UserError(
    'too-large',
    `文件${fileOf(job)}处理超过 ${Math.round(ms / 1000)} 秒仍未完成，已停止；文件可能过大或结构异常，请拆分后重试`,
    'JOB_TIMEOUT',
  );
const tooBig = (mb: number, job: Job | null) =>
  new UserError(
    'too-large',
    `文件${job ? fileOf(job) : ''}处理所需内存超过上限（${mb} MB），已停止；文件可能过大或是压缩炸弹，请拆分后重试`,
    'JOB_OUT_OF_MEMORY',
  );

export class WorkerPool {
  readonly opts: PoolOptions;
  private readonly slots: Slot[] = [];
  private readonly queues: Record<Lane, Job[]> = { general: [], recognition: [] };
  private nextId = 1;
  private closed = false;

  constructor(opts: Partial<PoolOptions> = {}) {
    this.opts = { ...poolOptionsFrom(), ...opts };
    for (let i = 0; i < this.opts.size; i++) this.slots.push(this.spawn('general'));
  }

  run<K extends JobName>(name: K, args: JobArgs<K>, onProgress?: (p: Progress) => void): Promise<JobResult<K>> {
    if (this.closed) return Promise.reject(new Unavailable('服务器正在关闭，请稍后重试'));
    if (this.queues.general.length >= this.opts.maxQueue)
      return Promise.reject(new Unavailable('服务器正忙（待处理的文件过多），请稍后重试'));
    return new Promise<JobResult<K>>((resolve, reject) => {
      const size = (args as unknown[]).reduce<number>(
        (n, a) => n + (a instanceof Uint8Array ? a.byteLength : typeof a === 'string' ? a.length : 0),
        0,
      );
      this.queues.general.push({
        id: this.nextId++,
        name,
        args,
        size,
        queuedAt: Date.now(),
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress,
      });
      this.dispatch();
    });
  }

  state() {
    const of = (lane: Lane) => this.slots.filter((s) => s.lane === lane);
    return {
      size: of('general').length,
      busy: of('general').filter((s) => s.job).length,
      waiting: this.queues.general.length,
      recognition: {
        size: of('recognition').length,
        busy: of('recognition').filter((s) => s.job).length,
        waiting: this.queues.recognition.length,
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of [...this.queues.general.splice(0), ...this.queues.recognition.splice(0)])
      j.reject(new Unavailable('服务器正在关闭，请稍后重试'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(lane: Lane): Slot {
    const worker = new (workerThreads().Worker)(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb },
      workerData: { lane },
    });
    // an idle worker does not keep the process alive: a CLI or a test ends when its work does
    worker.unref();
    const slot: Slot = { lane, worker, job: null, timer: null, dead: false, ready: false };
    worker.on('message', (m: { ready?: true; id: number; value?: unknown; error?: PackedError; progress?: Progress }) => {
      if (m.ready) {
        slot.ready = true;
        return this.dispatch();
      }
      const job = slot.job;
      if (slot.dead || !job || job.id !== m.id) return;
      if (m.progress) {
        // a job that reports progress is working, not stuck: its time limit starts again (a 20-page scan takes
        // longer than any one job may, a page at a time; the recognition's own limit bounds the whole)
        this.arm(slot, job);
        return job.onProgress?.(m.progress);
      }
      this.finish(slot);
      if (m.error && 'elsewhere' in m.error) this.toRecognition(job);
      else if (m.error) job.reject(reviveError(m.error));
      else job.resolve(m.value);
      this.dispatch();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      // out of memory, or a crash in a native module: the job fails, a new worker takes the slot
      if (slot.dead) return;
      const job = slot.job;
      this.replace(slot);
      job?.reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBig(this.opts.memoryMb, job) : e);
    });
    worker.on('exit', () => {
      if (this.closed || slot.dead) return;
      const job = slot.job;
      this.replace(slot);
      job?.reject(new Error('heavy worker exited'));
    });
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  /** A worker that failed or ran over its time is stopped; a fresh one takes its place. */
  private replace(slot: Slot): void {
    slot.dead = true;
    this.finish(slot);
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) this.slots[i] = this.spawn(slot.lane);
    void slot.worker.terminate();
    this.dispatch();
  }

  /**
   * The job to run next: the smallest input first, so that one person's 20 MB file does not make everyone's page-sized
   * check wait behind it (seen: 2 minutes for a 6 KB report behind two 20 MB ones); but a job that has waited as long
   * as a job may run goes first, so a large file is never passed over for ever.
   */
  private next(queue: Job[]): Job {
    const overdue = queue.findIndex((j) => Date.now() - j.queuedAt >= this.opts.timeoutMs);
    let pick = overdue;
    if (pick < 0) {
      pick = 0;
      for (let i = 1; i < queue.length; i++) if ((queue[i] as Job).size < (queue[pick] as Job).size) pick = i;
    }
    return queue.splice(pick, 1)[0] as Job;
  }

  /**
   * A job that needs recognising goes on in the recognition lane, from the start (reading the file again costs
   * nothing beside recognising it). Its workers start with the first scan: an office that never sends one never pays
   * for them.
   */
  private toRecognition(job: Job): void {
    const refusal = this.closed
      ? '服务器正在关闭，请稍后重试'
      : this.queues.recognition.length >= this.opts.maxQueue
        ? '服务器正忙（待识别的扫描件过多），请稍后重试'
        : null;
    if (refusal) {
      job.reject(new Unavailable(refusal));
      return;
    }
    this.queues.recognition.push({ ...job, queuedAt: Date.now() });
    if (!this.slots.some((s) => s.lane === 'recognition'))
      for (let i = 0; i < this.opts.ocrSize; i++) this.slots.push(this.spawn('recognition'));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      const queue = this.queues[slot.lane];
      if (slot.job || !slot.ready || slot.dead || queue.length === 0) continue;
      const job = this.next(queue);
      slot.job = job;
      slot.worker.ref(); // a job in flight keeps the process alive
      this.arm(slot, job);
      slot.worker.postMessage({ id: job.id, name: job.name, args: job.args });
    }
  }

  /** The job's time limit, from now: past it the worker is stopped and replaced. */
  private arm(slot: Slot, job: Job): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      this.replace(slot);
      job.reject(tooSlow(this.opts.timeoutMs, job));
    }, this.opts.timeoutMs);
  }
}
