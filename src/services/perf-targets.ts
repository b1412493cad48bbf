// Use cases of the 绩效目标表 set at budget time: read one from a file (text, .docx, .pdf or .xlsx, as a 自评表 is
// read) and keep it — refused whole, row by row, where it cannot be a year's targets; change it (versioned: a change
// after approval takes the approval away); approve it; and start the year's self-evaluation from it, once, so the
// 自评表 is filled in from the targets (and the reasons the year's monitoring gave) instead of typed again.
import type { Scope } from '../core/access/permissions.ts';
import { ActionRefused, NotFoundError, PerfImportError, StaleVersionError, TargetImportError, TargetRefused } from '../core/errors.ts';
import { evaluationFromTargets, type TargetTable, targetTableOf, targetTableRefusals } from '../core/perf/target-table.ts';
import { keepDocument } from '../store/document.repository.ts';
import { appendEvents } from '../store/event.repository.ts';
import { storeFile } from '../store/file-store.ts';
import type { Db, Ledger } from '../store/open-database.ts';
import {
  evaluationOfTarget,
  insertEvaluation,
  insertTarget,
  lockTarget,
  removeTarget,
  targetInScope,
  targetOf,
  targetsInScope,
  updateTarget,
} from '../store/perf.repository.ts';
import { previousYearFindings, readEvaluation } from './perf-evaluations.ts';
import { monitoringPeriods, monitoringSettingsOf } from '../core/perf/monitoring-plan.ts';
import { reportsOfTarget } from '../store/perf-monitoring.repository.ts';
import { iso } from './security-log.ts';

const rowOf = (k: number) => `第 ${k + 1} 项指标`;

/** Reads a target table from a file; TargetImportError names every cell and row that cannot be taken. */
export async function readTargets(name: string, bytes: Uint8Array): Promise<{ targets: TargetTable; format: string }> {
  let read: Awaited<ReturnType<typeof readEvaluation>>;
  try {
    read = await readEvaluation(name, bytes, { scheme: 'none' });
  } catch (e) {
    // the same reader, the same cell-by-cell reasons, in the words of a target table
    if (e instanceof PerfImportError)
      throw new TargetImportError(
        e.reasons.map((r) =>
          r.replace('绩效自评表', '绩效目标表').replace('年度指标值、实际完成值、分值、得分”', '年度指标值”（可有分值）'),
        ),
      );
    throw e;
  }
  const targets = targetTableOf(read.evaluation);
  const refusals = targetTableRefusals(targets, (line, k) => (line ? read.origin(line) : rowOf(k)));
  if (refusals.length) throw new TargetImportError(refusals);
  return { targets, format: read.format };
}

export async function importTargets(
  ledger: Ledger,
  file: { name: string; bytes: Uint8Array },
  actor: string,
  ownerUnitId: number | null = null,
): Promise<{ id: number; targets: TargetTable }> {
  const { targets, format } = await readTargets(file.name, file.bytes);
  const sha256 = await storeFile(ledger.db, file.bytes);
  const id = await ledger.db.transaction().execute(async (trx) => {
    const documentId = await keepDocument(trx, { sha256, file_name: file.name, format, size: file.bytes.length, imported_by: actor });
    const id = await insertTarget(trx, {
      unit: targets.unit,
      year: targets.year,
      data: JSON.stringify(targets),
      document_id: documentId,
      owner_unit_id: ownerUnitId,
      created_by: actor,
    });
    await appendEvents(trx, [
      {
        actor,
        entity: 'perf_target',
        entityId: id,
        action: 'import',
        after: { unit: targets.unit, year: targets.year, file: file.name, sha256, indicators: targets.indicators.length },
      },
    ]);
    return id;
  });
  return { id, targets };
}

export async function listTargets(db: Db, scope: Scope) {
  return (await targetsInScope(db, scope)).map((r) => ({
    id: r.id,
    unit: r.unit,
    year: r.year,
    indicators: r.data.indicators.length,
    approved: r.approved_at !== null,
    evaluation: r.evaluation_id ?? null,
    owner: r.owner ?? null,
  }));
}

export async function getTargets(db: Db, id: number, scope: Scope) {
  const r = await targetInScope(db, id, scope);
  if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
  return {
    id: r.id,
    version: r.version,
    targets: r.data,
    approved: r.approved_at ? { by: r.approved_by as string, at: iso(r.approved_at) } : null,
    evaluation: r.evaluation_id ?? null,
    refusals: targetTableRefusals(r.data, (_line, k) => rowOf(k)),
    previous: await previousYearFindings(db, r.unit, r.year, scope),
  };
}

