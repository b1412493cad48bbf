// The first process of several (server/main.ts): starts `count` serving processes on the one port, and starts again
// one that dies once serving. One that cannot start (the port taken, the database gone) stops them all with its
// reason, rather than being started again and again. A stop (SIGINT, SIGTERM) is passed to each.
import cluster, { type Worker } from 'node:cluster';

export function runProcesses(count: number, env: Record<string, string>): void {
  const serving = new Set<number>();
  let stopping = false;
  let announced = false;
  const start = (index: number, again = false): Worker => {
    const w = cluster.fork({ ...env, ZG_PROCESS_INDEX: String(index), ...(again ? { ZG_RESTARTED: '1' } : {}) });
    w.on('message', (m: { zg?: string }) => {
      if (m?.zg !== 'serving') return;
      serving.add(index);
      if (serving.size === count && !announced) {
        announced = true;
        console.log(`${count} 个服务进程均已就绪`);
      }
    });
    w.on('exit', (code, signal) => {
      if (stopping) return;
      if (!serving.has(index)) {
        // it never served: its reason is already on the console; the others stop too
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGTERM');
        process.exitCode = code || 1;
        return;
      }
      serving.delete(index);
      console.error(`服务进程 ${index + 1} 意外退出（${signal ?? `退出码 ${code}`}），1 秒后重新启动`);
      setTimeout(() => !stopping && start(index, true), 1000);
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
