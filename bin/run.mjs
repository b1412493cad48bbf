// Runs an entry of the built package (dist/, made by `npm install` or `npm run build`), or its TypeScript source
// through tsx when there is no build or a source file is newer than it: a developer's edit takes effect without a
// rebuild, and a stale bundle is never what runs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of any file under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export async function run(entry, source) {
  const built = join(root, 'dist', `${entry}.mjs`);
  const sources = join(root, 'src');
  // an installed package may carry the build without its sources: then the build is all there is
  const fresh = existsSync(built) && (!existsSync(sources) || statSync(built).mtimeMs >= newest(sources));
  if (fresh) return import(pathToFileURL(built).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, source)).href);
}
