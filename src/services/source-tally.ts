// Figures over a 100,000-problem ledger without counting it all on every request. What a viewer sees is taken source by
// source: the whole source when it owns it (every source, for the administrator), else its own problems in it (a unit's,
// a bureau leader's in other people's sources). Each such share's figures are kept here, and hold while the source's
// generation — raised by the database on every change to the source (migration 0022) — and the day stay the same.
// A change made by this process, another server, the command line or an import is seen at the next request, and only
// the changed source is counted again: a progress report costs the next dashboard one source, not 200.
import type { Scope } from '../core/access/permissions.ts';
import type { LedgerStatus } from '../core/ledger/problem-state.ts';
import type { WarningColour } from '../core/ledger/warning.ts';
import type { Db } from '../store/open-database.ts';
import { colourOf } from '../store/problem-colour.ts';
import {
  openProblemColourInputs,
  type ProblemSet,
  type StatusCountRow,
  statusCounts,
  statusOnDays,
} from '../store/problem-list.repository.ts';
import { sourceGenerations } from '../store/source.repository.ts';

/** A day's top-level problems of a source by status: a point of the trend. */
export type StatusOnDay = { readonly day: string; readonly status: LedgerStatus; readonly n: number };

/** A viewer's share of one source: the whole of it (`whole`), or the problems its scope sees there. */
interface Share {
  readonly source: number;
  readonly gen: string;
  /** 'whole', or the scope's own key: viewers of the same scope share what is kept */
  readonly key: string;
}

/** The viewer's shares (of one source, when given), with the scope they are counted under. */
export interface Shares {
  readonly scope: Scope;
  readonly sourceId: number | null;
  readonly list: readonly Share[];
}

export async function sharesOf(db: Db, scope: Scope, sourceId: number | null): Promise<Shares> {
  const key = JSON.stringify(scope);
  const sources = await sourceGenerations(db, scope, sourceId);
  return { scope, sourceId, list: sources.map((s) => ({ source: s.id, gen: s.gen, key: s.owned ? 'whole' : key })) };
}

interface Kept<T> {
  readonly gen: string;
  readonly day: string;
  /** a promise, so that requests arriving while a share is being counted wait for that count instead of starting more */
  readonly value: Promise<T>;
}

/** One kind of figure (counts by status and group, warning colours, a trend's points, a filter's total), by share. */
class PerShare<T> {
  readonly #kept = new Map<string, Kept<T>>();

