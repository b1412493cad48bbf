// What each route of the API accepts and answers, by method and path: the one contract between the server and the web.
// The server declares these schemas as its routes' path, query, body and response (a test holds every route to its
// own entry), /api/docs describes them, and the web calls `api('POST /api/…', url, body)` — its body typed by what
// the route accepts and its answer by `Answer<'…'>` — so a change on one side that the other does not follow fails
// the web's type check rather than a screen.
import type { z } from 'zod';
import { actionsAccepts } from './accepts/actions.ts';
import { adminAccepts } from './accepts/admin.ts';
import { evidenceAccepts } from './accepts/evidence.ts';
import { generatedDocumentsAccepts } from './accepts/generated-documents.ts';
import { ledgerAccepts } from './accepts/ledger.ts';
import { notificationsAccepts } from './accepts/notifications.ts';
import { perfAccepts } from './accepts/perf.ts';
import { leadsAccepts } from './accepts/leads.ts';
import { publicSupervisionAccepts } from './accepts/public-supervision.ts';
import { recurrenceAccepts } from './accepts/recurrence.ts';
import { reportImportAccepts } from './accepts/report-import.ts';
import { sessionAccepts } from './accepts/session.ts';
import { securityAccepts } from './accepts/security.ts';
import { auditChainAnswer, auditEventsAnswer, personalRecordAnswer, policyAnswer, secondFactorAnswer, unlockAnswer } from './security.ts';
import { supervisionAccepts } from './accepts/supervision.ts';
import {
  accountNamed,
  backupMadeAnswer,
  backupsAnswer,
  passwordResetAnswer,
  peopleAnswer,
  unitNamed,
  unitsAnswer,
  usersAnswer,
} from './admin.ts';
import { measuresAnswer, problemsAnswer, sourceOwnerAnswer, sourcesAnswer, statsAnswer, trendAnswer } from './ledger.ts';
import { deadlineAnswer, evidenceTextAnswer, problemDetailAnswer, statusAnswer, updatedAnswer } from './problem.ts';
import {
  perfAnswer,
  perfCreatedAnswer,
  perfListAnswer,
  perfSavedAnswer,
  perfToLedgerAnswer,
  savedVersion,
  scoredAnswer,
  targetDetailAnswer,
  monitoringAnswer,
  monitoringSaved,
  targetListAnswer,
  yearsAnswer,
} from './perf.ts';
import { checkAnswer, importAnswer, progressAnswer, workbookImportAnswer } from './reading.ts';
import {
  assessmentAnswer,
  assessmentsAnswer,
  matchesAnswer,
  publicationAnswer,
  supervisionPolicyAnswer,
  supervisionRunAnswer,
  reminderChannelsAnswer,
  channelTestAnswer,
  deliveriesAnswer,
} from './supervision.ts';
import {
  publicationsAnswer,
  publishedAnswer,
  submissionAnswer,
  submissionContactAnswer,
  submissionHandledAnswer,
  submissionsAnswer,
} from './public-supervision.ts';
import { leadCreatedAnswer, leadDetailAnswer, leadFiguresAnswer, leadStepAnswer, leadsAnswer } from './leads.ts';
import { created, done, evidenceAdded, fileAnswer, healthAnswer } from './values.ts';
import { notificationsAnswer, readAnswer, sessionAnswer, todoAnswer, unreadAnswer } from './work.ts';