/** A change of the whole table, refused when someone else saved first; an approved table must be approved again. */
export async function saveTargets(db: Db, id: number, targets: TargetTable, expectedVersion: number, actor: string, scope: Scope) {
  return db.transaction().execute(async (trx) => {
    const r = await lockTarget(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
    if (r.version !== expectedVersion) throw new StaleVersionError(String(id), '绩效目标表');
    // the year's evaluation took its indicators from the table as it was: a change now would part the two
    const started = await evaluationOfTarget(trx, id);
    if (started !== null)
      throw new ActionRefused(`已据这份绩效目标表开始年度自评（编号 ${started}），不能再修改；下一年度的目标请“以此为底稿”另建`);
    const refusals = targetTableRefusals(targets, (_line, k) => rowOf(k));
    if (refusals.length) throw new TargetRefused(refusals);
    await updateTarget(trx, id, {
      unit: targets.unit,
      year: targets.year,
      data: JSON.stringify(targets),
      version: r.version + 1,
      approved_by: null,
      approved_at: null,
      updated_at: new Date(),
    });
    await appendEvents(trx, [
      {
        actor,
        entity: 'perf_target',
        entityId: id,
        action: 'edit',
        before: r.data,
        after: { ...targets, unapproved: r.approved_at !== null },
      },
    ]);
    return { version: r.version + 1 };
  });
}

/** Approval starts the year's monitoring: its points are chased from the ledger's `today` on (kept from a first approval). */
export async function approveTargets(
  db: Db,
  id: number,
  expectedVersion: number,
  actor: string,
  scope: Scope,
  today: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await lockTarget(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
    if (r.version !== expectedVersion) throw new StaleVersionError(String(id), '绩效目标表');
    if (r.approved_at) throw new ActionRefused('这份绩效目标表已经审定');
    const refusals = targetTableRefusals(r.data, (_line, k) => rowOf(k));
    if (refusals.length) throw new ActionRefused(`这份绩效目标表不能审定：${refusals.join('；')}`);
    await updateTarget(trx, id, {
      approved_by: actor,
      approved_at: new Date(),
      monitored_from: r.monitored_from ?? today,
      updated_at: new Date(),
    });
    await appendEvents(trx, [{ actor, entity: 'perf_target', entityId: id, action: 'approve', after: { version: r.version } }]);
  });
}

/** The year's self-evaluation, started from approved targets: once; its id. */
export async function evaluationFromTargetTable(ledger: Ledger, id: number, actor: string, scope: Scope): Promise<number> {
  return ledger.db.transaction().execute(async (trx) => {
    const r = await lockTarget(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
    if (!r.approved_at) throw new ActionRefused('绩效目标表尚未审定：审定后才能据此开始年度自评');
    const already = await evaluationOfTarget(trx, id);
    if (already !== null) throw new ActionRefused(`已据此绩效目标表开始年度自评（编号 ${already}）`);
    const periods = r.year === null ? [] : monitoringPeriods(r.year, monitoringSettingsOf(r.monitoring));
    const monitoring = (await reportsOfTarget(trx, id)).map((m) => ({
      label: periods.find((p) => p.period === m.period)?.label ?? m.period,
      lines: m.result.indicators,
    }));
    const evaluation = evaluationFromTargets(r.data, monitoring);
    const evaluationId = await insertEvaluation(trx, {
      unit: evaluation.unit,
      year: evaluation.year,
      data: JSON.stringify(evaluation),
      owner_unit_id: r.owner_unit_id,
      target_id: id,
      created_by: actor,
    });
    await appendEvents(trx, [
      {
        actor,
        entity: 'perf_evaluation',
        entityId: evaluationId,
        action: 'from-targets',
        after: { target: id, indicators: evaluation.indicators.length },
      },
    ]);
    return evaluationId;
  });
}

/**
 * Next year's targets begun from this year's: the same indicators, values and weights, unapproved, for the unit to
 * change where last year's evaluation says they should; the budget is left for the new year's to be entered. Its id.
 */
export async function copyTargetsToNextYear(db: Db, id: number, actor: string, scope: Scope): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const r = await lockTarget(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
    if (r.year === null) throw new ActionRefused('这份绩效目标表没有写明年度，无法确定下一年度');
    const already = await targetOf(trx, r.unit, r.year + 1, r.owner_unit_id);
    if (already !== null) throw new ActionRefused(`${r.unit} ${r.year + 1}年度的绩效目标表已经建立（编号 ${already}），请在其中修改`);
    const next: TargetTable = { ...r.data, year: r.year + 1, budget: r.data.budget ? { total: null, weight: r.data.budget.weight } : null };
    const copy = await insertTarget(trx, {
      unit: next.unit,
      year: next.year,
      data: JSON.stringify({ ...next, indicators: next.indicators.map((i) => ({ ...i, line: null })) }),
      document_id: null,
      owner_unit_id: r.owner_unit_id,
      created_by: actor,
    });
    await appendEvents(trx, [{ actor, entity: 'perf_target', entityId: copy, action: 'copy', after: { from: id, year: next.year } }]);
    return copy;
  });
}

/** A table kept by mistake (a wrong file, a duplicate) taken away, while it is not yet approved; its file stays kept. */
export async function deleteTargets(db: Db, id: number, actor: string, scope: Scope): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await lockTarget(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
    if (r.approved_at) throw new ActionRefused('已审定的绩效目标表不能删除：如需更改，请修改后重新审定');
    await removeTarget(trx, id);
    await appendEvents(trx, [{ actor, entity: 'perf_target', entityId: id, action: 'delete', before: { unit: r.unit, year: r.year } }]);
  });
}
