// Status and warning colour, shown the same way on every screen.
import { Tag } from 'antd';
import { COLOUR, STATUS } from '../lib/labels.ts';
import type { Colour, LedgerStatus } from '../lib/types.ts';

export function StatusTag({ status, longTerm }: { status: LedgerStatus; longTerm?: boolean }) {
  const s = STATUS[status];
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
