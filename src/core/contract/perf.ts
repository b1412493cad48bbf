// A budget performance self-evaluation as the screens read it — the list, one evaluation with its scores, a scoring
// of an edit, the result of a save and of turning its problems into ledger work — as zod schemas the server declares
// as its answers and the web takes its types from.
import type { NarrativeSection } from '../perf/narrative.ts';
import { z } from 'zod';
import { RULE_LABEL } from '../perf/scoring.ts';
import { MONITOR_COLOUR_LABEL } from '../perf/monitoring.ts';
import { MONITOR_CADENCE_LABEL, MONITORING_NOTICE_LABEL } from '../perf/monitoring-plan.ts';
import { SUPERVISION_LABEL } from '../ledger/supervision.ts';
import { basicTableOf, finding, indicatorOf } from './reading.ts';
import { decimal, keysOf, list } from './values.ts';

const grade = z.enum(['优', '良', '中', '差']);
/** the line of the file a part was read from; none where it was entered or came from a workbook */
const line = z.number().nullable().optional();
const figure = z.number().nullable();

export const evaluationAnswer = z.object({
  unit: z.string(),
  year: z.number().nullable(),
  budget: z
    .object({
      initial: decimal.nullable(),
      adjusted: decimal.nullable().optional(),
      executed: decimal.nullable(),
      weight: figure,
      rate: figure,
      score: figure,
      line,
    })
    .nullable(),
  funding: list(z.object({ source: z.string(), amount: decimal, line })),
  spending: list(z.object({ type: z.string(), amount: decimal, line })),
  staffing: z.object({ authorized: figure, actual: figure, controlRate: figure, line }).nullable(),
  indicators: list(indicatorOf(line)),
  basics: list(basicTableOf(line)),
  totals: z.object({ weight: figure, score: figure, line }).nullable(),
  problems: list(z.object({ text: z.string(), line })),
  measures: list(z.object({ text: z.string(), line })),
  /** the unit's own words for its 自评报告 */
  narrative: z
    .object({
      basics: z.string().optional(),
      performance: z.string().optional(),
      rectification: z.string().optional(),
      application: z.string().optional(),
      other: z.string().optional(),
    } satisfies Record<NarrativeSection, unknown>)
    .optional(),
});

export const targetsAnswer = z.object({
  unit: z.string(),
  year: z.number().nullable(),
  budget: z.object({ total: decimal.nullable(), weight: figure }).nullable(),
  indicators: list(z.object({ level1: z.string(), level2: z.string(), level3: z.string(), target: z.string(), weight: figure, line })),
});

export const targetListAnswer = z.object({
  items: list(
    z.object({
      id: z.number(),
      unit: z.string(),
      year: z.number().nullable(),
      indicators: z.number(),
      approved: z.boolean(),
      evaluation: z.number().nullable(),
      /** the unit whose people keep it and report its monitoring */
      owner: z.string().nullable(),
    }),
  ),
});

/** what last year's evaluation found, shown where next year's targets are set */
export const previousFindings = z
  .object({
    year: z.number(),
    problems: list(z.string()),
    shortfalls: list(
      z.object({
        level3: z.string(),
        target: z.string(),
        actual: z.string(),
        weight: z.number(),
        score: z.number(),
        deviation: z.string().nullable(),
      }),
    ),
  })
  .nullable();

export const targetDetailAnswer = z.object({
  id: z.number(),
  version: z.number(),
  targets: targetsAnswer,
  approved: z.object({ by: z.string(), at: z.string() }).nullable(),
  /** the self-evaluation started from it */
  evaluation: z.number().nullable(),
  /** why it cannot be approved as it stands (empty when it can) */
  refusals: list(z.string()),
  /** what the unit's evaluation of the year before found */
  previous: previousFindings,
});

export const savedVersion = z.object({ version: z.number() });

const colour = keysOf(MONITOR_COLOUR_LABEL);
const monitoredLine = z.object({ label: z.string(), progress: figure, expected: z.number(), colour, reason: z.string().nullable() });
export const monitoringResult = z.object({
  elapsed: z.number(),
  budget: monitoredLine.nullable(),
  indicators: list(monitoredLine),
  refusals: list(z.string()),
});

