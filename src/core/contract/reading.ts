// A report as the reader makes it — meta, aspects, problems, stated figures, amounts, institutions, findings — and the
// answers of checking a file and of importing files, as zod schemas. `zg parse --json` writes the same reports, so
// the command line, the server and the web share one description of what was read.
import { z } from 'zod';
import { DOCUMENT_FORMAT_IDS } from '../document/formats.ts';
import { GENRE_LABEL, METRIC_LABEL, REPORT_KIND_LABEL, REPORTED_STATUS_LABEL, SEVERITY_LABEL } from '../vocabulary.ts';
import { contact, day, decimal, keysOf, list } from './values.ts';

const line = z.number().int().min(1);
const figure = z.number().nullable();

export const finding = z.object({
  /** stable id, e.g. "parts-vs-total" */
  rule: z.string(),
  severity: keysOf(SEVERITY_LABEL),
  message: z.string(),
  lines: list(z.number()),
  stated: z.union([z.number(), z.string()]).nullable(),
  computed: z.union([z.number(), z.string()]).nullable(),
});

const located = <T extends z.ZodType>(value: T) => z.object({ value, line: line.nullable() }).nullable();

const meta = z.object({
  title: located(z.string()),
  issuer: located(z.string()),
  inspectedUnit: located(z.string()),
  team: located(z.string()),
  round: located(z.string()),
  inspectionStart: located(day),
  inspectionEnd: located(day),
  feedbackDate: located(day),
  reportDate: located(day),
  asOf: located(day),
  publicationPeriod: located(z.object({ start: day, end: day })),
  contacts: located(list(contact)),
});

interface OutlineNode {
  numbering: string;
  style: string;
  ordinal: number;
  level: number;
  title: string;
  line: number;
  lastLine: number;
  children: readonly OutlineNode[];
}
const outlineNode: z.ZodType<OutlineNode> = z.object({
  numbering: z.string(),
  style: z.string(),
  ordinal: z.number(),
  level: z.number(),
  title: z.string(),
  line,
  lastLine: line,
  get children() {
    return list(outlineNode);
  },
});

const status = keysOf(REPORTED_STATUS_LABEL);
interface ReadProblem {
  number: string;
  ordinal: number | null;
  title: string;
  line: number;
  lastLine: number;
  status: z.infer<typeof status>;
  statusText: string | null;
  statusLine: number | null;
  area?: string | undefined;
  longTerm: boolean;
  measures: readonly { text: string; line: number }[];
  children: readonly ReadProblem[];
}
export const readProblem: z.ZodType<ReadProblem> = z.object({
  number: z.string(),
  ordinal: z.number().nullable(),
  title: z.string(),
  line,
  lastLine: line,
  status,
  statusText: z.string().nullable(),
  statusLine: line.nullable(),
  /** an audit report's area the problem is listed under; the area is not a problem */
  area: z.string().optional(),
  longTerm: z.boolean(),
  measures: list(z.object({ text: z.string(), line })),
  get children() {
    return list(readProblem);
  },
});
export type { ReadProblem };

export const claim = z.object({
  metric: keysOf(METRIC_LABEL),
  value: z.union([z.number(), z.string()]),
  /** null: the whole report; else the aspect the figure is stated for */
  scope: z.string().nullable(),
  /** a part of a whole stated elsewhere ("其中…"), never the whole */
  part: z.boolean().optional(),
  line,
  text: z.string(),
  approx: z.boolean().optional(),
  specific: z.boolean().optional(),
  decimals: z.number().optional(),
});

/** A 三级指标 row: as read, with its line; as kept in an evaluation, with the line it was read from if any. */
export const indicatorOf = <L extends z.ZodType>(line: L) =>
  z.object({
    level1: z.string(),
    level2: z.string(),
    level3: z.string(),
    target: z.string(),
    actual: z.string(),
    weight: figure,
    score: figure,
    deviation: z.string().nullable(),
    line,
  });

