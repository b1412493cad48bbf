// How many server processes serve the application. Over PostgreSQL, several (ZG_PROCESSES, default one per core):
// each answers requests on the same port (Node's cluster module hands connections round), and nothing one of them
// remembers can disagree with another — sessions and access are read with the database's access generation, kept
// figures with each source's generation, and the day's supervision runs once under a database lock. The embedded
// database lives inside one process and stays one process, which the start says when more were asked for.
import { availableParallelism } from 'node:os';

export interface ServerProcesses {
  readonly count: number;
  /** why fewer run than were asked for, to say at start; null when as asked */
  readonly note: string | null;
}

/** Thrown for a setting the person must correct before the server can start. */
export class ProcessSettingRefused extends Error {}

export function serverProcesses(env: NodeJS.ProcessEnv): ServerProcesses {
  const asked = env.ZG_PROCESSES?.trim();
  if (asked && !/^[1-9]\d{0,2}$/.test(asked))
    throw new ProcessSettingRefused(`环境变量 ZG_PROCESSES 的值“${asked.slice(0, 20)}”不是进程数，应为 1 至 999 的整数`);
  if (!env.DATABASE_URL)
    return {
      count: 1,
      note:
        asked && Number(asked) > 1
          ? `内嵌数据库只能由一个进程使用，整改通以一个进程运行（ZG_PROCESSES=${asked} 未采用）；需要多个进程时，请设置 DATABASE_URL 使用 PostgreSQL 服务器`
          : null,
    };
  return { count: asked ? Number(asked) : availableParallelism(), note: null };
}

/**
 * Threads for heavy work in each process, unless ZG_WORKERS says: the cores left after one for answering, shared
 * among the processes, at least one each — so that sixteen processes do not start fifteen threads each.
 */
export function heavyThreadsPerProcess(processes: number): number {
  return Math.max(1, Math.floor((availableParallelism() - 1) / processes));
}
