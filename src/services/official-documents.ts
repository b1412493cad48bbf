// Use cases: the documents an office hands upward or publishes — the 通报 (public or internal), the 整改方案, the
// report to the People's Congress, and for one item the 督办单 and the 对账销号单 — generated from the ledger as it
// stood on an as-of day. The snapshot is read here; what the documents say is decided in core/official.
import { leadStatistics } from '../core/leads/statistics.ts';
import { leadDatesOfSource } from '../store/lead.repository.ts';
import { submissionDatesOfSource } from '../store/submission.repository.ts';
import { submissionFigures } from '../core/public/submission.ts';
import type { Scope } from '../core/access/permissions.ts';
import type { Finding } from '../core/check/finding.ts';
import { addDecimals } from '../core/money.ts';
import { isIsoDate } from '../core/ledger/dates.ts';
import type { Triage } from '../core/ledger/ledger-sheet.ts';
import type { LedgerStatus } from '../core/ledger/problem-state.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../core/ledger/supervision.ts';
import { REPORT_NAME, type ReportKind } from '../core/official/report-names.ts';
import { closureForm, noticeRefusal, supervisionNotice, type ItemFacts } from '../core/official/item-forms.ts';
import type { LedgerSnapshot, OfficialDocument, SnapshotMeasure, SnapshotProblem } from '../core/official/model.ts';
import { publicationOf, reportContacts, type PublicationSettings } from '../core/official/publication.ts';
import { runHeavy } from './heavy-work.ts';
import type { Db } from '../store/open-database.ts';
import type { ClaimDifference } from '../core/ledger/claim-differences.ts';
import { ledgerStatistics, problemDetail, sourceClaims } from './ledger-queries.ts';
import { aspectsOfSource } from '../store/ledger.repository.ts';
import { latestClosure } from '../store/request.repository.ts';
import { cooperatingUnitsOf, measuresWithOwners, moneyRecorded, personNames, problemsAsOfDay } from '../store/snapshot.repository.ts';
import { sourceInScope, sourceSigning } from '../store/source.repository.ts';
import { supervisionOfProblem } from '../store/supervision.repository.ts';
import { refuseUnowned } from './source-owner.ts';
import { ActionRefused, NotFoundError } from '../core/errors.ts';
import { ITEM_FORM_NAME, type ItemFormKind } from '../core/official/item-forms.ts';
import { RECTIFICATION_OFFICE } from '../core/vocabulary.ts';
import { internalMark } from '../core/official/internal-mark.ts';

export interface ReportRequest {
  readonly source: string;
  readonly kind: ReportKind;
  /** the day the figures are taken on; default today */
  readonly asOf?: string | undefined;
  /** 成文日期; default today */
  readonly date?: string | undefined;
  readonly public?: boolean | undefined;
  readonly today: string;
  readonly scope: Scope;
  /** who asks for it: an internal version carries their name and the moment on every page */
  readonly generatedBy?: string | undefined;
}

export interface GeneratedFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly document: OfficialDocument;
  /**
   * What the report checks find when the generated report is read back like any published one. Figures agree by
   * construction; what can still be found are the ledger's own faults (an inspection that ends before it starts).
   */
  readonly findings: readonly Finding[];
}

/** A source the viewer sees; `owned`: one it owns, as making its documents needs (refused by name otherwise). */
async function sourceRow(db: Db, code: string, scope: Scope, owned: boolean) {
  const s = await sourceInScope(db, code, scope, owned);
  if (s) return s;
  if (owned) return refuseUnowned(db, code, scope, '由它的台账生成公文');
  throw new NotFoundError(`没有编号为“${code}”的整改来源`);
}

export async function publicationSettings(db: Db, code: string, scope: Scope): Promise<PublicationSettings> {
  const s = await sourceRow(db, code, scope, false);
  return publicationOf(s.publication, reportContacts(s.parsed));
}

