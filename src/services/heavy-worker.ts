// A worker thread of the pool (worker-pool.ts): runs one job at a time and answers with its value or its packed error.
import { parentPort, workerData } from 'node:worker_threads';
import { handOverRecognition } from '../io/recognition-lane.ts';
import { heavyJobs, type JobName } from './heavy-jobs.ts';
import { packError } from './heavy-errors.ts';
import { setProgressSink } from './job-progress.ts';

const port = parentPort;
if (!port) throw new Error('heavy-worker.ts runs only as a worker thread');
// a general worker hands a scan over to the recognition lane; the recognition lane's workers recognise it
handOverRecognition((workerData as { lane?: string } | undefined)?.lane !== 'recognition');

port.on('message', async (m: { id: number; name: JobName; args: unknown[] }) => {
  // one job at a time here: what it says of its progress goes to the pool, named by the job
  setProgressSink((progress) => port.postMessage({ id: m.id, progress }));
  try {
    const job = heavyJobs[m.name] as (...args: unknown[]) => Promise<unknown>;
    port.postMessage({ id: m.id, value: await job(...m.args) });
  } catch (e) {
    port.postMessage({ id: m.id, error: packError(e) });
  } finally {
    setProgressSink(null);
  }
});

port.postMessage({ ready: true });
