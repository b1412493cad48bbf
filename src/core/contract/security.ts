// What the security and audit administrators read: the security policy, and the log with its chain checked, as zod
// schemas the server declares as its answers and the web takes its types from.
import { z } from 'zod';
import { list, role } from './values.ts';

export const securityPolicy = z.object({
  minLength: z.number(),
  classes: z.number(),
  passphraseLength: z.number(),
  expiryDays: z.number(),
  historyCount: z.number(),
  idleMinutes: z.number(),
  absoluteHours: z.number(),
  secondFactorRoles: list(role),
});

export const policyAnswer = z.object({
  policy: securityPolicy,
  /** the version a change must name */
  version: z.number(),
  /** the password rule in one sentence, as every password form shows it */
  passwordRule: z.string(),
});

export const unlockAnswer = z.object({ username: z.string(), forgotten: z.number() });

export const auditEvent = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  /** what kind of entry this is, in words: 登录失败, 问题 · 销号审核 */
  kind: z.string(),
  /** the address it came from, for the entries that carry one */
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditEventsAnswer = z.object({
  items: list(auditEvent),
  total: z.number(),
  /** the kinds of entry there are to filter by: entity and action, with their words */
  kinds: list(z.object({ entity: z.string(), action: z.string().nullable(), label: z.string() })),
});

export const auditChainAnswer = z.object({
  /** the hash function the chain is computed with, chosen at installation */
  algorithm: z.string(),
  checked: z.number(),
  firstBroken: z.object({ id: z.string(), at: z.string(), reason: z.string() }).nullable(),
  /** the room the log takes, and the limit it is watched against (ZG_AUDIT_LOG_LIMIT_MB) */
  bytes: z.number(),
  limitBytes: z.number(),
  nearLimit: z.boolean(),
  /** the days the log is kept at least: every entry is kept, and never fewer than 180 days' */
  keepDays: z.number(),
});

/** A new authenticator secret, shown once: typed (in groups) or read from its address by the person's app. */
export const secondFactorAnswer = z.object({ secret: z.string(), grouped: z.string(), uri: z.string() });

/** What the system holds about the person asking. */
export const personalRecordAnswer = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  unit: z.string().nullable(),
  createdAt: z.string(),
  passwordChangedAt: z.string().nullable(),
  secondFactorSince: z.string().nullable(),
  /** entries of the log that name the person as who did them */
  logEntries: z.number(),
  recent: list(z.object({ at: z.string(), action: z.string(), ip: z.string() })),
});
