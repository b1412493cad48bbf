// The one writer of a workbook's checked rows (core/ledger/workbook-plan.ts): a new source or an existing one, its
// problems inserted or updated at their version, each status through the state machine's "import" step only when
// the row's differs, units and people a workbook names created, measures and supervision records kept.
import type { WorkbookFormat } from '../../core/document/formats.ts';
import { sourceKindOf, type SourceKind } from '../../core/ledger/codes.ts';
import type { WorkbookPlan } from '../../core/ledger/workbook-plan.ts';
import type { WorkbookImportResult } from '../../core/ledger/ledger-sheet.ts';
import type { Scope } from '../../core/access/permissions.ts';
import { initialState, reportedStatus, transition, type LedgerStatus, type Transition } from '../../core/ledger/problem-state.ts';
import { LedgerWorkbookError, StaleVersionError } from '../../core/errors.ts';
import { appendEvents } from '../../store/event.repository.ts';
import { aspectsOfSource, insertAspects, insertMeasures, insertSource, type Tx } from '../../store/ledger.repository.ts';
import {
  deleteProblemUnits,
  insertProblems,
  insertProblemUnits,
  recordStatusChanges,
  updateProblemAtVersion,
} from '../../store/problem.repository.ts';
import { allUnits, insertUnit } from '../../store/org.repository.ts';
import { allPeople, insertPerson } from '../../store/person.repository.ts';
import { keepDocument } from '../../store/document.repository.ts';
import { updateMeasure } from '../../store/measure.repository.ts';
import { ownsSource, sourceByCode } from '../../store/source.repository.ts';
import { hasSupervisionAction, recordSupervisionActions } from '../../store/supervision.repository.ts';
import { lockProblemsOfSource, measureKeys } from '../../store/workbook.repository.ts';
import type { Ledger } from '../../store/open-database.ts';
import { storeFile } from '../../store/file-store.ts';
import { ownerOfNewSource, refuseUnowned } from '../source-owner.ts';
import { SOURCE_KIND_LABEL } from '../../core/ledger/codes.ts';

/** The import step never refuses (a row's status is taken as it stands); the type says it could. */
function statusAfter(t: Transition): LedgerStatus {
  if (!t.ok) throw new Error(t.error);
  return t.state.status;
}

/**
 * Names to ids for units and people, loaded once per import: a name not yet known is created (a workbook from
 * another ledger brings its own units and people along).
 */
async function nameIndex(trx: Tx) {
  const units = new Map((await allUnits(trx)).map((u) => [u.name, u.id]));
  const people = new Map<string, number>();
  for (const p of await allPeople(trx)) if (!people.has(p.name)) people.set(p.name, p.id);
  return {
    async unit(name: string | null): Promise<number | null> {
      if (!name) return null;
      const known = units.get(name);
      if (known) return known;
      const id = await insertUnit(trx, { name });
      units.set(name, id);
      return id;
    },
    async person(name: string | null, unit: number | null): Promise<number | null> {
      if (!name) return null;
      const known = people.get(name);
      if (known) return known;
      const id = await insertPerson(trx, { name, unit_id: unit });
      people.set(name, id);
      return id;
    },
  };
}

/** Which problem fields each of our columns writes: a unit's workbook updates an existing problem only where it has the column. */
const FIELDS_OF: Record<string, readonly string[]> = {
  方面: ['aspect_id'],
  问题: ['title', 'words'],
  长期整改: ['long_term'],
  整改类别: ['triage'],
  牵头单位: ['lead_unit_id'],
  责任领导: ['lead_leader_id'],
  责任人: ['responsible_person_id'],
  整改时限: ['deadline'],
  成效目标: ['target'],
  应改金额: ['amount_due', 'amount_unit'],
  '进度（%）': ['progress'],
};

/** Who imports a workbook, when, under which file name, into what they may manage. */
export interface WorkbookWriteContext {
  readonly actor: string;
  readonly today: string;
  readonly fileName: string;
  /** into an existing source only its owner imports */
  readonly scope: Scope;
  /** the owner of a source the import creates (an office importing: its unit; else the unit named as inspected) */
  readonly ownerUnitId?: number | null | undefined;
  /** what the workbook came as (an .xls is read as the .xlsx made of it, and kept as it came) */
  readonly format?: WorkbookFormat;
}