/** The ledger of one source as it stood at the end of `asOf`: statuses from the status history, notes and money by then. */
export async function ledgerSnapshot(db: Db, code: string, asOf: string, today: string, scope: Scope): Promise<LedgerSnapshot> {
  const s = await sourceRow(db, code, scope, true);
  const rows = await problemsAsOfDay(db, s.id, asOf, scope);
  const present = rows.filter((r) => r.status_on !== null);
  const ids = present.map((r) => r.id);
  const aspects = await aspectsOfSource(db, s.id);
  const measures = await measuresWithOwners(db, ids);
  const cooperating = await cooperatingUnitsOf(db, ids);
  const money = await moneyRecorded(db, ids, asOf);
  const people = await personNames(db);
  const byProblem = <T extends { problem_id: number | null }>(xs: readonly T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) if (x.problem_id !== null) m.set(x.problem_id, [...(m.get(x.problem_id) ?? []), x]);
    return m;
  };
  const measuresOf = byProblem(measures);
  const cooperatingOf = byProblem(cooperating);
  const moneyOf = byProblem(money);
  const childrenOf = new Map<number, typeof present>();
  for (const r of present) if (r.parent_id !== null) childrenOf.set(r.parent_id, [...(childrenOf.get(r.parent_id) ?? []), r]);
  const toProblem = (r: (typeof present)[number]): SnapshotProblem => {
    const m = (moneyOf.get(r.id) ?? []).map((o) => o.amount_wan).filter((a): a is string => a !== null);
    return {
      code: r.code,
      title: r.title,
      detail: r.detail,
      status: r.status_on as LedgerStatus,
      longTerm: r.long_term,
      triage: r.triage as Triage | null,
      leadUnit: r.lead_unit,
      cooperatingUnits: (cooperatingOf.get(r.id) ?? []).map((c) => c.name),
      leadLeader: r.lead_leader,
      responsiblePerson: r.responsible,
      deadline: r.deadline,
      target: r.target,
      progress: r.progress,
      measures: (measuresOf.get(r.id) ?? []).map(
        (x): SnapshotMeasure => ({
          ordinal: x.ordinal,
          text: x.text,
          status: x.status as SnapshotMeasure['status'],
          ownerUnit: x.unit,
          ownerPerson: x.person,
          deadline: x.deadline,
        }),
      ),
      latestNote: r.note,
      moneyWan: m.length ? addDecimals(m) : null,
      children: (childrenOf.get(r.id) ?? []).map(toProblem),
      origin: r.origin,
    };
  };
  const top = present.filter((r) => r.parent_id === null);
  const snapshotAspects = aspects.map((a) => ({ title: a.title, problems: top.filter((r) => r.aspect_id === a.id).map(toProblem) }));
  const loose = top.filter((r) => r.aspect_id === null).map(toProblem);
  const leads = (await leadDatesOfSource(db, s.code)).map((l) => ({
    transferredOn: l.transferred_on,
    receivedOn: l.received_on,
    deadline: l.deadline,
    concludedOn: l.concluded_on,
    lastStepOn: l.last_step_on,
    sourceCode: l.source_code,
    receiver: l.receiver,
    origin: l.origin,
  }));
  const [problems, specific] = await Promise.all([
    ledgerStatistics(db, { source: code, asOf, today, scope }),
    ledgerStatistics(db, { source: code, asOf, today, level: 'specific', scope }),
  ]);
  return {
    source: {
      code: s.code,
      kind: s.kind,
      title: s.title,
      issuer: s.issuer,
      round: s.round,
      team: s.team,
      inspectedUnit: s.inspected_unit,
      periodStart: s.period_start,
      periodEnd: s.period_end,
      feedbackDate: s.feedback_date,
    },
    asOf,
    aspects: [...snapshotAspects.filter((a) => a.problems.length > 0), ...(loose.length ? [{ title: null, problems: loose }] : [])],
    problems,
    specific,
    measures: measures.length,
    stated: statedWhole(await sourceClaims(db, code, today, scope)),
    people,
    leads: leadStatistics(
      leads.filter((l) => l.origin === 'source'),
      asOf,
    ),
    publicLeads: leadStatistics(
      leads.filter((l) => l.origin === 'public'),
      asOf,
    ),
    submissions: submissionFigures(
      (await submissionDatesOfSource(db, s.id)).map((r) => ({
        receivedOn: r.received_on,
        handledOn: r.handled_on,
        duplicate: r.duplicate_of !== null,
      })),
      asOf,
    ),
  };
}

/** The source's own whole-report figures, beside the ledger's. */
function statedWhole(claims: readonly ClaimDifference[]): LedgerSnapshot['stated'] {
  const whole = (metric: string) => claims.find((c) => c.scope === null && c.metric === metric)?.stated ?? null;
  return { problems: whole('problems'), completed: whole('completed') };
}

