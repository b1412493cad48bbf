// The pages of a scan being recognised, shown while the person waits: a bar redrawn in place on a terminal; with
// ZG_PROGRESS=1 and no terminal (a script, a log), one line per page.
import type { Progress } from '../services/job-progress.ts';

export function progressBar(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): (p: Progress) => void {
  const lines = !stream.isTTY && env.ZG_PROGRESS === '1';
  return ({ done, total }) => {
    if (lines) {
      if (done > 0) stream.write(`识别文字：第 ${done}/${total} 页\n`);
      return;
    }
    if (!stream.isTTY) return;
    const width = 24;
    const filled = Math.round((width * done) / Math.max(1, total));
    stream.write(`\r识别文字 ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} 页`);
    if (done === total) stream.write('\r\x1b[K');
  };
}
