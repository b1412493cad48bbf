// The web application built by Vite into web/dist/, each text file beside its brotli and gzip forms, made once here
// at the best ratio rather than on every request: the server sends the form the browser accepts (@fastify/static's
// preCompressed). Used by `npm run build`, by a server that finds no build, and by the browser tests.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) precompress(path);
    else if (/\.(js|css|html|svg|json|txt|map)$/.test(entry.name) && statSync(path).size > 1024) {
      const bytes = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    }
  }
}

/** Builds the web application of the project at `root`. */
export async function buildWeb(root) {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  precompress(join(root, 'web/dist'));
}
