// Supervision as the screens read it — a run's actions, the assessment of a source's rectification and the comparison
// of sources, a source's supervision policy and publication settings — as zod schemas the server declares as its
// answers and the web takes its types from.
import { z } from 'zod';
import { MONITORING_NOTICE_LABEL } from '../perf/monitoring-plan.ts';
import { CATEGORY_LABEL } from '../assessment/effectiveness.ts';
import { MATCH_KIND_LABEL, MATCH_STATUS_LABEL } from '../vocabulary.ts';
import { notificationKind } from './work.ts';
import { contact, day, keysOf, list, supervisionKind } from './values.ts';
import { DELIVERY_STATUSES } from '../supervision/reminder-channel.ts';

const result = z.enum(['优秀', '良好', '合格', '不合格']);
const category = keysOf(CATEGORY_LABEL);

export const supervisionRunAnswer = z.object({
  /** the moment the run was for */
  at: z.string(),
  day,
  dryRun: z.boolean(),
  /** what this run created: each reminder, warning and escalation, once — the first thousand, in order */
  actions: list(
    z.object({
      key: z.string(),
      kind: notificationKind,
      problemId: z.number(),
      problem: z.string(),
      /** the ladder's rung, for an escalation */
      rung: supervisionKind.nullable(),
      unitId: z.number().nullable(),
      unit: z.string().nullable(),
      personId: z.number().nullable(),
      person: z.string().nullable(),
      deadline: day.nullable(),
      message: z.string(),
    }),
  ),
  /** how many it created in all */
  created: z.number(),
  /** reminders of earlier runs that no longer apply */
  cancelled: z.number(),
  /** reminders and rungs kept on problem leads (their text is the leads register's) */
  leadNotices: z.number(),
  monitoringNotices: z.number(),
  /** what the monitoring notices say (the first 1000) */
  monitoring: list(z.object({ kind: keysOf(MONITORING_NOTICE_LABEL), message: z.string() })),
  /** digests prepared for each unit and leader */
  digests: z.number(),
});

export const assessmentAnswer = z.object({
  source: z.string(),
  title: z.string(),
  unit: z.string().nullable(),
  total: z.number(),
  byCategory: z.record(category, z.object({ full: z.number(), score: z.number() })),
  deductions: list(
    z.object({
      category,
      points: z.number(),
      reason: z.string(),
      /** the ledger facts behind it: problem codes, or "第N行" of the published report */
      facts: list(z.string()),
    }),
  ),
  /** a published figure that contradicts the ledger fails the assessment */
  veto: z.object({ reason: z.string(), facts: list(z.string()) }).nullable(),
  result,
});

export const assessmentsAnswer = z.object({
  items: list(
    z.object({ source: z.string(), unit: z.string().nullable(), title: z.string(), total: z.number(), result, veto: z.boolean() }),
  ),
});

export const cadence = z.union([
  z.object({ every: z.enum(['daily', 'half-monthly', 'quarterly']) }),
  z.object({ every: z.literal('weekly'), weekday: z.number() }),
  z.object({ every: z.literal('monthly'), day: z.number() }),
]);

export const supervisionPolicyAnswer = z.object({
  /** open items: 一周一调度 on Fridays by default */
  report: cadence,
  /** phase-complete long-term items report less often */
  phasedReport: cadence,
  /** units that report on a rhythm of their own, by unit name */
  unitReport: z.record(z.string(), cadence),
  /** reminders this many days before the deadline */
  dueSoonDays: list(z.number()),
  noticeAfterYellowRuns: z.number(),
  listedAfterOverdueDays: z.number(),
  talkAfterOverdueDays: z.number(),
  /** problem leads: months a lead handed over during the inspection may take, one handed over after it, and between follow-ups */
  leads: z.object({ duringMonths: z.number(), afterMonths: z.number(), trackEveryMonths: z.number() }),
});

export const publicationAnswer = z.object({
  /** 发文机关署名 of generated documents */
  issuer: z.string().nullable(),
  /** days the public version is open for comment */
  commentDays: z.number(),
  contacts: list(contact),
  /** what a public version leaves out */
  hide: z.object({ personNames: z.boolean(), personalPhones: z.boolean(), internalNotes: z.boolean() }),
});

export const matchesAnswer = z.object({
  items: list(
    z.object({
      id: z.number(),
      /** 屡审屡犯 or 共性问题 */
      kind: keysOf(MATCH_KIND_LABEL),
      score: z.number(),
      status: keysOf(MATCH_STATUS_LABEL),
      decided_by: z.string().nullable(),
      code: z.string(),
      title: z.string(),
      earlier_status: z.string(),
      source: z.string(),
      inspected_unit: z.string().nullable(),
    }),
  ),
});

const channelKind = z.enum(['wecom', 'dingtalk', 'feishu', 'webhook', 'sms']);

/** a unit's or a person's reminder channels: the address shown by its host alone, never the token or the secret */
export const reminderChannelsAnswer = z.object({
  items: list(
    z.object({
      id: z.number(),
      kind: channelKind,
      kindLabel: z.string(),
      name: z.string(),
      owner: z.string(),
      ownerKind: z.enum(['unit', 'person']),
      target: z.string(),
      signed: z.boolean(),
      createdBy: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const channelTestAnswer = z.object({ ok: z.boolean(), error: z.string().nullable() });

/** what was sent, by e-mail and to the channels, and what failed and why */
export const deliveriesAnswer = z.object({
  items: list(
    z.object({
      id: z.number(),
      channel: z.string(),
      channelLabel: z.string(),
      to: z.string(),
      recipient: z.string(),
      day: z.string(),
      status: z.enum(DELIVERY_STATUSES),
      /** given up on or uncertain, to a channel still in use: 重发 is offered */
      resendable: z.boolean(),
      attempts: z.number(),
      /** every attempt, oldest first: when it began and how it ended (null while it is under way) */
      history: list(
        z.object({
          startedAt: z.string(),
          outcome: z.enum(['sent', 'failed', 'interrupted']).nullable(),
          error: z.string().nullable(),
        }),
      ),
      lastError: z.string().nullable(),
      nextAttemptAt: z.string().nullable(),
      sentAt: z.string().nullable(),
    }),
  ),
});