export const answers = {
  'GET /api/health': healthAnswer,
  // session
  'POST /api/session': sessionAnswer,
  'GET /api/session': sessionAnswer,
  'DELETE /api/session': done,
  'POST /api/session/password': done,
  'POST /api/session/second-factor/begin': secondFactorAnswer,
  'POST /api/session/second-factor': done,
  'GET /api/session/record': personalRecordAnswer,
  // the ledger read
  'GET /api/sources': sourcesAnswer,
  'PUT /api/sources/:source/owner': sourceOwnerAnswer,
  'GET /api/stats': statsAnswer,
  'GET /api/stats/trend': trendAnswer,
  'GET /api/problems': problemsAnswer,
  'GET /api/measures': measuresAnswer,
  'GET /api/problems/:code': problemDetailAnswer,
  // a problem changed
  'POST /api/problems/:code/assign': done,
  'POST /api/problems/bulk-assign': updatedAnswer,
  'POST /api/problems/:code/progress': done,
  'POST /api/problems/:code/evidence': evidenceAdded,
  'POST /api/problems/:code/closure': created,
  'POST /api/problems/:code/closure/decision': statusAnswer,
  'POST /api/problems/:code/extension': created,
  'POST /api/problems/:code/extension/decision': deadlineAnswer,
  'POST /api/problems/:code/supervision': done,
  'POST /api/problems/:code/lookback': statusAnswer,
  'POST /api/problems/:code/outcomes': created,
  // evidence and kept documents
  'GET /api/evidence/:id/file': fileAnswer,
  'GET /api/evidence/:id/text': evidenceTextAnswer,
  'GET /api/documents/:id/file': fileAnswer,
  // documents in and out
  'POST /api/check': checkAnswer,
  'POST /api/import': importAnswer,
  'GET /api/progress/:token': progressAnswer,
  'GET /api/sources/:source/reports/:kind': fileAnswer,
  'GET /api/problems/:code/forms/:kind': fileAnswer,
  'GET /api/sources/:source/workbook': fileAnswer,
  'POST /api/workbook': workbookImportAnswer,
  'GET /api/sources/:source/publication': publicationAnswer,
  'PUT /api/sources/:source/publication': publicationAnswer,
  // supervision
  'POST /api/supervision/run': supervisionRunAnswer,
  'GET /api/supervision/weekly': fileAnswer,
  'GET /api/supervision/monthly': fileAnswer,
  'GET /api/assessment': assessmentsAnswer,
  'GET /api/assessment/:source': assessmentAnswer,
  'GET /api/sources/:source/supervision': supervisionPolicyAnswer,
  'PUT /api/sources/:source/supervision': supervisionPolicyAnswer,
  'GET /api/reminder-channels': reminderChannelsAnswer,
  'POST /api/reminder-channels': created,
  'DELETE /api/reminder-channels/:id': done,
  'POST /api/reminder-channels/:id/test': channelTestAnswer,
  'GET /api/deliveries': deliveriesAnswer,
  'POST /api/deliveries/:id/resend': done,
  'GET /api/problems/:code/matches': matchesAnswer,
  'POST /api/matches/:id/decision': done,
  // the leads register
  'GET /api/leads': leadsAnswer,
  'POST /api/leads': leadCreatedAnswer,
  'GET /api/leads/figures': leadFiguresAnswer,
  'GET /api/leads/:code': leadDetailAnswer,
  'POST /api/leads/:code/steps': leadStepAnswer,
  'POST /api/leads/:code/problems': done,
  // public supervision: publications and the intake queue
  'GET /api/sources/:source/publications': publicationsAnswer,
  'POST /api/sources/:source/publications': publishedAnswer,
  'GET /api/submissions': submissionsAnswer,
  'GET /api/submissions/:ref': submissionAnswer,
  'GET /api/submissions/:ref/contact': submissionContactAnswer,
  'POST /api/submissions/:ref/actions': submissionHandledAnswer,
  // notifications and 待办
  'GET /api/notifications': notificationsAnswer,
  'GET /api/notifications/unread': unreadAnswer,
  'POST /api/notifications/:id/read': done,
  'POST /api/notifications/read': readAnswer,
  'GET /api/todo': todoAnswer,
  // self-evaluation
  'GET /api/perf': perfListAnswer,
  'POST /api/perf': perfCreatedAnswer,
  'GET /api/perf/:id/years': yearsAnswer,
  'GET /api/perf-targets': targetListAnswer,
  'POST /api/perf-targets': created,
  'GET /api/perf-targets/:id': targetDetailAnswer,
  'PUT /api/perf-targets/:id': savedVersion,
  'POST /api/perf-targets/:id/approve': done,
  'POST /api/perf-targets/:id/evaluation': created,
  'POST /api/perf-targets/:id/next-year': created,
  'DELETE /api/perf-targets/:id': done,
  'GET /api/perf-targets/:id/monitoring': monitoringAnswer,
  'PUT /api/perf-targets/:id/monitoring/settings': done,
  'POST /api/perf-targets/:id/monitoring': monitoringSaved,
  'GET /api/perf-targets/:id/monitoring/workbook': fileAnswer,
  'GET /api/perf-targets/:id/monitoring/:period/report': fileAnswer,
  'GET /api/perf/:id': perfAnswer,
  'POST /api/perf/score': scoredAnswer,
  'PUT /api/perf/:id': perfSavedAnswer,
  'GET /api/perf/:id/export/:format': fileAnswer,
  'GET /api/perf/:id/report': fileAnswer,
  'POST /api/perf/:id/to-ledger': perfToLedgerAnswer,
  // the organisation and accounts
  'GET /api/units': unitsAnswer,
  'POST /api/units': created,
  'PUT /api/units/:id': done,
  'PUT /api/units/:id/retired': unitNamed,
  'GET /api/people': peopleAnswer,
  'POST /api/people': created,
  'GET /api/users': usersAnswer,
  'POST /api/users': created,
  'PUT /api/users/:id': done,
  'POST /api/users/:id/password-reset': passwordResetAnswer,
  'PUT /api/users/:id/active': accountNamed,
  'GET /api/backups': backupsAnswer,
  'POST /api/backups': backupMadeAnswer,
  'GET /api/backups/:name': fileAnswer,
  // the security administrator's grants and policy, the audit administrator's log
  'PUT /api/users/:id/role': done,
  'POST /api/users/:id/unlock': unlockAnswer,
  'DELETE /api/users/:id/second-factor': accountNamed,
  'GET /api/security-policy': policyAnswer,
  'PUT /api/security-policy': policyAnswer,
  'GET /api/audit/events': auditEventsAnswer,
  'GET /api/audit/events/export': fileAnswer,
  'GET /api/audit/chain': auditChainAnswer,
} as const;

