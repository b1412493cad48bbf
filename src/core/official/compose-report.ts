// Which document a report request makes, composed from the snapshot: one place that maps the kind to its composer, so
// the same composition runs wherever the heavy work runs (a worker on the server: composing a 5,000-problem 通报
// takes tens of milliseconds the server's other users should not wait for).
import type { LedgerSnapshot, OfficialDocument } from './model.ts';
import { npcReport } from './npc-report.ts';
import type { PublicationSettings } from './publication.ts';
import { rectificationPlan } from './rectification-plan.ts';
import { tongbao, type TongbaoOptions } from './tongbao.ts';
import type { ReportKind } from './report-names.ts';

/** `o.date` is the 成文日期 of every kind; `o.public` matters to the 通报 alone */
export function composeReport(kind: ReportKind, s: LedgerSnapshot, settings: PublicationSettings, o: TongbaoOptions): OfficialDocument {
  if (kind === 'tongbao') return tongbao(s, settings, o);
  if (kind === 'plan') return rectificationPlan(s, settings, o.date);
  return npcReport(s, settings, o.date);
}