/** the year's 绩效运行监控 of a target table: settings, every point with its state and report, the run's notices */
export const monitoringAnswer = z.object({
  settings: z.object({ cadence: keysOf(MONITOR_CADENCE_LABEL), dueDays: z.number(), yellow: z.number(), red: z.number() }),
  approved: z.boolean(),
  monitoredFrom: z.string().nullable(),
  points: list(
    z.object({
      period: z.string(),
      asOf: z.string(),
      due: z.string(),
      label: z.string(),
      status: z.enum(['upcoming', 'open', 'late', 'reported', 'exempt']),
      report: z
        .object({
          version: z.number(),
          input: z.object({
            asOf: z.string(),
            executed: decimal.nullable(),
            budgetReason: z.string().nullable().optional(),
            indicators: list(
              z.object({
                level3: z.string(),
                reached: z.string(),
                onCourse: z.boolean().nullable().optional(),
                reason: z.string().nullable().optional(),
              }),
            ),
          }),
          result: monitoringResult,
          reportedBy: z.string(),
          reportedAt: z.string(),
        })
        .nullable(),
    }),
  ),
  notices: list(
    z.object({
      kind: keysOf(MONITORING_NOTICE_LABEL),
      rung: keysOf(SUPERVISION_LABEL).nullable(),
      period: z.string(),
      day: z.string(),
      message: z.string(),
    }),
  ),
});

export const monitoringSaved = z.object({ version: z.number(), result: monitoringResult });

const indicatorYear = z.object({ target: z.string(), actual: z.string(), weight: figure, score: figure });

export const yearsAnswer = z.object({
  years: list(z.number()),
  totals: list(z.object({ year: z.number(), total: z.number(), grade: z.string() })),
  rows: list(z.object({ level1: z.string(), level3: z.string(), byYear: list(indicatorYear.nullable()) })),
});

const direction = z.enum(['at-least', 'at-most', 'qualitative']);

export const scoredAnswer = z.object({
  budget: z
    .object({
      rate: figure,
      weight: figure,
      score: figure,
      stated: figure,
      rule: z.literal('execution-rate'),
    })
    .nullable(),
  indicators: list(
    z.object({
      level1: z.string(),
      level2: z.string(),
      level3: z.string(),
      target: z.string(),
      /** the target read: at least / at most a value in a unit, or qualitative */
      parsed: z.object({ text: z.string(), direction, value: figure, unit: z.string().nullable() }),
      direction,
      actual: z.string(),
      weight: figure,
      /** the engine's score */
      score: figure,
      /** the table's, when it states one */
      stated: figure,
      rule: keysOf(RULE_LABEL),
      line: z.number().nullable(),
    }),
  ),
  total: z.number(),
  weightTotal: z.number(),
  grade,
  rounding: z.object({ mode: z.enum(['floor', 'round']), decimals: z.union([z.literal(0), z.literal(1), z.literal(2)]) }),
  scheme: z.string(),
  findings: list(finding),
});

export const perfListAnswer = z.object({
  items: list(
    z.object({
      id: z.number(),
      unit: z.string(),
      year: z.number().nullable(),
      total: z.number(),
      grade,
      findings: z.number(),
      /** the ledger source its problems went to, once they have */
      source: z.string().nullable(),
    }),
  ),
  /** the ways of sharing out the 100 points */
  schemes: list(z.object({ id: z.string(), name: z.string(), source: z.string() })),
});

export const perfCreatedAnswer = z.object({
  id: z.number(),
  unit: z.string(),
  year: z.number().nullable(),
  total: z.number(),
  grade,
});

export const perfAnswer = z.object({
  id: z.number(),
  version: z.number(),
  source: z.string().nullable(),
  evaluation: evaluationAnswer,
  /** its findings each say where in the file they were read ("第12行") */
  scored: scoredAnswer.extend({ findings: list(finding.extend({ where: list(z.string()) })) }),
});

export const perfSavedAnswer = z.object({ version: z.number(), scored: scoredAnswer });

export const perfToLedgerAnswer = z.object({ source: z.string(), problems: z.number(), measures: z.number() });