/** A basic-data table (经费控制情况, 楼堂馆所控制情况): figures by column, a blank kept as null (not zero). */
export const basicTableOf = <L extends z.ZodType>(line: L) =>
  z.object({
    title: z.string(),
    columns: list(z.string()),
    rows: list(z.object({ label: z.string(), values: list(decimal.nullable()), line })),
  });

const performance = z.object({
  unit: located(z.string()),
  project: located(z.string()).optional(),
  budget: z
    .object({
      initial: decimal.nullable(),
      adjusted: decimal.nullable().optional(),
      executed: decimal.nullable(),
      rate: figure,
      weight: figure,
      score: figure,
      line: line.nullable(),
    })
    .nullable(),
  funding: list(z.object({ source: z.string(), amount: decimal, line })),
  income: z.object({ amount: decimal, line }).nullable().optional(),
  spending: list(z.object({ type: z.string(), amount: decimal, line })),
  staffing: z.object({ authorized: figure, actual: figure, controlRate: figure, line }).nullable(),
  indicators: list(indicatorOf(line)),
  totals: z.object({ weight: figure, score: figure, line }).nullable(),
  /** the overall score the text states (自评得分), apart from a table's totals row */
  selfScore: z.object({ value: z.number(), line }).nullable().optional(),
  /** cells that cannot be what their column says */
  faults: list(z.object({ line, column: z.string(), text: z.string(), reason: z.string() })),
  signatures: list(z.object({ role: z.string(), name: z.string(), line })),
  basics: list(basicTableOf(line)),
});

export const readReport = z.object({
  kind: keysOf(REPORT_KIND_LABEL),
  genre: keysOf(GENRE_LABEL),
  /** the first and last line of the file the report takes */
  lines: z.tuple([line, line]),
  meta,
  otherTitles: list(z.object({ value: z.string(), line: line.nullable() })),
  outline: list(outlineNode),
  aspects: list(z.object({ title: z.string(), line, lastLine: line, problems: list(readProblem) })),
  claims: list(claim),
  amounts: list(
    z.object({
      value: z.string(),
      unit: z.enum(['元', '万元', '亿元']),
      /** the amount in 万元, exact */
      wan: z.string(),
      approx: z.boolean(),
      line,
    }),
  ),
  institutions: list(z.object({ title: z.string(), edition: z.string().nullable(), action: z.string(), line, sentence: z.number() })),
  performance: performance.optional(),
  findings: list(finding),
});
export type ReadReport = z.infer<typeof readReport>;

/** A file checked without importing it: how it was read, its lines (for citing them) and its reports. */
export const checkAnswer = z.object({
  file: z.string(),
  format: z.enum(DOCUMENT_FORMAT_IDS).nullable(),
  encoding: z.string().nullable(),
  /** recognised from pictures of its pages: each page's confidence (0–100); null when read as text */
  ocr: list(z.object({ page: z.number(), confidence: z.number(), firstLine: z.number() })).nullable(),
  lines: list(z.string()),
  reports: list(readReport),
});
export type CheckAnswer = z.infer<typeof checkAnswer>;

export const importAnswer = z.object({
  results: list(
    z.object({
      file: z.string(),
      sha256: z.string(),
      status: z.enum(['imported', 'already-imported']),
      sources: list(z.object({ code: z.string(), title: z.string(), problems: z.number() })),
      /** already imported: as which file, whether byte for byte, and as which sources */
      sameAs: z.object({ fileName: z.string(), sameBytes: z.boolean(), sources: list(z.string()) }).optional(),
    }),
  ),
});

export const workbookImportAnswer = z.object({
  source: z.string(),
  created: z.boolean(),
  problems: z.number(),
  measures: z.number(),
  /** a unit's own workbook: how its columns were read, "问题 ← 问题描述；牵头单位 ← 责任部门" */
  mapping: z.string().optional(),
});

/** How far the reading of an upload has got: pages recognised of all its pages (0 of 0 before any is known). */
export const progressAnswer = z.object({ done: z.number(), total: z.number() });
