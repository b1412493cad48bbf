// The people of an office at work, in a process of their own (in the server's process they would take the event
// loop being measured). Each user logs in, then for the whole run picks what to do next at random — a ledger page
// with its own filters, sort, search and page; the dashboard (its four requests at once); a problem's record; the
// 任务清单; a progress report or an assignment — waits as a person does between clicks, and times every answer.
// Input: a JSON file named on the command line ({ base, seconds, thinkMs: [min, max], users: [{ username, password,
// role, unit }] }). First the office arrives: each user, at a moment of its own within the first think time, opens the
// dashboard, the ledger and the 任务清单 — timed apart, as "first of the day", since these are the server's first
// counts for that person's view. Then `seconds` of work are timed. Output: one JSON object on stdout, latencies in ms
// by kind of request.
import { readFileSync } from 'node:fs';

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let until = Number.POSITIVE_INFINITY; // set when the last user has arrived
const times = {}; // kind → [ms]
const failures = {}; // kind → { status: count }
let conflicts = 0;

const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const chance = (p) => Math.random() < p;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const think = () => sleep(cfg.thinkMs[0] + Math.random() * (cfg.thinkMs[1] - cfg.thinkMs[0]));

async function timed(kind, cookie, path, init = {}) {
  const t = performance.now();
  const res = await fetch(`${cfg.base}${path}`, { ...init, headers: { cookie, ...(init.headers ?? {}) } });
  const body = await res.text();
  const ms = performance.now() - t;
  if (res.status === 409)
    conflicts++; // another person changed the problem first: a real office sees this too
  else if (!res.ok) {
    failures[kind] ??= {};
    failures[kind][res.status] = (failures[kind][res.status] ?? 0) + 1;
  }
  (times[kind] ??= []).push(ms);
  // ZG_BENCH_SLOW_MS: which requests were slow, for finding out why
  if (process.env.ZG_BENCH_SLOW_MS && ms > Number(process.env.ZG_BENCH_SLOW_MS)) console.error(`${ms.toFixed(0)} ms ${path}`);
  return { ok: res.ok, json: res.ok && body ? JSON.parse(body) : null, ms };
}

