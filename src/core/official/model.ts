// What the document generators work from and what they produce. A generator is a pure function from a snapshot
// of the ledger at an as-of date to an OfficialDocument: blocks of text and tables that io/official-docx.ts lays
// out as a 党政机关公文 (GB/T 9704). Every figure in a document is computed from the snapshot, never typed.
import type { LeadFigures } from '../leads/statistics.ts';
import type { Origin, SubmissionFigures } from '../public/submission.ts';
import type { LedgerStatus } from '../ledger/problem-state.ts';
import type { Statistics } from '../ledger/statistics.ts';
import type { Triage } from '../ledger/ledger-sheet.ts';

/** Headings follow the standard's four levels: 一、 黑体; （一） 楷体; 1. and （1） 仿宋. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export type Block =
  | { readonly kind: 'heading'; readonly level: HeadingLevel; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly columns: readonly TableColumn[]; readonly rows: readonly (readonly string[])[] }
  /** a labelled field of a form (督办单, 对账销号单): label in bold, value beside it */
  | { readonly kind: 'field'; readonly label: string; readonly value: string };

export interface TableColumn {
  readonly title: string;
  /** relative width; the renderer shares the type area out in proportion */
  readonly width: number;
}

export interface OfficialDocument {
  readonly title: string;
  /** 主送机关, when the document is addressed */
  readonly recipient?: string | undefined;
  readonly blocks: readonly Block[];
  /** 发文机关署名 and 成文日期 (ISO day) */
  readonly signature?: { readonly issuer: string; readonly date: string } | undefined;
  /** wide tables (the plan) are laid out across the page */
  readonly landscape?: boolean | undefined;
  /** a form is one page of fields, no page numbers */
  readonly form?: boolean | undefined;
  /** an internal document's mark, at the head of every page (core/official/internal-mark.ts) */
  readonly watermark?: string | undefined;
}

export interface SnapshotMeasure {
  readonly ordinal: number;
  readonly text: string;
  readonly status: 'not-started' | 'in-progress' | 'completed';
  readonly ownerUnit: string | null;
  readonly ownerPerson: string | null;
  readonly deadline: string | null;
}

export interface SnapshotProblem {
  readonly code: string;
  readonly title: string;
  readonly detail: string | null;
  /** the status on the as-of day */
  readonly status: LedgerStatus;
  readonly longTerm: boolean;
  readonly triage: Triage | null;
  readonly leadUnit: string | null;
  readonly cooperatingUnits: readonly string[];
  readonly leadLeader: string | null;
  readonly responsiblePerson: string | null;
  readonly deadline: string | null;
  readonly target: string | null;
  readonly progress: number;
  readonly measures: readonly SnapshotMeasure[];
  /** the latest progress note on or before the as-of day: internal */
  readonly latestNote: string | null;
  /** money recorded against this problem by the as-of day, in 万元 (exact decimal); null when none */
  readonly moneyWan: string | null;
  readonly children: readonly SnapshotProblem[];
  /** found by the source, or opened from what the public sent: documents count the source's apart */
  readonly origin: Origin;
}

export interface SnapshotAspect {
  readonly title: string | null;
  readonly problems: readonly SnapshotProblem[];
}

export interface SourceFacts {
  readonly code: string;
  readonly kind: string;
  readonly title: string;
  readonly issuer: string | null;
  readonly round: string | null;
  readonly team: string | null;
  readonly inspectedUnit: string | null;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly feedbackDate: string | null;
}

export interface LedgerSnapshot {
  readonly source: SourceFacts;
  readonly asOf: string;
  readonly aspects: readonly SnapshotAspect[];
  /** counts of top-level problems on the as-of day, with outcome sums */
  readonly problems: Statistics;
  /** counts of specific problems (the leaves) */
  readonly specific: Statistics;
  readonly measures: number;
  /** what the source document itself states for the whole (an audit report's 185 problems, 137 done), when it does */
  readonly stated: { readonly problems: number | null; readonly completed: number | null };
  /** people on the ledger: their names never appear in a public version */
  readonly people: readonly string[];
  /** the source's own problem leads counted on the as-of day (received, concluded…): no more of them than the counts */
  readonly leads: LeadFigures;
  /** the leads transferred from what the public sent, counted apart (absent: none counted) */
  readonly publicLeads?: LeadFigures | undefined;
  /** what the public sent about the source's published 通报, counted on the as-of day (absent: none counted) */
  readonly submissions?: SubmissionFigures | undefined;
}