/**
 * Writes a workbook's checked rows in one transaction: a problem already on the ledger is updated at its version, its
 * status changed through the state machine's "import" step only when the row's differs. `mapped`: the columns a
 * unit's workbook has; an existing problem keeps everything else (its status too, when the workbook has no status
 * column).
 */
export async function writeWorkbookPlan(
  ledger: Ledger,
  wb: WorkbookPlan,
  bytes: Uint8Array,
  opts: WorkbookWriteContext,
  mapped?: ReadonlySet<string>,
): Promise<WorkbookImportResult> {
  // the workbook is kept first, chunk by chunk and outside the transaction (store/file-store.ts)
  const sha256 = await storeFile(ledger.db, bytes);
  return ledger.db.transaction().execute(async (trx) => {
    const names = await nameIndex(trx);
    let source = await sourceByCode(trx, wb.code);
    const created = !source;
    // into a source that exists, only its owner imports
    if (source && !(await ownsSource(trx, source.id, opts.scope))) await refuseUnowned(trx, wb.code, opts.scope, '向它导入台账');
    if (!source) {
      const kind = (
        Object.keys(SOURCE_KIND_LABEL).includes(wb.source.kind ?? '')
          ? wb.source.kind
          : sourceKindOf('', wb.source.title ?? '', wb.source.team)
      ) as SourceKind;
      source = await insertSource(trx, {
        code: wb.code,
        kind,
        title: wb.source.title ?? wb.code,
        team: wb.source.team,
        inspected_unit: wb.source.inspectedUnit,
        owner_unit_id: await ownerOfNewSource(trx, opts.ownerUnitId, wb.source.inspectedUnit),
        feedback_date: wb.source.feedbackDate,
        findings: '[]',
      });
    }
    const documentId = await keepDocument(trx, {
      sha256,
      file_name: opts.fileName,
      format: opts.format ?? 'xlsx',
      size: bytes.length,
      imported_by: opts.actor,
    });
    const aspects = new Map<string, number>();
    for (const a of await aspectsOfSource(trx, source.id)) aspects.set(a.title, a.id);
    const known = new Map((await lockProblemsOfSource(trx, source.id)).map((p) => [p.code, p]));
    // a row exported with its problem's version says which state of the problem it was edited from: a problem changed
    // since (progress reported, a closure decided) is not overwritten by an older copy of itself
    const stale = wb.problems.flatMap((p) => {
      const now = known.get(p.code)?.version;
      return p.version !== null && now !== undefined && now !== p.version
        ? [
            `问题清单第${p.row}行：问题 ${p.code} 在这份台账导出之后已有新的变更（导出时版本 ${p.version}，现为版本 ${now}），请重新导出后再修改导入`,
          ]
        : [];
    });
    if (stale.length) throw new LedgerWorkbookError(stale);
    const ids = new Map<string, number>();
    const events = [];
    // parents before their specific problems: "XC2021-01-008" before "XC2021-01-008-01"
    for (const p of [...wb.problems].sort((a, b) => a.code.split('-').length - b.code.split('-').length || a.code.localeCompare(b.code))) {
      let aspectId: number | null = null;
      if (p.aspect) {
        aspectId = aspects.get(p.aspect) ?? null;
        if (!aspectId) {
          aspectId = (await insertAspects(trx, [{ source_id: source.id, ordinal: aspects.size + 1, title: p.aspect }]))[0]?.id as number;
          aspects.set(p.aspect, aspectId);
        }
      }
      const lead = await names.unit(p.leadUnit);
      const parentCode = p.code.split('-').slice(0, -1).join('-');
      const values = {
        aspect_id: aspectId,
        parent_id: ids.get(parentCode) ?? null,
        title: p.title,
        words: null, // segmented again for recurrence matching when next needed
        triage: p.triage,
        long_term: p.longTerm,
        status: p.status as LedgerStatus,
        progress: p.progress,
        lead_unit_id: lead,
        lead_leader_id: await names.person(p.leadLeader, lead),
        responsible_person_id: await names.person(p.responsiblePerson, lead),
        deadline: p.deadline,
        target: p.target,
        amount_due: p.amountDue?.amount ?? null,
        amount_unit: p.amountDue?.unit ?? null,
        start_date: p.startDate,
        last_progress_at: p.lastReportAt,
      };
      const existing = known.get(p.code);
      const has = (column: string) => !existing || !mapped || mapped.has(column);
      if (existing && mapped) {
        const kept = Object.entries(FIELDS_OF)
          .filter(([column]) => !mapped.has(column))
          .flatMap(([, fields]) => fields);
        for (const f of [...kept, 'status', 'start_date', 'last_progress_at', 'parent_id'])
          if (f !== 'status' || !mapped.has('状态')) delete (values as Record<string, unknown>)[f];
      }
      const reason = `依据台账工作簿“${opts.fileName}”第${p.row}行`;
      // what the row's status makes of the problem's — or of a new one's first state: the state machine's "import"
      // step (a row cannot put a closure request on the ledger: 待审核销号 without one is read as being rectified)
      const before = existing
        ? {
            status: existing.status as LedgerStatus,
            longTerm: existing.long_term,
            pendingEvidence: 0,
            reopenedCount: existing.reopened_count,
          }
        : initialState(p.longTerm);
      const status: LedgerStatus =
        !existing || has('状态')
          ? statusAfter(transition(before, { kind: 'import', status: reportedStatus(p.status), from: reason }))
          : before.status;
      if ('status' in values) values.status = status;
      // a row that states a status tells it, a new problem's included: no longer the import's untold one
      const told = 'status' in values ? { status_untold: false } : {};
      let id: number;
      if (existing) {
        id = existing.id;
        if (
          !(await updateProblemAtVersion(trx, id, existing.version, {
            ...values,
            ...told,
            version: existing.version + 1,
            updated_at: new Date(),
          }))
        )
          throw new StaleVersionError(p.code);
      } else {
        const ordinal = Number(p.code.split('-').pop()) || 1;
        id = (await insertProblems(trx, [{ ...values, status, source_id: source.id, code: p.code, ordinal }])).get(p.code) as number;
      }
      ids.set(p.code, id);
      if (!existing || existing.status !== status) {
        await recordStatusChanges(trx, [
          {
            problem_id: id,
            at: opts.today,
            from_status: (existing?.status as LedgerStatus | undefined) ?? null,
            to_status: status,
            reason,
            actor: opts.actor,
            // the workbook is the basis of the status it states, kept once as a document
            document_id: documentId,
          },
        ]);
      }
      const pu: { problem_id: number; unit_id: number; role: string }[] = [];
      if (has('牵头单位')) {
        await deleteProblemUnits(trx, id, 'lead');
        if (lead) pu.push({ problem_id: id, unit_id: lead, role: 'lead' });
      }
      if (has('配合单位')) {
        await deleteProblemUnits(trx, id, 'cooperating');
        for (const name of p.cooperatingUnits) {
          const u = (await names.unit(name)) as number;
          if (u !== lead) pu.push({ problem_id: id, unit_id: u, role: 'cooperating' });
        }
      }
      await insertProblemUnits(trx, pu);
      events.push({
        actor: opts.actor,
        entity: 'problem',
        entityId: id,
        action: existing ? 'workbook-update' : 'workbook-import',
        after: { code: p.code, status },
      });
    }
    for (const sv of wb.supervision) {
      const problemId = ids.get(sv.code);
      if (!problemId) continue;
      if (!(await hasSupervisionAction(trx, problemId, sv.kind, sv.at)))
        await recordSupervisionActions(trx, [
          { problem_id: problemId, kind: sv.kind, at: sv.at, by: opts.actor, note: `依据台账工作簿督办清单第${sv.row}行` },
        ]);
    }
    const knownMeasures = new Map(
      (ids.size ? await measureKeys(trx, [...ids.values()]) : []).map((m) => [`${m.problem_id}:${m.ordinal}`, m]),
    );
    for (const m of wb.measures) {
      const problemId = ids.get(m.problem) as number;
      const owner = await names.unit(m.ownerUnit);
      const values = {
        text: m.text,
        owner_unit_id: owner,
        owner_person_id: await names.person(m.ownerPerson, owner),
        deadline: m.deadline,
        status: m.status,
        progress: m.progress,
      };
      const existing = knownMeasures.get(`${problemId}:${m.ordinal}`);
      if (existing) await updateMeasure(trx, existing.id, values);
      else await insertMeasures(trx, [{ ...values, problem_id: problemId, ordinal: m.ordinal }]);
    }
    await appendEvents(trx, [
      {
        actor: opts.actor,
        entity: 'source',
        entityId: source.id,
        action: 'workbook-import',
        after: { code: source.code, fileName: opts.fileName, sha256, problems: wb.problems.length, measures: wb.measures.length },
      },
      ...events,
    ]);
    return { source: source.code, created, problems: wb.problems.length, measures: wb.measures.length };
  });
}
