// The one writer of a problem added to a source already on the ledger (core/ledger/added-problem.ts plans it), inside
// the caller's transaction: its aspect when new, the problem, its first status change, and the log's entry.
import type { AddedProblemPlan } from '../../core/ledger/added-problem.ts';
import { appendEvents } from '../../store/event.repository.ts';
import { aspectsOfSource, insertAspects, type Tx } from '../../store/ledger.repository.ts';
import { insertProblems, recordStatusChanges } from '../../store/problem.repository.ts';

export async function writeAddedProblem(
  trx: Tx,
  sourceId: number,
  plan: AddedProblemPlan,
  ctx: { actor: string; today: string; from: Record<string, unknown> },
): Promise<number> {
  let aspectId: number | null = null;
  if (plan.aspect) {
    const aspects = await aspectsOfSource(trx, sourceId);
    aspectId =
      aspects.find((a) => a.title === plan.aspect)?.id ??
      ((await insertAspects(trx, [{ source_id: sourceId, ordinal: aspects.length + 1, title: plan.aspect }]))[0]?.id as number);
  }
  const ids = await insertProblems(trx, [
    {
      source_id: sourceId,
      aspect_id: aspectId,
      parent_id: null,
      code: plan.code,
      ordinal: plan.ordinal,
      title: plan.title,
      detail: plan.detail,
      long_term: false,
      status: plan.status,
      progress: 0,
      start_date: ctx.today,
      last_progress_at: ctx.today,
      origin: plan.origin,
    },
  ]);
  const id = ids.get(plan.code) as number;
  await recordStatusChanges(trx, [
    { problem_id: id, at: ctx.today, from_status: null, to_status: plan.status, reason: plan.reason, actor: ctx.actor, document_id: null },
  ]);
  await appendEvents(trx, [
    { actor: ctx.actor, entity: 'problem', entityId: id, action: 'add', after: { code: plan.code, title: plan.title, ...ctx.from } },
  ]);
  return id;
}
