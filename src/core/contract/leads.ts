// What the leads routes answer: the register's leads as seen on a day, one lead with its steps and the problems that
// wait on it, and the register's figures with the sentence a report states.
import { z } from 'zod';
import { LEAD_PHASE_LABEL, LEAD_RECEIVER_LABEL, LEAD_STATE_LABEL, LEAD_STEP_LABEL } from '../leads/lead.ts';
import { day, keysOf, ledgerStatus, list } from './values.ts';

export const leadPhase = keysOf(LEAD_PHASE_LABEL);
export const leadReceiver = keysOf(LEAD_RECEIVER_LABEL);
export const leadState = keysOf(LEAD_STATE_LABEL);
export const leadStepKind = keysOf(LEAD_STEP_LABEL);

const lead = z.object({
  code: z.string(),
  source: z.object({ code: z.string(), title: z.string() }),
  phase: leadPhase,
  phaseLabel: z.string(),
  /** found by the source, or sent by the public (社会监督) */
  origin: z.enum(['source', 'public']),
  originLabel: z.string(),
  receiver: leadReceiver,
  receiverLabel: z.string(),
  receiverName: z.string().nullable(),
  summary: z.string(),
  /** the people concerned: shown in the register only */
  persons: z.string().nullable(),
  transferredOn: day,
  receivedOn: day.nullable(),
  deadline: day,
  concludedOn: day.nullable(),
  conclusion: leadStepKind.nullable(),
  conclusionLabel: z.string().nullable(),
  state: leadState,
  stateLabel: z.string(),
  /** no step recorded for the follow-up interval (每2个月跟踪了解) */
  trackingDue: z.boolean(),
  /** the highest rung of the supervision ladder climbed for its present deadline */
  supervision: z.string().nullable(),
  createdBy: z.string(),
  version: z.number(),
});

export const leadsAnswer = z.object({ items: list(lead) });

export const leadDetailAnswer = lead.extend({
  steps: list(
    z.object({ kind: leadStepKind, kindLabel: z.string(), on: day, text: z.string(), document: z.string().nullable(), actor: z.string() }),
  ),
  problems: list(z.object({ code: z.string(), title: z.string(), status: ledgerStatus })),
  /** the daily supervision run's reminders and rungs on it */
  notices: list(
    z.object({ day, kind: z.enum(['due-soon', 'overdue', 'tracking', 'escalation']), kindLabel: z.string(), message: z.string() }),
  ),
});

export const leadCreatedAnswer = z.object({ code: z.string(), deadline: day });

export const leadStepAnswer = z.object({ state: leadState, version: z.number() });

const figures = {
  received: z.number(),
  concluded: z.number(),
  concludedLate: z.number(),
  open: z.number(),
  overdue: z.number(),
  rate: z.number().nullable(),
};

export const leadFiguresAnswer = z.object({
  asOf: day,
  ...figures,
  bySource: list(z.object({ key: z.string(), ...figures })),
  byReceiver: list(z.object({ key: leadReceiver, label: z.string(), ...figures })),
  byOrigin: list(z.object({ key: z.enum(['source', 'public']), label: z.string(), ...figures })),
  /** "截至…，移交的问题线索N件已全部办结。" only when it is so; null when none were received */
  sentence: z.string().nullable(),
});
