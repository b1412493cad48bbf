// The product's version, as its package.json states it: found above this file, whether it runs from src/services/
// or from the built dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function productVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'zhenggai' && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) return '未知';
    dir = dirname(dir);
  }
}
