// What the perf routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import type { NarrativeSection } from '../../perf/narrative.ts';
import { z } from 'zod';
import { amountInput, idParam, isoDay, isoMonth, noQuery, positiveInt, strict, text } from '../input.ts';
import { INT_MAX } from '../../limits.ts';
import { MONITOR_CADENCE_LABEL } from '../../perf/monitoring-plan.ts';
import { keysOf } from '../values.ts';
import { ROUNDINGS } from '../../perf/scoring.ts';
import { WEIGHT_SCHEMES } from '../../perf/score-evaluation.ts';

const figure = z.number().finite().min(0).max(1e12).nullable();

/** 万元, exact: the budget's figures are never below zero; a basic-data table may carry a reduction */
const money = amountInput(false).nullable();
const amount = amountInput(true);

/** the line of the file a part was read from, which an evaluation keeps through an edit */
const line = z.number().int().min(1).max(INT_MAX).nullable().optional();

/** An evaluation as the edit screen sends it: every amount a decimal, every other figure a number or empty, every text bounded. */
export const evaluationSchema = strict({
  unit: text(200),
  year: z.number().int().min(2000).max(2100).nullable(),
  budget: strict({
    initial: money,
    adjusted: money.optional(),
    executed: money,
    weight: figure,
    rate: figure,
    score: figure,
    line,
  }).nullable(),
  funding: z.array(strict({ source: text(100), amount: amountInput(false), line })).max(20),
  spending: z.array(strict({ type: text(100), amount: amountInput(false), line })).max(20),
  staffing: strict({ authorized: figure, actual: figure, controlRate: figure, line }).nullable(),
  indicators: z
    .array(
      strict({
        level1: text(100),
        level2: text(100),
        level3: text(300).min(1, '三级指标不能为空'),
        target: text(300),
        actual: text(300),
        weight: figure,
        score: figure,
        deviation: text(2000).nullable(),
        line,
      }),
    )
    .max(500),
  basics: z
    .array(
      strict({
        title: text(200),
        columns: z.array(text(100)).max(20),
        rows: z.array(strict({ label: text(200), values: z.array(amount.nullable()).max(20), line })).max(200),
      }),
    )
    .max(10)
    .default([]),
  totals: strict({ weight: figure, score: figure, line }).nullable(),
  problems: z.array(strict({ text: text(2000), line })).max(200),
  measures: z.array(strict({ text: text(2000), line })).max(200),
  narrative: strict({
    basics: text(20_000).optional(),
    performance: text(20_000).optional(),
    rectification: text(20_000).optional(),
    application: text(20_000).optional(),
    other: text(20_000).optional(),
  } satisfies Record<NarrativeSection, unknown>).optional(),
});

/** A 绩效目标表 as the edit screen sends it. */
export const targetSchema = strict({
  unit: text(200),
  year: z.number().int().min(2000).max(2100).nullable(),
  budget: strict({ total: money, weight: figure }).nullable(),
  indicators: z
    .array(
      strict({
        level1: text(100),
        level2: text(100),
        level3: text(300).min(1, '三级指标不能为空'),
        target: text(300),
        weight: figure,
        line,
      }),
    )
    .max(500),
});

const scoreOptions = strict({
  rounding: z.enum(ROUNDINGS.map((r) => `${r.mode}${r.decimals}`) as [string, ...string[]]).optional(),
  scheme: z.enum(WEIGHT_SCHEMES.map((s) => s.id) as [string, ...string[]]).optional(),
});

const id = strict({ id: idParam });

export const perfAccepts = {
  'GET /api/perf': { querystring: noQuery },
  'POST /api/perf': { querystring: noQuery },
  'GET /api/perf/:id': { params: id, querystring: scoreOptions },
  'POST /api/perf/score': { querystring: noQuery, body: strict({ evaluation: evaluationSchema, ...scoreOptions.shape }) },
  'PUT /api/perf/:id': { params: id, querystring: noQuery, body: strict({ evaluation: evaluationSchema, version: positiveInt }) },
  'GET /api/perf/:id/export/:format': { params: id.extend({ format: z.enum(['xlsx', 'docx']) }), querystring: noQuery },
  'GET /api/perf/:id/report': {
    params: id,
    querystring: strict({ source: text(40).optional(), day: isoDay.optional() }),
  },
  'GET /api/perf/:id/years': { params: id, querystring: noQuery },
  'GET /api/perf-targets': { querystring: noQuery },
  'POST /api/perf-targets': { querystring: noQuery },
  'GET /api/perf-targets/:id': { params: id, querystring: noQuery },
  'PUT /api/perf-targets/:id': { params: id, querystring: noQuery, body: strict({ targets: targetSchema, version: positiveInt }) },
  'POST /api/perf-targets/:id/approve': { params: id, querystring: noQuery, body: strict({ version: positiveInt }) },
  'POST /api/perf-targets/:id/evaluation': { params: id, querystring: noQuery, body: strict({}) },
  'POST /api/perf-targets/:id/next-year': { params: id, querystring: noQuery, body: strict({}) },
  'DELETE /api/perf-targets/:id': { params: id, querystring: noQuery },
  'POST /api/perf/:id/to-ledger': { params: id, querystring: noQuery },
  'GET /api/perf-targets/:id/monitoring': { params: id, querystring: noQuery },
  'PUT /api/perf-targets/:id/monitoring/settings': {
    params: id,
    querystring: noQuery,
    body: strict({
      cadence: keysOf(MONITOR_CADENCE_LABEL),
      dueDays: z.number().int().min(0, '报送期限应为监控时点后 0 至 60 天').max(60, '报送期限应为监控时点后 0 至 60 天'),
      yellow: z
        .number()
        .finite()
        .gt(0, '轻度偏差的阈值应大于 0、不超过 100 个百分点')
        .max(100, '轻度偏差的阈值应大于 0、不超过 100 个百分点'),
      red: z.number().finite().gt(0, '严重偏差的阈值应大于 0、不超过 100 个百分点').max(100, '严重偏差的阈值应大于 0、不超过 100 个百分点'),
    }),
  },
  'POST /api/perf-targets/:id/monitoring': {
    params: id,
    querystring: noQuery,
    body: strict({
      period: isoMonth,
      executed: money,
      budgetReason: text(2000).nullable().optional(),
      indicators: z
        .array(
          strict({
            level3: text(300).min(1, '三级指标不能为空'),
            reached: text(300),
            onCourse: z.boolean().nullable().optional(),
            reason: text(2000).nullable().optional(),
          }),
        )
        .max(500),
      version: positiveInt.optional(),
    }),
  },
  'GET /api/perf-targets/:id/monitoring/workbook': { params: id, querystring: noQuery },
  'GET /api/perf-targets/:id/monitoring/:period/report': { params: id.extend({ period: isoMonth }), querystring: noQuery },
} as const;
