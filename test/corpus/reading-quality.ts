// How well the reader reads the corpus, measured against the facts recorded by hand (facts.ts): the three figures
// issue 11 names — stated whole-document figures found with the right metric and scope, listed problems counted
// right where the text is complete, error-level findings on documents we verified as consistent — and the misses
// behind them, so a regression names the document and the figure.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReports } from '../../src/core/read-reports.ts';
import type { Claim, PerformanceBlock, Report } from '../../src/core/document/model.ts';
import { CORPUS_FACTS, type CorpusFacts, type Figure } from './facts.ts';

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
export const haveCorpus = existsSync(CORPUS_DIR);

export interface DocumentReading {
  readonly facts: CorpusFacts;
  readonly reports: Report[];
  readonly found: number; // whole-document figures found
  readonly missed: string[]; // …and those not, said as "problems 713 (line 9)"
  readonly partsAsWhole: string[]; // parts the reader took for the whole document
  readonly listedRight: boolean | null; // null: the text is cut, nothing to compare
  readonly errors: string[]; // error-level findings (on a consistent document each is a false accusation)
  readonly kindRight: boolean;
}

const say = (f: Figure) => `${f.metric} ${f.value}${f.part ? `〔${f.part}〕` : ''} (line ${f.line})`;
const same = (a: number | string, b: number) => Math.abs(Number(a) - b) < 1e-9;

function claimFor(claims: readonly Claim[], f: Figure, whole: boolean): boolean {
  return claims.some(
    (c) => (c.metric === f.metric || c.metric === f.or) && same(c.value, f.value) && c.line === f.line && (c.scope === null) === whole,
  );
}

/** A self-evaluation's figure, wherever the performance block keeps it. */
function inPerformance(p: PerformanceBlock | undefined, f: Figure): boolean {
  if (!p) return false;
  const amounts: Record<string, readonly (number | string | null | undefined)[]> = {
    budget: [p.budget?.initial, p.budget?.adjusted, ...p.funding.map((x) => x.amount)],
    executed: [p.budget?.executed],
    income: [p.income?.amount, ...p.funding.map((x) => x.amount)],
    spending: [p.budget?.executed, ...p.spending.map((x) => x.amount)], // 支出 in total is what was executed
    'staffing-authorized': [p.staffing?.authorized],
    'staffing-actual': [p.staffing?.actual],
    indicators: [p.indicators.length],
    'total-score': [p.totals?.score, p.totals?.weight, p.selfScore?.value],
  };
  return (amounts[f.metric] ?? []).some((v) => v != null && same(v, f.value));
}

export function readDocument(facts: CorpusFacts): DocumentReading {
  // The two header lines (SOURCE, COMPLETE) are ours, not the document's: blanked, so line numbers stay the file's.
  const text = readFileSync(join(CORPUS_DIR, facts.file), 'utf8').replace(/^SOURCE:[^\n]*\nCOMPLETE:[^\n]*/, '\n');
  const reports = readReports(text);
  const claims = reports.flatMap((r) => r.claims);
  const perf = reports.find((r) => r.performance)?.performance;
  const isPerfFigure = (f: Figure) =>
    ![
      'problems',
      'completed',
      'phased',
      'in-progress',
      'not-done',
      'long-term',
      'completion-rate',
      'measures',
      'institutions',
      'accountable',
      'meetings',
      'money',
    ].includes(f.metric);
  const missed = facts.figures.filter((f) => !(isPerfFigure(f) ? inPerformance(perf, f) : claimFor(claims, f, true)));
  const partsAsWhole = (facts.parts ?? []).filter((f) => claimFor(claims, f, true));
  const listed = reports.reduce((n, r) => n + r.aspects.reduce((m, a) => m + a.problems.length, 0), 0);
  return {
    facts,
    reports,
    found: facts.figures.length - missed.length,
    missed: missed.map(say),
    partsAsWhole: partsAsWhole.map(say),
    listedRight: facts.complete && facts.listed !== undefined ? listed === facts.listed : null,
    errors: reports.flatMap((r) => r.findings.filter((x) => x.severity === 'error').map((x) => `${x.rule}: ${x.message}`)),
    kindRight: reports.length > 0 && reports.every((r) => r.kind === facts.kind && r.genre === facts.genre),
  };
}

export interface Quality {
  readonly kind: string;
  readonly documents: number;
  readonly figures: number;
  readonly found: number;
  readonly partsAsWhole: number;
  readonly listedChecked: number;
  readonly listedRight: number;
  readonly consistent: number;
  readonly falseErrors: number; // error-level findings on documents verified as consistent
  readonly kindRight: number;
}

export function measure(readings: readonly DocumentReading[]): Quality[] {
  const groups = new Map<string, DocumentReading[]>();
  for (const r of readings) {
    const k = r.facts.file.split('_')[0] as string;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  groups.set('all', [...readings]);
  return [...groups].map(([kind, rs]) => ({
    kind,
    documents: rs.length,
    figures: rs.reduce((n, r) => n + r.facts.figures.length, 0),
    found: rs.reduce((n, r) => n + r.found, 0),
    partsAsWhole: rs.reduce((n, r) => n + r.partsAsWhole.length, 0),
    listedChecked: rs.filter((r) => r.listedRight !== null).length,
    listedRight: rs.filter((r) => r.listedRight === true).length,
    consistent: rs.filter((r) => r.facts.consistent).length,
    falseErrors: rs.filter((r) => r.facts.consistent).reduce((n, r) => n + r.errors.length, 0),
    kindRight: rs.filter((r) => r.kindRight).length,
  }));
}

export const readCorpus = (): DocumentReading[] => CORPUS_FACTS.map(readDocument);

const KIND_NAMES: Record<string, string> = {
  audit: '审计整改 (audit)',
  xuncha: '巡察 (xuncha)',
  xunshi: '巡视 (xunshi)',
  perf: '绩效自评 (perf)',
  all: 'all',
};
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);

/** The table docs/reading-quality.md shows; the corpus test keeps the document equal to it. */
export function qualityTable(qs: readonly Quality[]): string {
  const rows = qs.map(
    (q) =>
      `| ${KIND_NAMES[q.kind] ?? q.kind} | ${q.documents} | ${q.found}/${q.figures} (${pct(q.found, q.figures)}) | ${q.partsAsWhole} | ` +
      `${q.listedRight}/${q.listedChecked} | ${q.falseErrors} on ${q.consistent} | ${q.kindRight}/${q.documents} |`,
  );
  return [
    '| kind | documents | stated figures found | parts taken for the whole | listed counts right (complete texts) | error findings on consistent documents | kind and genre right |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(qualityTable(measure(readCorpus())));