  /**
   * The values of the shares, computing those whose generation or day changed — one query per kind of share, over
   * the stale sources only. The generations were read before computing, so a value is never older than the
   * generation it is kept under.
   */
  async of(shares: Shares, day: string, compute: (set: ProblemSet) => Promise<Map<number, T>>, none: T): Promise<T[]> {
    const stale = new Map<string, Share[]>();
    for (const s of shares.list) {
      const k = this.#kept.get(`${s.key}|${s.source}`);
      if (!k || k.gen !== s.gen || k.day !== day) stale.set(s.key, [...(stale.get(s.key) ?? []), s]);
    }
    // a memory for at most 200,000 shares; past that it starts again rather than grow without bound
    if (this.#kept.size > 200_000) this.#kept.clear();
    for (const [key, list] of stale) {
      const sources = list.map((s) => s.source);
      const batch = compute(key === 'whole' ? { sources } : { scope: shares.scope, sourceId: null, within: sources });
      for (const s of list) {
        const id = `${key}|${s.source}`;
        const kept: Kept<T> = { gen: s.gen, day, value: batch.then((fresh) => fresh.get(s.source) ?? none) };
        this.#kept.set(id, kept);
        // a count that failed is not kept: the next request counts again
        kept.value.catch(() => this.#kept.get(id) === kept && this.#kept.delete(id));
      }
    }
    return Promise.all(shares.list.map((s) => this.#kept.get(`${s.key}|${s.source}`)?.value ?? none));
  }
}

/** One memory per open ledger (one database's figures are no answer for another's), a PerShare for each kind. */
const memories = new WeakMap<Db, Map<string, PerShare<unknown>>>();

/** A kept figure asked for: of which kind, over whose shares, on which day, counted how, and what nothing counts as. */
export interface Figure<T> {
  /** everything the figure depends on besides the share and the day */
  readonly kind: string;
  readonly shares: Shares;
  readonly day: string;
  /** the figures of a set of problems, by source: called for the shares whose figures are stale */
  readonly compute: (set: ProblemSet) => Promise<Map<number, T>>;
  /** a source with nothing to count */
  readonly none: T;
}

/** The figures of one kind, one for each share. */
export function kept<T>(db: Db, f: Figure<T>): Promise<T[]> {
  let memory = memories.get(db);
  if (!memory) memories.set(db, (memory = new Map()));
  let perShare = memory.get(f.kind) as PerShare<T> | undefined;
  // kinds come from the filters people choose: the 500 used last are kept, the one used longest ago goes first
  if (perShare) memory.delete(f.kind);
  else {
    perShare = new PerShare<T>();
    if (memory.size >= 500) memory.delete(memory.keys().next().value as string);
  }
  memory.set(f.kind, perShare as PerShare<unknown>);
  return perShare.of(f.shares, f.day, f.compute, f.none);
}

/** How a kind of figure adds up over shares: a sum to start from, and a share's value added to it or taken away. */
export interface Adding<T, S> {
  readonly empty: () => S;
  readonly add: (sum: S, value: T, sign: 1 | -1) => void;
}

interface RunningSum<T, S> {
  readonly day: string;
  readonly sum: S;
  readonly parts: Map<string, { readonly gen: bigint; readonly value: T }>;
}

const sums = new WeakMap<Db, Map<string, RunningSum<unknown, unknown>>>();

/**
 * The figures of one kind added up over all of a viewer's shares. The sum is kept too and brought up to date share by
 * share — the changed source's old figures taken away, its new ones added — so that a dashboard over 200 sources
 * after a progress report adds one source's figures, not 200. The sum is the caller's to read, not to change.
 */
export async function keptSum<T, S>(db: Db, f: Figure<T>, adding: Adding<T, S>): Promise<S> {
  const values = await kept(db, f);
  const { shares, day } = f;
  if (shares.list.length <= 20) {
    const sum = adding.empty();
    for (const v of values) adding.add(sum, v, 1);
    return sum;
  }
  let memory = sums.get(db);
  if (!memory) sums.set(db, (memory = new Map()));
  const key = `${f.kind} ${JSON.stringify(shares.scope)} ${shares.sourceId}`;
  let running = memory.get(key) as RunningSum<T, S> | undefined;
  // the 2,000 sums used last are kept, as the kinds are
  if (running) memory.delete(key);
  if (!running || running.day !== day) {
    if (memory.size >= 2000) memory.delete(memory.keys().next().value as string);
    running = { day, sum: adding.empty(), parts: new Map() };
  }
  memory.set(key, running as RunningSum<unknown, unknown>);
  // from here to the return nothing waits, so no other request changes the sum half-way
  const seen = new Set<string>();
  shares.list.forEach((share, i) => {
    const id = `${share.key}|${share.source}`;
    seen.add(id);
    const gen = BigInt(share.gen);
    const part = running.parts.get(id);
    // a request that read the generations earlier may finish later: what is summed never goes back
    if (part && part.gen >= gen) return;
    if (part) adding.add(running.sum, part.value, -1);
    adding.add(running.sum, values[i] as T, 1);
    running.parts.set(id, { gen, value: values[i] as T });
  });
  for (const [id, part] of running.parts)
    if (!seen.has(id)) {
      adding.add(running.sum, part.value, -1);
      running.parts.delete(id);
    }
  return running.sum;
}

/** Numbers add up as numbers. */
export const ADDING_NUMBERS: Adding<number, { n: number }> = {
  empty: () => ({ n: 0 }),
  add: (sum, v, sign) => {
    sum.n += sign * v;
  },
};

/** Rows with a count `n` add up row by row, a row being what `key` says it is; rows that come to nothing are kept at 0. */
export function addingRows<R extends { readonly n: number }>(key: (r: R) => string): Adding<readonly R[], Map<string, R>> {
  return {
    empty: () => new Map(),
    add: (sum, rows, sign) => {
      for (const r of rows) {
        const k = key(r);
        const had = sum.get(k);
        sum.set(k, { ...r, n: (had?.n ?? 0) + sign * r.n });
      }
    },
  };
}

/** Rows grouped by their source. */
export function bySource<T extends { source_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.source_id);
    if (list) list.push(r);
    else out.set(r.source_id, [r]);
  }
  return out;
}

const COUNTS = addingRows<StatusCountRow>((r) => `${r.dim} ${r.id} ${r.triage} ${r.status} ${r.past}`);

/** Today's top-level problems a viewer sees, counted by (aspect | unit | triage) × status × deadline passed. */
export async function countsToday(db: Db, q: { today: string; scope: Scope; sourceId: number | null }): Promise<StatusCountRow[]> {
  const shares = await sharesOf(db, q.scope, q.sourceId);
  const count = async (set: ProblemSet) => bySource(await statusCounts(db, { asOf: q.today, current: true, set }));
  const figure = { kind: 'counts', shares, day: q.today, compute: count, none: [] };
  const sum = await keptSum<readonly StatusCountRow[], Map<string, StatusCountRow>>(db, figure, COUNTS);
  return [...sum.values()].filter((r) => r.n !== 0);
}

const NO_COLOUR: Record<WarningColour, number> = { green: 0, blue: 0, yellow: 0, red: 0 };
const COLOURS: Adding<Record<WarningColour, number>, Record<WarningColour, number>> = {
  empty: () => ({ ...NO_COLOUR }),
  add: (sum, v, sign) => {
    for (const c of Object.keys(NO_COLOUR) as WarningColour[]) sum[c] += sign * v[c];
  },
};

/** How many of the open top-level problems a viewer sees show each warning colour today (the rule is core's). */
export async function coloursToday(
  db: Db,
  q: { today: string; scope: Scope; sourceId: number | null },
): Promise<Record<WarningColour, number>> {
  const colours = async (set: ProblemSet) => {
    const out = new Map<number, Record<WarningColour, number>>();
    for (const r of await openProblemColourInputs(db, set)) {
      const c = colourOf(r, q.today, r.warning);
      if (!c) continue;
      let counts = out.get(r.source_id);
      if (!counts) out.set(r.source_id, (counts = { ...NO_COLOUR }));
      counts[c]++;
    }
    return out;
  };
  const shares = await sharesOf(db, q.scope, q.sourceId);
  return { ...(await keptSum(db, { kind: 'colours', shares, day: q.today, compute: colours, none: NO_COLOUR }, COLOURS)) };
}

const POINTS = addingRows<StatusOnDay>((r) => `${r.day} ${r.status}`);

/** The top-level problems a viewer sees by status at the end of each of some past days. */
export async function statusOnPastDays(
  db: Db,
  q: { days: readonly string[]; today: string; scope: Scope; sourceId: number | null },
): Promise<StatusOnDay[]> {
  const points = async (set: ProblemSet) => bySource(await statusOnDays(db, { days: q.days, set }));
  const shares = await sharesOf(db, q.scope, q.sourceId);
  const figure = { kind: `trend ${q.days.join()}`, shares, day: q.today, compute: points, none: [] };
  const sum = await keptSum<readonly StatusOnDay[], Map<string, StatusOnDay>>(db, figure, POINTS);
  return [...sum.values()].filter((r) => r.n !== 0);
}
