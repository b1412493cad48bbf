// Shapes of what the API returns (the server's services define them; these are what the screens read).
// the server's own types where it has them (the web may import types from the server, never code)
import type { Counts } from '../../../src/core/ledger/statistics.ts';
import type { Genre } from '../../../src/core/document/model.ts';
import type { LedgerStatus } from '../../../src/core/ledger/problem-state.ts';
import type { SessionAnswer } from '../../../src/core/contract/work.ts';
import type { ProblemDetailAnswer } from '../../../src/core/contract/problem.ts';
import type { WarningColour as Colour } from '../../../src/core/ledger/warning.ts';
import type { PublicationSettings } from '../../../src/core/official/publication.ts';
import type { WorkbookImportResult } from '../../../src/core/ledger/ledger-sheet.ts';
import type { Evaluation, EvaluationIndicator } from '../../../src/core/perf/evaluation.ts';
import type { ScoredEvaluation } from '../../../src/core/perf/score-evaluation.ts';
export type { Colour, Counts, LedgerStatus, PublicationSettings, WorkbookImportResult, Evaluation, EvaluationIndicator, ScoredEvaluation };

export interface PerfListItem {
  id: number;
  unit: string;
  year: number | null;
  total: number;
  grade: string;
  findings: number;
  source: string | null;
}

export interface SourceItem {
  code: string;
  kind: string;
  title: string;
  problems: number;
  /** the unit whose office owns the source, or null (seen by administrators alone) */
  owner_unit_id: number | null;
  owner: string | null;
}

export type Evidence = ProblemDetailAnswer['evidence'][number];

/** who is logged in: the server's answer, as its contract says (src/core/contract/work.ts) */
export type Session = SessionAnswer;

export interface Stats extends Counts {
  asOf: string;
  byAspect: Record<string, Counts>;
  byUnit: Record<string, Counts>;
  byTriage: Record<string, Counts>;
  outcomes: { moneyWan: string; moneyByKind: Record<string, string>; institutions: number; accountable: number; meetings: number };
  claims: { metric: string; stated: number; computed: number; agrees: boolean; line: number; text: string }[];
  colours: Record<Colour, number>;
}

export interface ProblemItem {
  code: string;
  title: string;
  status: LedgerStatus;
  longTerm: boolean;
  triage: string | null;
  deadline: string | null;
  leadUnit: string | null;
  progress: number;
  colour: Colour | null;
  source: string;
  aspect: string | null;
  leadLeader: string | null;
  responsiblePerson: string | null;
  cooperatingUnits: string[];
  supervisionCount: number;
  lastSupervision: { kind: string; at: string } | null;
  version: number;
}

export interface MeasureItem {
  problem: string;
  problemTitle: string;
  ordinal: number;
  text: string;
  status: string;
  progress: number;
  deadline: string | null;
  ownerUnit: string | null;
  ownerPerson: string | null;
  leadUnit: string | null;
}

export type { TimelineEntry } from '../../../src/core/ledger/timeline.ts';

/** one problem as the problem page shows it: the server's answer, as its contract says (src/core/contract/problem.ts) */
export type ProblemDetail = ProblemDetailAnswer;

export interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  lines: number[];
  stated: unknown;
  computed: unknown;
}

export interface ParsedProblem {
  number: string;
  title: string;
  line: number;
  status: string;
  statusText: string | null;
  longTerm: boolean;
  measures: { text: string; line: number }[];
  children: ParsedProblem[];
  /** an audit report's area the problem is listed under */
  area?: string;
}

export interface ParsedReport {
  kind: string;
  genre: Genre;
  lines: [number, number];
  meta: Record<string, { value: unknown; line: number | null } | null>;
  aspects: { title: string; line: number; problems: ParsedProblem[] }[];
  claims: { metric: string; value: number | string; scope: string | null; line: number; text: string }[];
  findings: Finding[];
}

export interface CheckResult {
  file: string;
  format: string;
  encoding: string | null;
  lines: string[];
  reports: ParsedReport[];
}
