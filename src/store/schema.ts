// Row types of the ledger's tables, for the typed query layer. Dates are ISO strings ("2024-05-20"); numeric money
// is an exact decimal string; timestamps are Date.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { LedgerStatus } from '../core/ledger/problem-state.ts';
import type { Role } from '../core/access/permissions.ts';
import type { ChainAlgorithm } from '../core/access/audit-kinds.ts';
import type { MeasureStatus, Triage } from '../core/ledger/ledger-sheet.ts';
import type { SupervisionKind } from '../core/ledger/supervision.ts';
import type { MATCH_KIND_LABEL, MATCH_STATUS_LABEL, MoneyKind, UnitKind } from '../core/vocabulary.ts';
import type { MoneyUnit } from '../core/money.ts';
import type { Evaluation } from '../core/perf/evaluation.ts';
import type { TargetTable } from '../core/perf/target-table.ts';
import type { MonitoringInput, MonitoringResult } from '../core/perf/monitoring.ts';
import type { MonitoringNoticeKind, MonitoringSettings } from '../core/perf/monitoring-plan.ts';
import type { OfficialDocument } from '../core/official/model.ts';
import type { Origin, SubmissionKind } from '../core/public/submission.ts';

type Id = Generated<number>;
type Version = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type IsoDate = string;
type Decimal = string;

