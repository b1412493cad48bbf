// Status and warning colour, shown the same way on every screen.
import { Tag } from 'antd';
import { COLOUR, STATUS } from '../lib/labels.ts';
import type { Colour, LedgerStatus } from '../lib/types.ts';

export function StatusTag({ status, longTerm }: { status: LedgerStatus; longTerm?: boolean }) {
  const s = STATUS[status];
  // a long-term problem done for this phase stays on the books (挂账不销账): a state of its own, not a closure
  if (longTerm && status === 'phased')
    return (
      <Tag color={s.color} data-testid="on-the-books">
        {s.label}·挂账
      </Tag>
    );
  return (
    <Tag color={s.color}>
      {s.label}
      {longTerm ? '·长期' : ''}
    </Tag>
  );
}

export function ColourTag({ colour }: { colour: Colour | null }) {
  if (!colour) return null;
  const c = COLOUR[colour];
  return <Tag color={c.color}>{c.label}</Tag>;
}
