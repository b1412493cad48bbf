// Use cases: 整改成效评估 of one source from its ledger and event record, and the comparison across sources (units).
import type { Scope } from '../core/access/permissions.ts';
import {
  assessEffectiveness,
  DEFAULT_MODEL,
  type AssessedProblem,
  type Effectiveness,
  type EffectivenessModel,
} from '../core/assessment/effectiveness.ts';
import { missedReportsOfSource } from '../store/notification.repository.ts';
import type { Db } from '../store/open-database.ts';
import { assessedProblems } from '../store/problem-list.repository.ts';
import { sourceClaims, sourceId } from './ledger-queries.ts';
import { NotFoundError, NotPermitted } from '../core/errors.ts';
import { inspectionSourceCodes, ownsSource, sourceForAssessment } from '../store/source.repository.ts';
import { refuseUnowned } from './source-owner.ts';

export async function assessSource(
  db: Db,
  code: string,
  today: string,
  scope: Scope,
  model: EffectivenessModel = DEFAULT_MODEL,
): Promise<Effectiveness & { source: string; title: string; unit: string | null }> {
  const id = await sourceId(db, code, scope);
  // an assessment of the whole source, for those who own it: a unit working on some of its problems sees their own
  // problems, not a judgement of the inspected unit's whole rectification
  if (!(await ownsSource(db, id, scope))) await refuseUnowned(db, code, scope, '查看其整改成效评估');
  const source = await sourceForAssessment(db, id);
  if (!source) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
  const rows = await assessedProblems(db, id);
  const problems: AssessedProblem[] = rows.map((r) => ({
    code: r.code,
    status: r.status as AssessedProblem['status'],
    deadline: r.deadline,
    closedOn: r.closed_on,
    leadUnit: r.lead_unit_id !== null,
    leadLeader: r.lead_leader_id !== null,
    responsiblePerson: r.responsible_person_id !== null,
    measures: Number(r.measures),
    relapses: r.reopened_count,
  }));
  const missed = await missedReportsOfSource(db, id);
  // published: it came onto the ledger from a report that was itself made public, or its office set how it publishes
  const published = source.document_id !== null || source.publication !== null;
  const result = assessEffectiveness(
    {
      day: today,
      problems,
      claims: await sourceClaims(db, code, today, scope),
      published,
      missedReports: missed.map((m) => ({ code: m.code, due: m.day })),
    },
    model,
  );
  return { ...result, source: code, title: source.title, unit: source.inspected_unit };
}

/** Every source in scope assessed, best first: a comparison across the units inspected. */
export async function compareSources(db: Db, today: string, scope: Scope, model: EffectivenessModel = DEFAULT_MODEL) {
  const out = [];
  for (const code of await inspectionSourceCodes(db)) {
    const a = await assessSource(db, code, today, scope, model).catch((e: unknown) =>
      e instanceof NotFoundError || e instanceof NotPermitted ? null : Promise.reject(e),
    );
    if (a) out.push({ source: a.source, unit: a.unit, title: a.title, total: a.total, result: a.result, veto: a.veto !== null });
  }
  return out.sort((a, b) => Number(a.veto) - Number(b.veto) || b.total - a.total || a.source.localeCompare(b.source));
}
