// How a lead's state shows: one colour per state, the same on the register and on a lead's page.
import { Tag } from 'antd';
import type { LeadItem } from '../../lib/types.ts';

const STATE_COLOUR: Record<LeadItem['state'], string> = {
  'not-yet': 'default',
  open: 'blue',
  'due-soon': 'gold',
  overdue: 'red',
  concluded: 'green',
  'concluded-late': 'orange',
};

export function LeadStateTag({ lead }: { lead: Pick<LeadItem, 'state' | 'stateLabel' | 'trackingDue'> }) {
  return (
    <>
      <Tag color={STATE_COLOUR[lead.state]} data-testid="lead-state">
        {lead.stateLabel}
      </Tag>
      {lead.trackingDue && <Tag color="purple">应跟踪了解</Tag>}
    </>
  );
}
