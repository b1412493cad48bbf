// The five real documents in ../shared/seeds, read where they are. A user's clone without ../shared skips the tests
// that need them and says so; in CI their absence is a failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/seeds');
export const haveSeeds = existsSync(SEEDS_DIR);

if (!haveSeeds) {
  if (process.env.CI) throw new Error(`../shared/seeds is missing (looked in ${SEEDS_DIR}); CI must run the seed tests`);
  console.warn(`[seeds] ${SEEDS_DIR} not found: skipping the tests that read the seed documents`);
}

export function seedPath(prefix: string): string {
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix} in ${SEEDS_DIR}`);
  return join(SEEDS_DIR, name);
}

export function seedText(prefix: string): string {
  return readFileSync(seedPath(prefix), 'utf8');
}
