#!/usr/bin/env node
// `zg`: the built command line (dist/cli.mjs), or its sources through tsx while they are newer than the build.
import { run } from './run.mjs';

await run('cli', 'src/cli/main.ts');