export interface OrgUnitTable {
  id: Id;
  parent_id: number | null;
  name: string;
  kind: Generated<UnitKind>;
  email: string | null;
  /** set when the unit was merged away or abolished: it keeps its history but takes no new work */
  retired_at: Date | null;
  version: Version;
  created_at: CreatedAt;
}
export interface PersonTable {
  id: Id;
  name: string;
  unit_id: number | null;
  post: string | null;
  phone: string | null;
  email: string | null;
  version: Version;
  created_at: CreatedAt;
}
export interface DocumentTable {
  id: Id;
  sha256: string;
  file_name: string;
  format: string;
  size: number;
  imported_at: CreatedAt;
  imported_by: string;
  /** the words' key (core/document/fingerprint.ts); null for documents kept before it existed */
  fingerprint: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface SourceTable {
  id: Id;
  code: string;
  kind: string;
  title: string;
  issuer: string | null;
  round: string | null;
  team: string | null;
  inspected_unit: string | null;
  /** the unit whose office owns the source's ledger: its people (and those above) see and manage it */
  owner_unit_id: number | null;
  period_start: IsoDate | null;
  period_end: IsoDate | null;
  feedback_date: IsoDate | null;
  report_date: IsoDate | null;
  as_of: IsoDate | null;
  document_id: number | null;
  report_index: number | null;
  report_lines: number[] | null;
  parsed: JSONColumnType<object, string, string> | null;
  findings: JSONColumnType<unknown[], string, string>;
  warning: JSONColumnType<object, string | null, string | null> | null;
  publication: JSONColumnType<object, string | null, string | null> | null;
  supervision: JSONColumnType<object, string | null, string | null> | null;
  version: Version;
  created_at: CreatedAt;
}
export interface AspectTable {
  id: Id;
  source_id: number;
  ordinal: number;
  title: string;
  line: number | null;
}
export interface ProblemTable {
  id: Id;
  source_id: number;
  aspect_id: number | null;
  parent_id: number | null;
  code: string;
  /** the code with its numbers padded, for listing in numeric order (migration 0013); written by the database */
  code_order: ColumnType<string, never, never>;
  ordinal: number;
  number: string | null;
  title: string;
  detail: string | null;
  triage: Triage | null;
  long_term: Generated<boolean>;
  status: Generated<LedgerStatus>;
  status_text: string | null;
  /** imported from a report that said nothing of its rectification, and no status recorded since (migration 0020) */
  status_untold: Generated<boolean>;
  progress: Generated<number>;
  lead_leader_id: number | null;
  lead_unit_id: number | null;
  responsible_person_id: number | null;
  start_date: IsoDate | null;
  deadline: IsoDate | null;
  target: string | null;
  amount_due: Decimal | null;
  amount_unit: MoneyUnit | null;
  source_line: number | null;
  reopened_count: Generated<number>;
  last_progress_at: IsoDate | null;
  /** the day the present lead unit was given the problem, when it was not given with the import (migration 0034) */
  lead_since: IsoDate | null;
  /** found by the source itself, or opened from what the public sent (migration 0028) */
  origin: Generated<Origin>;
  /** meaningful words of the title, space-separated: segmented once, for recurrence matching */
  words: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface ProblemUnitTable {
  problem_id: number;
  unit_id: number;
  role: string;
}
/** Raised by the database on every change to a source's figures (migration 0022): read by services/source-tally.ts. */
export interface SourceGenerationTable {
  source_id: number;
  gen: ColumnType<string, never, never>;
}
export interface MeasureTable {
  id: Id;
  problem_id: number;
  ordinal: number;
  text: string;
  owner_unit_id: number | null;
  owner_person_id: number | null;
  deadline: IsoDate | null;
  status: Generated<MeasureStatus>;
  progress: Generated<number>;
  source_line: number | null;
  version: Version;
  created_at: CreatedAt;
}
export interface StatusChangeTable {
  id: Generated<number>;
  problem_id: number;
  at: IsoDate;
  from_status: string | null;
  to_status: string;
  reason: string;
  /** who made the change (null only in histories kept before it was recorded) */
  actor: string | null;
  recorded_at: CreatedAt;
  /** the report or workbook an imported status was taken from */
  document_id: number | null;
}
export interface ProgressUpdateTable {
  id: Generated<number>;
  problem_id: number;
  measure_id: number | null;
  at: IsoDate;
  reported_by: string;
  text: string;
  progress: number | null;
  created_at: CreatedAt;
}
/** A kept file, by its content's SHA-256 (store/file-store.ts); complete once every chunk is written. */
export interface FileBlobTable {
  sha256: string;
  size: number;
  complete: Generated<boolean>;
  /** when stored, or last found again by a new upload (the sweep's clock) */
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface FileChunkTable {
  sha256: string;
  seq: number;
  bytes: Uint8Array;
}
export interface EvidenceTable {
  id: Id;
  problem_id: number;
  measure_id: number | null;
  file_name: string;
  sha256: string;
  size: number;
  mime: string;
  document_id: number | null;
  uploaded_by: string;
  uploaded_at: CreatedAt;
}
export interface ClosureRequestTable {
  id: Id;
  problem_id: number;
  requested_by: string;
  requested_at: IsoDate;
  note: string | null;
  evidence_ids: number[];
  decision: string | null;
  decided_by: string | null;
  decided_at: IsoDate | null;
  reason: string | null;
  version: Version;
  requested_recorded_at: CreatedAt;
  decided_recorded_at: Date | null;
}
export interface ExtensionRequestTable {
  id: Id;
  problem_id: number;
  requested_by: string;
  requested_at: IsoDate;
  reason: string;
  old_deadline: IsoDate | null;
  new_deadline: IsoDate;
  decision: string | null;
  decided_by: string | null;
  decided_at: IsoDate | null;
  decision_reason: string | null;
  version: Version;
  requested_recorded_at: CreatedAt;
  decided_recorded_at: Date | null;
}
export interface SupervisionActionTable {
  id: Id;
  problem_id: number;
  kind: SupervisionKind;
  at: IsoDate;
  by: string;
  note: string | null;
  recorded_at: CreatedAt;
}
export interface LookbackTable {
  id: Id;
  problem_id: number;
  at: IsoDate;
  by: string;
  result: string;
  note: string | null;
  recorded_at: CreatedAt;
}
export interface OutcomeTable {
  id: Id;
  source_id: number;
  problem_id: number | null;
  kind: string;
  money_kind: MoneyKind | null;
  amount: Decimal | null;
  unit: MoneyUnit | null;
  amount_wan: Decimal | null;
  title: string | null;
  edition: string | null;
  action: string | null;
  people: number | null;
  how: string | null;
  count: number | null;
  at: IsoDate | null;
  line: number | null;
  counted: Generated<boolean>;
  note: string | null;
}
export interface PerfEvaluationTable {
  id: Id;
  unit: string;
  year: number | null;
  /** the whole evaluation, its amounts as decimal strings (migration 0021) */
  data: JSONColumnType<Evaluation, string, string>;
  document_id: number | null;
  owner_unit_id: number | null;
  source_id: number | null;
  /** the 绩效目标表 it was started from (migration 0035) */
  target_id: ColumnType<number | null, number | null | undefined, number | null>;
  version: Version;
  created_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface PerfTargetTable {
  id: Id;
  unit: string;
  year: number | null;
  data: JSONColumnType<TargetTable, string, string>;
  document_id: number | null;
  owner_unit_id: number | null;
  version: Version;
  approved_by: string | null;
  approved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** the finance office's monitoring settings, possibly partial (core/perf/monitoring-plan.ts; migration 0036) */
  monitoring: ColumnType<Partial<MonitoringSettings>, string | undefined, string>;
  /** the ledger's day the table was approved: monitoring points from then on are chased */
  monitored_from: ColumnType<IsoDate | null, IsoDate | null | undefined, IsoDate | null>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
/** A monitoring point's report: what the unit reported and how it read against the targets (migration 0036). */
export interface PerfMonitoringTable {
  id: Id;
  target_id: number;
  period: string;
  as_of: IsoDate;
  input: JSONColumnType<MonitoringInput, string, string>;
  result: JSONColumnType<MonitoringResult, string, string>;
  version: Version;
  reported_by: string;
  reported_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface PerfNoticeTable {
  id: Generated<string>;
  key: string;
  target_id: number;
  period: string;
  kind: MonitoringNoticeKind;
  rung: SupervisionKind | null;
  day: IsoDate;
  message: string;
  created_at: CreatedAt;
}
export interface SupervisionStateTable {
  problem_id: number;
  colour: string | null;
  streak: number;
  observed_on: IsoDate;
  /** what the run read of the item (migration 0023): a later run of the same day skips it while this holds */
  fingerprint: string | null;
}
export interface NotificationTable {
  id: Generated<number>;
  key: string;
  problem_id: number;
  kind: string;
  rung: string | null;
  unit_id: number | null;
  person_id: number | null;
  deadline: IsoDate | null;
  message: string;
  day: IsoDate;
  status: Generated<string>;
  cancelled_reason: string | null;
  created_at: CreatedAt;
}
export interface SupervisionRunTable {
  id: Id;
  day: IsoDate;
  at: ColumnType<Date, Date | string, never>;
  created: number;
  cancelled: number;
  by: string;
  finished_at: CreatedAt;
}
export interface DeliveryTable {
  id: Generated<number>;
  key: string;
  channel: string;
  address: string;
  recipient: string;
  day: IsoDate;
  notification_ids: number[];
  subject: string;
  body: string;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  /** the messenger or SMS channel it goes to; null for e-mail */
  channel_id: ColumnType<number | null, number | null | undefined, number | null>;
}
export interface DeliveryAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  started_at: ColumnType<Date, Date | string, Date | string>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  outcome: 'sent' | 'failed' | 'interrupted' | null;
  error: string | null;
}
export interface ReminderChannelTable {
  id: Generated<number>;
  unit_id: number | null;
  person_id: number | null;
  kind: 'wecom' | 'dingtalk' | 'feishu' | 'webhook' | 'sms';
  name: string;
  /** sealed: the robot's address or the mobile number */
  target: string;
  /** sealed: the signing secret */
  secret: string | null;
  active: Generated<boolean>;
  created_by: string;
  created_at: CreatedAt;
}
export interface RecurrenceMatchTable {
  id: Id;
  problem_id: number;
  earlier_id: number;
  kind: keyof typeof MATCH_KIND_LABEL;
  score: Decimal;
  status: Generated<keyof typeof MATCH_STATUS_LABEL>;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface ClaimTable {
  id: Id;
  source_id: number;
  metric: string;
  value: string;
  scope: string | null;
  line: number;
  text: string;
}
export interface EventTable {
  id: Generated<number>;
  at: CreatedAt;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before: JSONColumnType<object, string | null, string | null> | null;
  after: JSONColumnType<object, string | null, string | null> | null;
  prev_hash: string;
  hash: string;
}

export interface NotificationReadTable {
  notification_id: number;
  user_id: number;
  read_at: CreatedAt;
}
export interface AppUserTable {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  /** null: created by the system administrator, waiting for the security administrator to grant a role */
  role: Role | null;
  unit_id: number | null;
  active: Generated<boolean>;
  /** an administrator reset the password: nothing but changing it is allowed until it is changed */
  must_change_password: Generated<boolean>;
  password_changed_at: Date | null;
  /** the authenticator's secret, sealed (services/field-cipher.ts); null: no second factor set up */
  totp_secret: string | null;
  /** when the person proved their authenticator with a code: until then the secret is not yet asked for */
  totp_confirmed_at: Date | null;
  /** the time step of the last code accepted: a code is taken once (RFC 6238, 5.2) */
  totp_last_step: string | number | null;
  version: Version;
  created_at: CreatedAt;
}
/** raised by the database on every change to accounts or units (migration 0029) */
export interface AccessGenerationTable {
  id: Generated<number>;
  gen: ColumnType<string, never, never>;
}
/** shared by the server processes (migration 0030) */
export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}
export interface SpentChallengeTable {
  nonce: string;
  expires_at: Date;
}
export interface UploadProgressTable {
  token: string;
  owner: number;
  done: number;
  total: number;
  at: Generated<Date>;
}
export interface UserSessionTable {
  id: string;
  user_id: number;
  csrf: string;
  created_at: CreatedAt;
  expires_at: Date | string;
  /** when the session last answered a request: one idle longer than the policy allows ends (migration 0031) */
  last_seen_at: Generated<Date>;
}
/** the one row of the security administrator's policy (core/access/security-policy.ts) */
export interface SecurityPolicyTable {
  id: Generated<number>;
  policy: JSONColumnType<object, string, string>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}
/** the event chain's hash function, when one was chosen at installation (no row: SHA-256) */
export interface AuditChainTable {
  id: Generated<number>;
  algorithm: ChainAlgorithm;
}
export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  at: Generated<Date>;
}
export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  ip: string;
  /** the SHA-256 of the browser's device cookie, when it sent one */
  device: string | null;
  at: CreatedAt;
}

export interface LoginAddressTable {
  user_id: number;
  ip: string;
  last_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LoginDeviceTable {
  user_id: number;
  device: string;
  last_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LeadTable {
  id: Id;
  code: string;
  source_id: number;
  phase: 'during' | 'after';
  receiver: 'discipline' | 'organisation' | 'other';
  receiver_name: string | null;
  /** the body as a unit of the organisation, when it is one: its 纪检 users see the leads it received */
  receiver_unit_id: number | null;
  summary: string;
  /** the people concerned: confidential, read by the leads register alone */
  persons: string | null;
  transferred_on: IsoDate;
  received_on: IsoDate | null;
  deadline: IsoDate;
  concluded_on: IsoDate | null;
  conclusion: string | null;
  last_step_on: IsoDate | null;
  created_by: string;
  version: Version;
  created_at: CreatedAt;
  /** handed over by the inspection or audit itself, or transferred from what the public sent (migration 0028) */
  origin: Generated<Origin>;
}
export interface LeadStepTable {
  id: Id;
  lead_id: number;
  kind: string;
  on_day: IsoDate;
  text: string;
  document: string | null;
  actor: string;
  recorded_at: CreatedAt;
}
export interface ProblemLeadTable {
  problem_id: number;
  lead_id: number;
  linked_by: string;
  linked_at: CreatedAt;
}
export interface LeadNoticeTable {
  id: Generated<string>;
  key: string;
  lead_id: number;
  kind: string;
  rung: string | null;
  deadline: IsoDate;
  day: IsoDate;
  message: string;
  created_at: CreatedAt;
}
export interface PublicationTable {
  id: Id;
  source_id: number;
  title: string;
  /** the public version as published (core/official/model.ts OfficialDocument), frozen */
  document: JSONColumnType<OfficialDocument>;
  as_of: IsoDate;
  published_on: IsoDate;
  /** the last day of its comment period (公开期限) */
  period_end: IsoDate;
  published_by: string;
  published_at: CreatedAt;
}
export interface SubmissionTable {
  id: Id;
  ref: string;
  publication_id: number;
  source_id: number;
  kind: SubmissionKind;
  content: string;
  /** the sender's, when given: read by the intake queue alone */
  contact_name: string | null;
  contact_phone: string | null;
  address_hash: string;
  content_hash: string;
  duplicate_of: number | null;
  received_on: IsoDate;
  received_at: CreatedAt;
  read_at: Date | null;
  read_by: string | null;
  reply: string | null;
  replied_on: IsoDate | null;
  replied_by: string | null;
  problem_id: number | null;
  lead_id: number | null;
  /** the day it was first handled: replied to, linked to a problem, made a problem or a lead */
  handled_on: IsoDate | null;
  version: Version;
}
export interface Database {
  reminder_channel: ReminderChannelTable;
  org_unit: OrgUnitTable;
  person: PersonTable;
  document: DocumentTable;
  source: SourceTable;
  aspect: AspectTable;
  problem: ProblemTable;
  problem_unit: ProblemUnitTable;
  source_generation: SourceGenerationTable;
  measure: MeasureTable;
  status_change: StatusChangeTable;
  progress_update: ProgressUpdateTable;
  evidence: EvidenceTable;
  file_blob: FileBlobTable;
  file_chunk: FileChunkTable;
  closure_request: ClosureRequestTable;
  extension_request: ExtensionRequestTable;
  supervision_action: SupervisionActionTable;
  lookback: LookbackTable;
  outcome: OutcomeTable;
  claim: ClaimTable;
  perf_evaluation: PerfEvaluationTable;
  perf_target: PerfTargetTable;
  perf_monitoring: PerfMonitoringTable;
  perf_notice: PerfNoticeTable;
  supervision_state: SupervisionStateTable;
  notification: NotificationTable;
  supervision_run: SupervisionRunTable;
  delivery: DeliveryTable;
  delivery_attempt: DeliveryAttemptTable;
  recurrence_match: RecurrenceMatchTable;
  event: EventTable;
  app_user: AppUserTable;
  notification_read: NotificationReadTable;
  user_session: UserSessionTable;
  security_policy: SecurityPolicyTable;
  password_history: PasswordHistoryTable;
  audit_chain: AuditChainTable;
  login_failure: LoginFailureTable;
  login_address: LoginAddressTable;
  login_device: LoginDeviceTable;
  lead: LeadTable;
  access_generation: AccessGenerationTable;
  server_secret: ServerSecretTable;
  spent_challenge: SpentChallengeTable;
  upload_progress: UploadProgressTable;
  lead_step: LeadStepTable;
  problem_lead: ProblemLeadTable;
  lead_notice: LeadNoticeTable;
  publication: PublicationTable;
  submission: SubmissionTable;
}
