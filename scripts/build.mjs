// `npm run build` (and `npm install`, through `prepare`): the command line, the server and the heavy-work thread
// bundled into dist/ from the TypeScript sources, so that a start compiles nothing; then the web application into
// web/dist/ (scripts/build-web.mjs). Pure JavaScript packages go into the bundle, the others stay in node_modules (see
// `external`), and what a command does not need is in chunks of its own that load when it is asked for (esbuild's
// splitting of dynamic imports).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './build-web.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * commander requires node:child_process when it loads, for the subcommands it can run as programs of their own, which
 * zg has none of; loading it (with net and dgram) costs every command a few milliseconds. Its one use, `spawn`, is
 * looked up when called instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!code.includes(eager)) throw new Error(`commander changed: ${eager} not found in ${args.path}`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: code.replace(eager, lazy), loader: 'js' };
    });
  },
};
const only = process.argv[2]; // "server" for the bundle alone, without the web application

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', server: 'src/server/main.ts', 'heavy-worker': 'src/services/heavy-worker.ts' },
  outdir: 'dist',
  // chunks beside the entries: worker-pool finds the thread's entry as ./heavy-worker.mjs from wherever it lands
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // pure JavaScript packages are bundled: one file loads far faster than the hundreds of modules kysely or zod are
  // published as; packages with native code, WebAssembly, worker scripts or files of their own stay in node_modules
  external: [
    '@electric-sql/pglite',
    '@node-rs/*',
    'unpdf',
    'pdfjs-dist',
    'pg',
    'pg-native',
    'exceljs',
    'docx',
    'nodemailer',
    'fastify',
    '@fastify/*',
    'vite',
    'tsx',
  ],
  sourcemap: 'linked',
  // bundled CommonJS packages (commander) require Node's own modules: give each output file a require of its own
  banner: { js: "import { createRequire as zgCreateRequire } from 'node:module'; const require = zgCreateRequire(import.meta.url);" },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});
if (only !== 'server') await buildWeb(root);
