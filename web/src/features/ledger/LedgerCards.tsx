// The four lists on a phone: each problem (or measure) a card — its code, what it is, its status, warning colour,
// deadline and owner — instead of a table whose columns would squeeze every word onto lines of one character. The
// card shows what the list's view is about: owners on 责任清单, the last supervision on 督办清单.
import { Card, List, Space, Tag, Typography } from 'antd';
import type { PaginationConfig } from 'antd/es/pagination';
import { ColourTag, StatusTag } from '../../components/tags.tsx';
import { ProblemLink } from '../../components/ProblemLink.tsx';
import { MEASURE_STATUS, SUPERVISION, TRIAGE } from '../../lib/labels.ts';
import type { MeasureItem, ProblemItem } from '../../lib/types.ts';

type View = 'problems' | 'responsibility' | 'supervision';

const line = { display: 'block', marginTop: 4 } as const;

export function ProblemCard({ p, view }: { p: ProblemItem; view: View }) {
  return (
    <Card
      size="small"
      style={{ width: '100%' }}
      data-testid="ledger-card"
      title={
        <Space size={4} wrap>
          <ProblemLink code={p.code} />
          <StatusTag status={p.status} longTerm={p.longTerm} untold={p.untold} />
          <ColourTag colour={p.colour} />
        </Space>
      }
      styles={{ header: { minHeight: 40 } }}
    >
      <ProblemLink code={p.code}>
        <Typography.Text strong style={{ color: 'inherit' }}>
          {p.title}
        </Typography.Text>
      </ProblemLink>
      <Typography.Text type="secondary" style={line}>
        时限 {p.deadline ?? '未定'} · {p.leadUnit ?? '未指定牵头单位'}
        {view === 'problems' ? ` · 进度 ${p.progress}%` : ''}
        {p.triage && view !== 'supervision' ? ` · ${TRIAGE[p.triage]}` : ''}
      </Typography.Text>
      {view === 'responsibility' && (
        <Typography.Text type="secondary" style={line}>
          责任领导 {p.leadLeader ?? '—'} · 责任人 {p.responsiblePerson ?? '—'}
          {p.cooperatingUnits.length ? ` · 配合 ${p.cooperatingUnits.join('、')}` : ''}
        </Typography.Text>
      )}
      {view === 'supervision' && (
        <Typography.Text type="secondary" style={line}>
          {p.lastSupervision
            ? `${SUPERVISION[p.lastSupervision.kind] ?? p.lastSupervision.kind}（${p.lastSupervision.at}）共 ${p.supervisionCount} 次`
            : '尚未督办'}
        </Typography.Text>
      )}
    </Card>
  );
}

/** A page of cards: the list's own paging, kept simple for a thumb. */
function CardList<T>(props: {
  items: readonly T[];
  loading: boolean;
  pagination: PaginationConfig;
  empty: string;
  card: (item: T) => React.ReactNode;
}) {
  return (
    <List<T>
      data-testid="ledger-cards"
      dataSource={[...props.items]}
      loading={props.loading}
      pagination={{ ...props.pagination, simple: true, align: 'center' }}
      locale={{ emptyText: props.empty }}
      renderItem={(item) => <List.Item style={{ padding: '6px 0', border: 'none' }}>{props.card(item)}</List.Item>}
    />
  );
}

export function ProblemCards(props: { items: readonly ProblemItem[]; view: View; loading: boolean; pagination: PaginationConfig }) {
  return <CardList {...props} empty="没有符合条件的问题" card={(p) => <ProblemCard p={p} view={props.view} />} />;
}

export function MeasureCards(props: { items: readonly MeasureItem[]; loading: boolean; pagination: PaginationConfig }) {
  return (
    <CardList
      {...props}
      empty="没有符合条件的整改措施"
      card={(m) => (
        <Card
          size="small"
          style={{ width: '100%' }}
          data-testid="ledger-card"
          title={
            <Space size={4} wrap>
              <ProblemLink code={m.problem} />
              <span>措施 {m.ordinal}</span>
              <Tag>{MEASURE_STATUS[m.status] ?? m.status}</Tag>
            </Space>
          }
          styles={{ header: { minHeight: 40 } }}
        >
          <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
            {m.text}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={line}>
            时限 {m.deadline ?? '—'} · {m.ownerUnit ?? m.leadUnit ?? '—'}
            {m.ownerPerson ? ` · ${m.ownerPerson}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary" style={line}>
            {m.problemTitle}
          </Typography.Text>
        </Card>
      )}
    />
  );
}
