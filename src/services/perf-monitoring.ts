// Use cases of the year's 绩效运行监控 on an approved 绩效目标表: the finance office sets the cadence and thresholds;
// the unit reports each point — money spent, each indicator's value so far, a reason for every yellow or red line —
// refused whole when a reason is missing; a report is corrected with its version; the monitoring table (.xlsx) and
// report (.docx) are made from what was kept; and the daily supervision run chases missing reports and passes on
// deviations (superviseMonitoring), in the same transaction and with the same ladder as for rectification.
import type { Scope } from '../core/access/permissions.ts';
import { ActionRefused, MonitoringRefused, NotFoundError, StaleVersionError } from '../core/errors.ts';
import type { SupervisionKind } from '../core/ledger/supervision.ts';
import { monitor, type MonitoringInput } from '../core/perf/monitoring.ts';
import {
  type MonitoringNotice,
  type MonitoringSettings,
  monitoringPeriods,
  monitoringSettingsOf,
  monitoringSettingsRefusals,
  planMonitoringSupervision,
} from '../core/perf/monitoring-plan.ts';
import { monitoringReportDocument, monitoringRows } from '../core/perf/monitoring-report.ts';
import { DEFAULT_POLICY } from '../core/supervision/policy.ts';
import { appendEvents } from '../store/event.repository.ts';
import { keepNew } from '../store/keyed-insert.ts';
import type { Tx } from '../store/ledger.repository.ts';
import type { Db } from '../store/open-database.ts';
import { lockTarget, targetInScope, targetsInScope, updateTarget } from '../store/perf.repository.ts';
import {
  insertReport,
  lockReport,
  monitoredTables,
  noticesOfTarget,
  replaceReport,
  reportedPeriods,
  reportsOfTarget,
} from '../store/perf-monitoring.repository.ts';
import { runHeavy } from './heavy-work.ts';
import { iso } from './security-log.ts';

async function target(db: Tx, id: number, scope: Scope) {
  const r = await targetInScope(db, id, scope);
  if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
  return r;
}

/** `exempt`: a point before monitoring began (approval, or a change of cadence), which is not asked for */
export type PointStatus = 'upcoming' | 'open' | 'late' | 'reported' | 'exempt';

/** The table's monitoring: its settings, each point of the year with its state and report, the notices made. */
export async function monitoringOf(db: Db, id: number, scope: Scope, today: string) {
  const t = await target(db, id, scope);
  const settings = monitoringSettingsOf(t.monitoring);
  const reports = await reportsOfTarget(db, id);
  const points = t.year === null ? [] : monitoringPeriods(t.year, settings);
  return {
    settings,
    approved: t.approved_at !== null,
    monitoredFrom: t.monitored_from,
    points: points.map((p) => {
      const r = reports.find((x) => x.period === p.period);
      const exempt = t.monitored_from === null || p.asOf < t.monitored_from;
      const status: PointStatus = r ? 'reported' : today < p.asOf ? 'upcoming' : exempt ? 'exempt' : today <= p.due ? 'open' : 'late';
      return {
        ...p,
        status,
        report: r
          ? { version: r.version, input: r.input, result: r.result, reportedBy: r.reported_by, reportedAt: iso(r.reported_at) }
          : null,
      };
    }),
    notices: (await noticesOfTarget(db, id)).map((n) => ({ ...n, rung: n.rung ?? null })),
  };
}

/**
 * The monitoring reports a viewer's units owe today: each point reached and not reported, of every approved table in
 * scope whose year's evaluation has not begun, the latest due first. For 待办.
 */
export async function monitoringOwed(db: Db, scope: Scope, today: string) {
  const tables = (await targetsInScope(db, scope)).filter((t) => t.monitored_from !== null && t.evaluation_id === null && t.year !== null);
  const reported = await reportedPeriods(
    db,
    tables.map((t) => t.id),
  );
  return tables
    .flatMap((t) =>
      monitoringPeriods(t.year as number, monitoringSettingsOf(t.monitoring))
        .filter((p) => p.asOf <= today && p.asOf >= (t.monitored_from as string))
        .filter((p) => !reported.some((r) => r.target_id === t.id && r.period === p.period))
        .map((p) => ({
          target: t.id,
          unit: t.unit,
          year: t.year as number,
          period: p.period,
          label: p.label,
          due: p.due,
          late: today > p.due,
        })),
    )
    .sort((a, b) => b.due.localeCompare(a.due));
}

/**
 * The finance office's settings; kept with an event. A new cadence applies from `today`: the points it adds before
 * then are not chased (a unit told in August to report quarterly owes no March report), though they can be reported;
 * reports already kept stay.
 */
