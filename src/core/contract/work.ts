// The answers about a person's work — who is logged in, 待办, notifications — as zod schemas: the server declares them
// as its routes' responses (checked as it answers, described at /api/docs) and the web takes its types from them, so
// a change on one side that the other does not follow fails the type check instead of a screen.
import { z } from 'zod';
import { list, role } from './values.ts';

export const sessionAnswer = z.object({
  user: z.object({
    username: z.string(),
    displayName: z.string(),
    /** null: the account waits for the security administrator's grant */
    role: role.nullable(),
    roleLabel: z.string(),
    unit: z.string().nullable(),
    /** an administrator set the password, or it expired: nothing but changing it is allowed */
    mustChangePassword: z.boolean(),
    /** the security policy requires an authenticator of this role and none is set up: nothing but setting it up */
    mustSetUpSecondFactor: z.boolean(),
    /** the account asks for its authenticator's code at each login */
    secondFactor: z.boolean(),
  }),
  capabilities: list(z.string()),
  csrf: z.string(),
  /** what a new password must be, as the security policy says: the forms check it before sending */
  passwordPolicy: z.object({ minLength: z.number(), classes: z.number(), passphraseLength: z.number() }),
  /** at a login: the one before it and the failed attempts since, for the person to notice another's use */
  history: z
    .object({
      lastLogin: z.object({ at: z.string(), ip: z.string() }).nullable(),
      failuresSince: z.number(),
      lastFailure: z.object({ at: z.string(), ip: z.string() }).nullable(),
    })
    .optional(),
});
export type SessionAnswer = z.infer<typeof sessionAnswer>;

const todoItem = z.object({
  problem: z.string(),
  title: z.string(),
  unit: z.string().nullable(),
  /** the day it has waited since */
  since: z.string(),
  text: z.string(),
});
export const todoAnswer = z.object({
  closures: list(todoItem),
  /** closure requests returned: the unit must do more and ask again */
  returned: list(todoItem),
  extensions: list(todoItem),
  reports: list(todoItem),
  notices: list(todoItem),
  /** leads whose deadline is near or past, or whose follow-up is due (纪检, 监督) */
  leads: list(z.object({ code: z.string(), summary: z.string(), since: z.string(), text: z.string() })),
  /** what the public sent, not yet handled (整改办) */
  submissions: list(z.object({ ref: z.string(), since: z.string(), text: z.string() })),
  /** 绩效运行监控 points reached and not reported by the units in view */
  monitoring: list(
    z.object({
      target: z.number(),
      unit: z.string(),
      year: z.number(),
      period: z.string(),
      label: z.string(),
      due: z.string(),
      late: z.boolean(),
    }),
  ),
});
export type TodoAnswer = z.infer<typeof todoAnswer>;
export type TodoItem = z.infer<typeof todoItem>;

export const notificationKind = z.enum(['due-soon', 'overdue', 'missed-report', 'warning', 'escalation']);
export type NotificationKind = z.infer<typeof notificationKind>;

const mergedNotification = z.object({
  /** the notifications merged into this one: marking it read marks them all */
  ids: list(z.number()),
  kind: notificationKind,
  kinds: list(notificationKind),
  rung: z.string().nullable(),
  messages: list(z.string()),
  day: z.string(),
  status: z.enum(['pending', 'read', 'cancelled']),
  cancelledReason: z.string().nullable(),
  problem: z.string(),
  title: z.string(),
  unit: z.string().nullable(),
});
export type MergedNotification = z.infer<typeof mergedNotification>;

export const notificationsAnswer = z.object({ pending: z.number(), items: list(mergedNotification) });
export const unreadAnswer = z.object({ pending: z.number() });
export const readAnswer = z.object({ read: z.number() });
