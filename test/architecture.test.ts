// Imports flow one way: cli/server → services → store, io, core; core imports nothing of the project but itself.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');
const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : f.endsWith('.ts') ? [join(d, f)] : []));
const layer = (file: string) => relative(SRC, file).split('/')[0] as string;
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  io: ['io', 'core'],
  store: ['store', 'core'],
  services: ['services', 'store', 'io', 'core'],
  server: ['server', 'services', 'core'],
  cli: ['cli', 'services', 'core'],
};

describe('architecture', () => {
  it('keeps every import arrow pointing the right way', () => {
    const wrong: string[] = [];
    for (const f of files(SRC)) {
      const from = layer(f);
      for (const m of readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
        const to = layer(resolve(dirname(f), m[1] as string));
        if (!(ALLOWED[from] ?? []).includes(to)) wrong.push(`${relative(SRC, f)} → ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps core free of I/O', () => {
    const io = files(join(SRC, 'core')).filter((f) => /from ['"](node:|fs|path|child_process|http)/.test(readFileSync(f, 'utf8')));
    expect(io.map((f) => relative(SRC, f))).toEqual([]);
  });
});
