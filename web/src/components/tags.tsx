// Status and warning colour, shown the same way on every screen.
import { Tag } from 'antd';
import { COLOUR, STATUS } from '../lib/labels.ts';
import { UNTOLD } from '../../../src/core/ledger/import-plan.ts';
import type { Colour, LedgerStatus } from '../lib/types.ts';
import { STATUS_MARK } from '../../../src/core/vocabulary.ts';

/**
 * `untold`: imported from a report that said nothing of its rectification — on the ledger as being rectified, and
 * said to be so, so that nobody takes it for a status the report gave.
 */
export function StatusTag({ status, longTerm, untold }: { status: LedgerStatus; longTerm?: boolean; untold?: boolean }) {
  const s = STATUS[status];
  if (untold)
    return (
      <Tag color="default" title={UNTOLD} data-testid="untold">
        {s.label}·{STATUS_MARK.untold}
      </Tag>
    );
  // a long-term problem done for this phase stays on the books (挂账不销账): a state of its own, not a closure
  if (longTerm && status === 'phased')
    return (
      <Tag color={s.color} data-testid="on-the-books">
        {s.label}·{STATUS_MARK.onTheBooks}
      </Tag>
    );
  return (
    <Tag color={s.color}>
      {s.label}
      {longTerm ? `·${STATUS_MARK.longTerm}` : ''}
    </Tag>
  );
}

export function ColourTag({ colour }: { colour: Colour | null }) {
  if (!colour) return null;
  const c = COLOUR[colour];
  return <Tag color={c.color}>{c.label}</Tag>;
}