function checkDay(label: string, day: string | undefined, today: string): string {
  if (day === undefined) return today;
  if (!isIsoDate(day)) throw new ActionRefused(`${label}“${day}”不是有效日期，应写作 2024-12-02`);
  return day;
}

export async function generateReport(db: Db, r: ReportRequest): Promise<GeneratedFile> {
  const asOf = checkDay('统计截止日期', r.asOf, r.today);
  const date = checkDay('成文日期', r.date, r.today);
  if (asOf > r.today) throw new ActionRefused(`统计截止日期 ${asOf} 晚于今天，台账还没有那一天的数据`);
  if (date < asOf) throw new ActionRefused(`成文日期 ${date} 早于统计截止日期 ${asOf}`);
  const snapshot = await ledgerSnapshot(db, r.source, asOf, r.today, r.scope);
  if (r.kind === 'npc' && snapshot.source.kind !== 'audit')
    throw new ActionRefused(`${r.source} 不是审计查出的问题，不能生成审计查出问题整改情况的报告`);
  const settings = await publicationSettings(db, r.source, r.scope);
  const variant = r.kind === 'tongbao' ? (r.public ? '（公开版）' : '（内部版）') : '';
  const fileName = `${r.source}-${REPORT_NAME[r.kind]}${variant}-${asOf}.docx`;
  const mark = !r.public && r.generatedBy ? internalMark(r.generatedBy, new Date()) : undefined;
  const { document, bytes, findings } = await runHeavy(
    'writeOfficialReport',
    r.kind,
    snapshot,
    settings,
    { public: r.public === true, date },
    fileName,
    mark,
  );
  return { fileName, bytes, document, findings };
}

export async function generateItemForm(
  db: Db,
  code: string,
  kind: ItemFormKind,
  today: string,
  scope: Scope,
  generatedBy?: string,
): Promise<GeneratedFile> {
  const d = await problemDetail(db, code, today, scope);
  const [source, supervision, closure] = await Promise.all([
    sourceSigning(db, d.problem.source.code),
    supervisionOfProblem(db, code),
    latestClosure(db, code),
  ]);
  const settings = publicationOf(source.publication, reportContacts(source.parsed));
  const issuer = `${settings.issuer ?? source.issuer ?? source.inspected_unit ?? ''}${RECTIFICATION_OFFICE}`;
  const facts: ItemFacts = {
    code: d.problem.code,
    title: d.problem.title,
    sourceTitle: d.problem.source.title,
    aspect: d.problem.aspect,
    status: d.problem.status,
    longTerm: d.problem.longTerm,
    progress: d.problem.progress,
    leadUnit: d.problem.leadUnit,
    cooperatingUnits: d.problem.cooperatingUnits,
    leadLeader: d.problem.leadLeader,
    responsiblePerson: d.problem.responsiblePerson,
    deadline: d.problem.deadline,
    target: d.problem.target,
    colour: d.problem.colour,
    measures: d.measures,
    // a status taken from a report rests on the report: it is listed first, as what the closure stands on
    evidence: [...(d.basis ? [{ fileName: `${d.basis.fileName}（所据报告）` }] : []), ...d.evidence],
    supervision: supervision.map((x) => ({ at: x.at, label: SUPERVISION_LABEL[x.kind as SupervisionKind] ?? x.kind })),
    closure: closure
      ? {
          requestedBy: closure.requested_by,
          requestedAt: closure.requested_at,
          note: closure.note,
          decision: closure.decision,
          decidedBy: closure.decided_by,
          decidedAt: closure.decided_at,
          reason: closure.reason,
        }
      : null,
  };
  const refusal = kind === 'notice' ? noticeRefusal(facts) : null;
  if (refusal) throw new ActionRefused(refusal);
  const form = kind === 'notice' ? supervisionNotice(facts, issuer, today) : closureForm(facts, issuer, today);
  const document = generatedBy ? { ...form, watermark: internalMark(generatedBy, new Date()) } : form;
  return {
    fileName: `${code}-${ITEM_FORM_NAME[kind]}-${today}.docx`,
    bytes: await runHeavy('writeOfficialDocx', document),
    document,
    findings: [],
  };
}
