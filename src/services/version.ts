// The project's own folder and version, found from this file whether it runs from src/services/ or from the built
// dist/: the nearest folder above with the package.json of zhenggai.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function ownPackage(): { root: string; version: string } | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'zhenggai') return { root: dir, version: pkg.version ?? '未知' };
    }
    if (dirname(dir) === dir) return null;
    dir = dirname(dir);
  }
}

/** The project's folder (samples/, web/, scripts/). */
export function projectRoot(): string {
  return ownPackage()?.root ?? process.cwd();
}

export function productVersion(): string {
  return ownPackage()?.version ?? '未知';
}
