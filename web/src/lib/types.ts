// The names the screens give to what the API answers: each is the contract's own type (src/core/contract/api.ts), so
// a change to an answer that a screen does not follow fails this application's type check. Nothing here is written
// by hand; the codes' own types (a status, a colour) come from the pure core.
import type { Answer } from '../../../src/core/contract/api.ts';
export type { Answer, Body, Request, Route } from '../../../src/core/contract/api.ts';
export type { LedgerStatus } from '../../../src/core/ledger/problem-state.ts';
export type { WarningColour as Colour } from '../../../src/core/ledger/warning.ts';

type Item<T extends { readonly items: readonly unknown[] }> = T['items'][number];

export type Session = Answer<'GET /api/session'>;
export type SourceItem = Item<Answer<'GET /api/sources'>>;
export type Stats = Answer<'GET /api/stats'>;
export type Counts = Stats['byUnit'][string];
export type ProblemItem = Item<Answer<'GET /api/problems'>>;
export type MeasureItem = Item<Answer<'GET /api/measures'>>;

export type ProblemDetail = Answer<'GET /api/problems/:code'>;
export type TimelineEntry = ProblemDetail['timeline'][number];
export type Evidence = ProblemDetail['evidence'][number];

export type CheckResult = Answer<'POST /api/check'>;
export type ParsedReport = CheckResult['reports'][number];
export type ParsedProblem = ParsedReport['aspects'][number]['problems'][number];
export type Finding = ParsedReport['findings'][number];

export type PublicationSettings = Answer<'GET /api/sources/:source/publication'>;
export type WorkbookImportResult = Answer<'POST /api/workbook'>;

export type PerfListItem = Item<Answer<'GET /api/perf'>>;
export type Evaluation = Answer<'GET /api/perf/:id'>['evaluation'];
export type EvaluationIndicator = Evaluation['indicators'][number];
export type ScoredEvaluation = Answer<'POST /api/perf/score'>;

export type LeadItem = Item<Answer<'GET /api/leads'>>;
export type LeadDetail = Answer<'GET /api/leads/:code'>;
export type LeadFigures = Answer<'GET /api/leads/figures'>;

export type SubmissionItem = Item<Answer<'GET /api/submissions'>>;
