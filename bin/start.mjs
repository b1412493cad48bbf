// `npm start`: the built server (dist/server.mjs), or its sources through tsx while they are newer than the build.
import { run } from './run.mjs';

await run('server', 'src/server/main.ts');