export async function saveMonitoringSettings(
  db: Db,
  id: number,
  settings: MonitoringSettings,
  actor: string,
  scope: Scope,
  today: string,
): Promise<void> {
  const refusals = monitoringSettingsRefusals(settings);
  if (refusals.length) throw new ActionRefused(`监控设置未保存：${refusals.join('；')}`);
  await db.transaction().execute(async (trx) => {
    const r = await lockTarget(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
    const newCadence = monitoringSettingsOf(r.monitoring).cadence !== settings.cadence;
    const from = r.monitored_from && newCadence && r.monitored_from < today ? today : r.monitored_from;
    await updateTarget(trx, id, { monitoring: JSON.stringify(settings), monitored_from: from, updated_at: new Date() });
    await appendEvents(trx, [
      { actor, entity: 'perf_target', entityId: id, action: 'monitoring-settings', before: r.monitoring, after: settings },
    ]);
  });
}

export interface MonitoringSubmission {
  readonly period: string;
  readonly executed: string | null;
  readonly budgetReason?: string | null | undefined;
  readonly indicators: MonitoringInput['indicators'];
  /** the version of the report being corrected; absent for a first report */
  readonly version?: number | undefined;
}

/**
 * A point's report, read against the approved targets and kept — or refused whole, each missing reason named. A
 * point not yet reached cannot be reported; a correction names the version it corrects.
 */
export async function reportMonitoring(db: Db, id: number, s: MonitoringSubmission, actor: string, scope: Scope, today: string) {
  return db.transaction().execute(async (trx) => {
    const t = await lockTarget(trx, id, scope);
    if (!t) throw new NotFoundError(`没有编号为 ${id} 的绩效目标表`);
    if (!t.approved_at) throw new ActionRefused('绩效目标表尚未审定：审定后才能报送运行监控情况');
    if (t.year === null) throw new ActionRefused('绩效目标表没有写明年度，无法确定监控时点');
    const settings = monitoringSettingsOf(t.monitoring);
    const point = monitoringPeriods(t.year, settings).find((p) => p.period === s.period);
    if (!point)
      throw new ActionRefused(
        `“${s.period}”不是这份绩效目标表的监控时点（${monitoringPeriods(t.year, settings)
          .map((p) => p.period)
          .join('、')}）`,
      );
    if (today < point.asOf) throw new ActionRefused(`尚未到监控时点（${point.label}），到时再报送`);
    const input: MonitoringInput = {
      asOf: point.asOf,
      executed: s.executed,
      budgetReason: s.budgetReason ?? null,
      indicators: s.indicators,
    };
    const result = monitor(t.data, input, settings);
    if (result.refusals.length) throw new MonitoringRefused([...result.refusals]);
    const before = await lockReport(trx, id, s.period);
    if (before && s.version !== before.version) throw new StaleVersionError(point.label, '监控情况');
    const version = before ? before.version + 1 : 1;
    const row = { as_of: point.asOf, input: JSON.stringify(input), result: JSON.stringify(result), version, reported_by: actor };
    if (before) await replaceReport(trx, before.id, row);
    else await insertReport(trx, { ...row, target_id: id, period: s.period });
    const off = [result.budget, ...result.indicators].filter((l) => l && l.colour !== 'green').length;
    await appendEvents(trx, [
      {
        actor,
        entity: 'perf_target',
        entityId: id,
        action: before ? 'monitoring-corrected' : 'monitoring',
        before: before?.input,
        after: { ...input, deviations: off },
      },
    ]);
    return { version, result };
  });
}

async function pointOf(db: Db, id: number, period: string, scope: Scope) {
  const t = await target(db, id, scope);
  const reports = await reportsOfTarget(db, id);
  const periods = t.year === null ? [] : monitoringPeriods(t.year, monitoringSettingsOf(t.monitoring));
  const r = reports.find((x) => x.period === period);
  const p = periods.find((x) => x.period === period);
  if (!r || !p) throw new NotFoundError(`绩效目标表 ${id} 没有“${period}”的监控情况`);
  return { t, point: { period: p, input: r.input, result: r.result } };
}

/** The 监控情况报告 of one point, as .docx. */
export async function monitoringReport(db: Db, id: number, period: string, scope: Scope, today: string) {
  const { t, point } = await pointOf(db, id, period, scope);
  const document = monitoringReportDocument(t.data, point, today);
  return { fileName: `${t.unit}-${point.period.label}绩效运行监控情况报告.docx`, bytes: await runHeavy('writeOfficialDocx', document) };
}

/** The 绩效运行监控表 of every point reported, as .xlsx: a sheet each. */
export async function monitoringWorkbook(db: Db, id: number, scope: Scope) {
  const t = await target(db, id, scope);
  const periods = t.year === null ? [] : monitoringPeriods(t.year, monitoringSettingsOf(t.monitoring));
  const reports = await reportsOfTarget(db, id);
  const sheets = periods.flatMap((p) => {
    const r = reports.find((x) => x.period === p.period);
    return r ? [{ label: p.label, rows: monitoringRows(t.data, { period: p, input: r.input, result: r.result }) }] : [];
  });
  const title = `${t.unit}${t.year ?? ''}年度绩效运行监控表`;
  return { fileName: `${title}.xlsx`, bytes: await runHeavy('writeMonitoringSheets', title, sheets) };
}

/** The monitoring part of the daily run: its new notices kept (a key kept before is not kept again). */
export async function superviseMonitoring(db: Tx, day: string, dryRun: boolean): Promise<MonitoringNotice[]> {
  const { tables, reports, climbed } = await monitoredTables(db, day);
  const plan = planMonitoringSupervision(
    tables.map((t) => ({
      id: t.id,
      unit: t.unit,
      year: t.year as number,
      since: t.monitored_from as string,
      settings: monitoringSettingsOf(t.monitoring),
      reports: reports
        .filter((r) => r.target_id === t.id)
        .map((r) => ({
          period: r.period,
          version: r.version,
          lines: [...(r.result.budget ? [r.result.budget] : []), ...r.result.indicators],
        })),
      climbed: climbed
        .filter((c) => c.target_id === t.id && c.rung)
        .map((c) => ({ period: c.period, rung: c.rung as SupervisionKind, on: c.day })),
    })),
    day,
    DEFAULT_POLICY,
  );
  return keepNew(
    db,
    'perf_notice',
    plan,
    (n) => ({ key: n.key, target_id: n.targetId, period: n.period, kind: n.kind, rung: n.rung, day, message: n.message }),
    dryRun,
  );
}
