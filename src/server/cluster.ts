// The first process of several (server/main.ts): starts `count` serving processes on the one port, and starts again
// one that dies once serving — again and again, waiting longer each time up to a minute, while the others serve: a
// database that is away for a while is waited for. Only at the first start does one that cannot start (the port
// taken, the database unreachable) stop them all with its reason, rather than being started again and again. A stop
// (SIGINT, SIGTERM) is passed to each. This process itself is kept up by the system's service manager (systemd's
// Restart=always, docs/deployment.md): when it is killed, the others end with it.
import cluster, { type Worker } from 'node:cluster';

export function runProcesses(count: number, env: Record<string, string>): void {
  const serving = new Set<number>();
  /** the processes that have served at least once: one of these failing to start again is retried, not fatal */
  const served = new Set<number>();
  /** restarts in a row of each process without serving in between, for the wait before the next */
  const tries = new Map<number, number>();
  let stopping = false;
  let announced = false;
  const start = (index: number, again = false): Worker => {
    const w = cluster.fork({ ...env, ZG_PROCESS_INDEX: String(index), ...(again ? { ZG_RESTARTED: '1' } : {}) });
    w.on('message', (m: { zg?: string }) => {
      if (m?.zg !== 'serving') return;
      serving.add(index);
      served.add(index);
      tries.delete(index);
      if (serving.size === count && !announced) {
        announced = true;
        console.log(`${count} 个服务进程均已就绪`);
      }
    });
    w.on('exit', (code, signal) => {
      if (stopping) return;
      if (!served.has(index)) {
        // it never served: its reason is already on the console; the others stop too
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGTERM');
        process.exitCode = code || 1;
        return;
      }
      const n = (tries.get(index) ?? 0) + 1;
      tries.set(index, n);
      const wait = Math.min(60, 2 ** (n - 1));
      const was = serving.delete(index);
      console.error(
        was
          ? `服务进程 ${index + 1} 意外退出（${signal ?? `退出码 ${code}`}），${wait} 秒后重新启动`
          : `服务进程 ${index + 1} 未能重新启动，${wait} 秒后再试（第 ${n} 次）`,
      );
      setTimeout(() => !stopping && start(index, true), wait * 1000);
    });
    return w;
  };
  for (let i = 0; i < count; i++) start(i);
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
