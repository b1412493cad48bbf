// The leads register's part of the daily supervision run: the leads not yet disposed of, decided by
// core/leads/lead-supervision.ts, their new notices kept (a key kept before is not kept again). Runs inside the
// problems' run, in its transaction; a dry run counts what it would keep.
import { type LeadNotice, planLeadSupervision } from '../core/leads/lead-supervision.ts';
import { LEAD_RECEIVER_LABEL } from '../core/leads/lead.ts';
import type { SupervisionKind } from '../core/ledger/supervision.ts';
import { policyOf } from '../core/supervision/policy.ts';
import { keepNew } from '../store/keyed-insert.ts';
import { leadsToSupervise } from '../store/lead.repository.ts';
import type { Tx } from '../store/ledger.repository.ts';

export async function superviseLeads(db: Tx, day: string, dryRun: boolean): Promise<LeadNotice[]> {
  const { leads, climbed } = await leadsToSupervise(db, day);
  const plan = planLeadSupervision(
    leads.map((l) => ({
      id: l.id,
      code: l.code,
      receiver: l.receiver_name ?? LEAD_RECEIVER_LABEL[l.receiver],
      transferredOn: l.transferred_on,
      receivedOn: l.received_on,
      deadline: l.deadline,
      concludedOn: l.concluded_on,
      lastStepOn: l.last_step_on,
      policy: policyOf(l.supervision),
      climbed: climbed.filter((c) => c.lead_id === l.id && c.rung).map((c) => ({ rung: c.rung as SupervisionKind, on: c.day })),
    })),
    day,
  );
  return keepNew(
    db,
    'lead_notice',
    plan,
    (n) => ({ key: n.key, lead_id: n.leadId, kind: n.kind, rung: n.rung, deadline: n.deadline, day, message: n.message }),
    dryRun,
  );
}