export type Route = keyof typeof answers;
/** What a route answers, as the web reads it. */
export type Answer<R extends Route> = z.infer<(typeof answers)[R]>;

interface Accepted {
  readonly params?: z.ZodType;
  readonly querystring?: z.ZodType;
  readonly body?: z.ZodType;
}

/** What each route accepts — its path, query string and JSON body — by the same method and path. */
export const accepts = {
  'GET /api/health': {},
  ...sessionAccepts,
  ...ledgerAccepts,
  ...actionsAccepts,
  ...evidenceAccepts,
  ...reportImportAccepts,
  ...generatedDocumentsAccepts,
  ...supervisionAccepts,
  ...recurrenceAccepts,
  ...leadsAccepts,
  ...publicSupervisionAccepts,
  ...notificationsAccepts,
  ...perfAccepts,
  ...adminAccepts,
  ...securityAccepts,
} as const satisfies Record<Route, Accepted>;

/** The routes whose body is a form with files (multipart), not JSON. */
export type Upload =
  | 'POST /api/problems/:code/evidence'
  | 'POST /api/check'
  | 'POST /api/import'
  | 'POST /api/workbook'
  | 'POST /api/perf'
  | 'POST /api/perf-targets';

/** A value as a sender may hold it: lists it will not change are as good as lists it could. */
type Sendable<T> = T extends readonly (infer U)[]
  ? readonly Sendable<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Sendable<T[K]> }
    : T;

/** What a screen sends a route: its JSON body as the route's schema takes it, a form for an upload, else nothing. */
export type Body<R extends Route> = R extends Upload
  ? FormData
  : (typeof accepts)[R] extends { readonly body: infer B extends z.ZodType }
    ? Sendable<z.input<B>>
    : undefined;

/** The names of a route's path parameters: 'GET /api/problems/:code/forms/:kind' → 'code' | 'kind'. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** What a screen gives a route: its path's parameters, its query string and its body, each as the route takes it. */
export type Request<R extends Route> = ([ParamNames<R>] extends [never]
  ? { readonly params?: undefined }
  : { readonly params: Readonly<Record<ParamNames<R>, string | number>> }) &
  ((typeof accepts)[R] extends { readonly querystring: infer Q extends z.ZodType }
    ? { readonly query?: Partial<Record<keyof z.input<Q>, string | number | boolean | null | undefined>> }
    : { readonly query?: undefined }) &
  (Body<R> extends undefined ? { readonly body?: undefined } : { readonly body: Body<R> });
