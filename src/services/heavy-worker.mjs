// The worker thread's entry: threads do not inherit the loader that runs TypeScript, so each registers its own.
import { register } from 'tsx/esm/api';

register();
await import('./heavy-worker.ts');