async function login(u) {
  const res = await fetch(`${cfg.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: u.username, password: u.password }),
  });
  if (!res.ok) throw new Error(`login ${u.username}: ${res.status}`);
  // the session cookie, and the token a change must carry in its header
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: (await res.json()).csrf };
}

const STATUSES = ['not-started', 'in-progress', 'closure-requested', 'phased', 'completed'];
const TRIAGE = ['immediate', 'deadline', 'long-term'];
const SORTS = ['code', 'deadline', 'status'];

/** A ledger page as a person asks for it: a few filters of their own, and most often one of the first pages. */
function ledgerQuery(state) {
  const q = new URLSearchParams();
  if (state.sources.length && chance(0.3)) q.set('source', pick(state.sources));
  if (chance(0.25)) q.set('status', pick(STATUSES));
  if (chance(0.15)) q.set('overdue', 'true');
  if (chance(0.15)) q.set('triage', pick(TRIAGE));
  if (chance(0.1)) q.set('search', String(1 + Math.floor(Math.random() * 999)));
  if (state.role !== 'unit' && chance(0.15)) q.set('unit', `单位${1 + Math.floor(Math.random() * 50)}`);
  if (chance(0.5)) q.set('sort', pick(SORTS));
  q.set('limit', pick(['20', '50', '50', '100']));
  const pages = Math.max(1, Math.ceil((state.lastTotal ?? 1000) / Number(q.get('limit'))));
  // page 1 most often, then the next few, now and then the last
  const page = chance(0.6) ? 0 : chance(0.8) ? Math.min(pages - 1, 1 + Math.floor(Math.random() * 5)) : pages - 1;
  if (page > 0) q.set('offset', String(page * Number(q.get('limit'))));
  return q.toString();
}

/** The dashboard as the page asks for it: the sources, its figures, the trend and the overdue list at once. */
async function dashboard(cookie, state, prefix) {
  const source = state.sources.length && chance(0.3) ? `source=${encodeURIComponent(pick(state.sources))}` : '';
  const t = performance.now();
  const [sources] = await Promise.all([
    timed(`${prefix}dashboard sources`, cookie, '/api/sources'),
    timed(`${prefix}dashboard statistics`, cookie, `/api/stats?${source}`),
    timed(`${prefix}dashboard trend`, cookie, `/api/stats/trend?${source}`),
    timed(`${prefix}dashboard overdue list`, cookie, `/api/problems?${source}&overdue=true&sort=deadline&limit=8`),
  ]);
  (times[`${prefix}dashboard (all its requests)`] ??= []).push(performance.now() - t);
  if (sources.json) state.sources = sources.json.items.map((s) => s.code);
}

async function arrive(u, { cookie }) {
  const state = { role: u.role, sources: [], rows: [], lastTotal: undefined };
  await sleep(Math.random() * cfg.thinkMs[1]);
  const first = 'first of the day: ';
  await dashboard(cookie, state, first);
  const page = await timed(`${first}ledger page`, cookie, '/api/problems?limit=50');
  if (page.json) {
    state.lastTotal = page.json.total;
    state.rows = page.json.items;
  }
  await timed(`${first}任务清单 page`, cookie, '/api/measures?limit=50');
  return state;
}

async function work(u, { cookie, csrf }, state) {
  while (Date.now() < until) {
    await think();
    const r = Math.random();
    if (r < 0.55) {
      const page = await timed('ledger page', cookie, `/api/problems?${ledgerQuery(state)}`);
      if (page.json) {
        state.lastTotal = page.json.total;
        if (page.json.items.length) state.rows = page.json.items;
      }
    } else if (r < 0.7) {
      await dashboard(cookie, state, '');
    } else if (r < 0.8) {
      if (state.rows.length) await timed('problem record', cookie, `/api/problems/${encodeURIComponent(pick(state.rows).code)}`);
    } else if (r < 0.88) {
      await timed('任务清单 page', cookie, `/api/measures?limit=50${chance(0.3) ? `&search=${1 + Math.floor(Math.random() * 99)}` : ''}`);
    } else if (state.rows.some((p) => p.status !== 'completed') && u.role !== 'leader') {
      // leaders decide rather than write; the others report, supervise or assign as their role lets them, on a
      // problem still open
      const p = pick(state.rows.filter((p) => p.status !== 'completed'));
      const post = (kind, path, body) =>
        timed(kind, cookie, path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify(body),
        });
      const code = encodeURIComponent(p.code);
      if (u.role === 'unit')
        await post('write: progress report', `/api/problems/${code}/progress`, {
          version: p.version,
          text: '本周完成制度修订并印发',
          progress: Math.min(100, (p.progress ?? 0) + 5),
        });
      else if (u.role === 'supervisor')
        await post('write: supervision', `/api/problems/${code}/supervision`, { version: p.version, kind: 'reminder', note: '请按期完成' });
      else
        await post('write: assignment', `/api/problems/${code}/assign`, {
          version: p.version,
          leadUnit: `单位${1 + Math.floor(Math.random() * 50)}`,
          deadline: `2025-${String(7 + Math.floor(Math.random() * 6)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`,
        });
    }
  }
}

// logged in one after another, as people arrive: a login's attempt counts against its address until its password
// is checked, so 50 at the same instant from one address would be refused as guessing
const cookies = [];
for (const u of cfg.users) cookies.push(await login(u));
const states = await Promise.all(cfg.users.map((u, i) => arrive(u, cookies[i])));
until = Date.now() + cfg.seconds * 1000;
await Promise.all(cfg.users.map((u, i) => work(u, cookies[i], states[i])));
const seconds = cfg.seconds;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const out = {};
for (const [kind, xs] of Object.entries(times))
  out[kind] = { n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: Math.max(...xs), failures: failures[kind] ?? {} };
const requests = Object.entries(times)
  .filter(([k]) => !k.includes('dashboard (') && !k.startsWith('first of the day'))
  .reduce((s, [, xs]) => s + xs.length, 0);
console.log(JSON.stringify({ seconds, requests, perSecond: requests / seconds, conflicts, kinds: out }));
