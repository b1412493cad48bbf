// Imports flow one way: cli/server → services → store, io, core; core imports nothing of the project but itself.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');
const files = (d: string): string[] =>
  readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : f.endsWith('.ts') ? [join(d, f)] : []));
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
      // static imports and re-exports, and imports made when needed (`await import('…')`)
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:^\s*(?:import|export)[^'"]*from\s+|\bimport\(\s*)['"](\.[^'"]+)['"]/gm)) {
        const to = layer(resolve(dirname(f), m[1] as string));
        if (!(ALLOWED[from] ?? []).includes(to)) wrong.push(`${relative(SRC, f)} → ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('puts problems on the ledger and records status changes in one module only', () => {
    const writers = (pattern: RegExp) =>
      files(SRC)
        .filter((f) => pattern.test(readFileSync(f, 'utf8')))
        .map((f) => relative(SRC, f));
    // kysely's insert or merge, or SQL's, the table's name quoted or not
    const into = (table: string) =>
      new RegExp(`(?:insertInto|mergeInto)\\(\\s*['"\`]${table}\\b|(?:insert|merge)\\s+into\\s+"?${table}\\b`, 'i');
    expect(writers(into('problem'))).toEqual(['store/problem.repository.ts']);
    expect(writers(into('status_change'))).toEqual(['store/problem.repository.ts']);
    // every way onto the ledger builds a plan in core and hands it to the one writer
    const services = writers(/\binsert(?:Source|Problems)\(/).filter((f) => f.startsWith('services/'));
    expect(services.length).toBeGreaterThan(0);
    expect(services.filter((f) => !f.startsWith('services/ledger-writer/'))).toEqual([]);
  });

  it('keeps the web application off the server side: it may use core, never services, store or io', () => {
    const WEB = resolve(import.meta.dirname, '../web/src');
    const web = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? web(join(d, f)) : /\.tsx?$/.test(f) ? [join(d, f)] : []));
    const wrong = web(WEB).flatMap((f) =>
      [
        ...readFileSync(f, 'utf8').matchAll(/(?:from\s+|\bimport\(\s*)['"]([^'"]*\/src\/(?:services|store|io|server|cli)\/[^'"]*)['"]/g),
      ].map((m) => `${relative(WEB, f)} → ${m[1]}`),
    );
    expect(wrong).toEqual([]);
  });

  it('says the words for statuses, triage classes and supervision only where core defines them', async () => {
    const v = await import('../src/core/vocabulary.ts');
    // (roles and money kinds are also everyday nouns — 责任单位, 其他 — and are left out of this check)
    const words = new Set(
      [v.LEDGER_STATUS_LABEL, v.REPORTED_STATUS_LABEL, v.MEASURE_STATUS_LABEL, v.TRIAGE_LABEL, v.SUPERVISION_LABEL].flatMap(
        (l) => Object.values(l) as string[],
      ),
    );
    const faces = [join(SRC, 'cli'), join(SRC, 'server'), resolve(import.meta.dirname, '../web/src')];
    const all = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? all(join(d, f)) : /\.tsx?$/.test(f) ? [join(d, f)] : []));
    const copies = faces
      .flatMap(all)
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/['"`]([^'"`\n]{1,12})['"`]/g)]
          .filter((m) => words.has(m[1] as string))
          .map((m) => `${relative(SRC, f)}: ${m[0]}`),
      );
    expect(copies).toEqual([]);
  });

  it('keeps queries out of the faces: the server and the command line ask services', () => {
    const faces = [...files(join(SRC, 'server')), ...files(join(SRC, 'cli'))];
    const querying = faces.filter((f) =>
      /\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(|\bsql\s*(?:<[^`]*?>)?\s*`/.test(readFileSync(f, 'utf8')),
    );
    expect(querying.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('keeps SQL in store/: services, core, io and the faces build no queries', () => {
    const outside = files(SRC).filter((f) => layer(f) !== 'store' && !f.endsWith('.test.ts'));
    const querying = outside.filter((f) =>
      /\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(|\bsql\s*(?:<[^`]*?>)?\s*`/.test(readFileSync(f, 'utf8')),
    );
    expect(querying.map((f) => relative(SRC, f))).toEqual([]);
  });

  it("fails closed on scope: every service and query asks for the viewer's scope, and the server never takes the whole ledger", () => {
    const layers = files(SRC).filter((f) => ['services', 'store'].includes(layer(f)));
    const optional = layers.filter((f) => /scope\?:|scope: Scope \| undefined|scope: Scope = /.test(readFileSync(f, 'utf8')));
    expect(optional.map((f) => relative(SRC, f))).toEqual([]);
    const whole = files(join(SRC, 'server')).filter((f) => /\bFULL_SCOPE\b|kind: 'all'/.test(readFileSync(f, 'utf8')));
    expect(whole.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('keeps core free of I/O', () => {
    const io = files(join(SRC, 'core')).filter((f) => /from ['"](node:|fs|path|child_process|http)/.test(readFileSync(f, 'utf8')));
    expect(io.map((f) => relative(SRC, f))).toEqual([]);
  });

  it("takes every route's schema from the one contract, and the web names its answers by it", async () => {
    const { answers } = await import('../src/core/contract/api.ts');
    const declared: string[] = [];
    const wrong: string[] = [];
    for (const f of files(join(SRC, 'server')).filter((f) => f !== join(SRC, 'server/contract.ts'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(
        /\b(?:r|app)\.(get|post|put|delete)\(\s*'([^']+)',\s*\{\s*schema:\s*\{\s*\.\.\.contract\('([^']+)'\)/g,
      )) {
        const route = `${(m[1] as string).toUpperCase()} ${m[2]}`;
        declared.push(route);
        if (m[3] !== route) wrong.push(`${relative(SRC, f)}: ${route} takes the schema of ${m[3]}`);
      }
      const routes = [...text.matchAll(/\b(?:r|app)\.(?:get|post|put|delete)\(\s*'\/api/g)].length;
      const declaredHere = [...text.matchAll(/\.\.\.contract\(/g)].length;
      // nothing a route accepts or answers is written beside it: it all comes from the contract
      const own = [...text.matchAll(/^\s+(?:params|querystring|body|response):\s/gm)].length;
      if (routes !== declaredHere || own)
        wrong.push(`${relative(SRC, f)}: ${routes} routes, ${declaredHere} from the contract, ${own} schemas of their own`);
    }
    expect(wrong).toEqual([]);
    expect(declared.sort()).toEqual(Object.keys(answers).sort());

    // a screen names the route it calls, and its request and answer are typed by the contract: no address and no
    // answer type is written beside a call
    const WEB = resolve(import.meta.dirname, '../web/src');
    const web = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? web(join(d, f)) : /\.tsx?$/.test(f) ? [join(d, f)] : []));
    const handWritten = web(WEB).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/(?<!function )\b(?:useGet|api|save|download)<|['"`]\/api\//g)].map(
        (m) => `${relative(WEB, f)}: ${m[0]}`,
      ),
    );
    expect(handWritten).toEqual([]);
  });
});
