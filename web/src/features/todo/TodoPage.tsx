// 待办: what waits for this person — closure requests to review, extensions to approve, progress reports due, 督办
// notices to answer, the problems being worked on, each opening its problem — and 绩效运行监控 reports owed. Sections the person's role does not
// act on are not shown.
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { useGet } from '../../lib/api.ts';
import { ProblemLink } from '../../components/ProblemLink.tsx';
import type { Answer } from '../../lib/types.ts';
import { ColourTag, StatusTag } from '../../components/tags.tsx';
import { useNarrow } from '../../lib/narrow.ts';
import { ProblemCard } from '../ledger/LedgerCards.tsx';

type Todo = Answer<'GET /api/todo'>;

type ProblemSection = Exclude<keyof Todo, 'leads' | 'submissions' | 'monitoring'>;

const SECTIONS: { key: ProblemSection; title: string; capability: string; action: string }[] = [
  { key: 'closures', title: '待审核的销号申请', capability: 'decide-closure', action: '审核' },
  { key: 'returned', title: '被退回的销号申请', capability: 'request-closure', action: '补充后重新申请' },
  { key: 'extensions', title: '待审批的延期申请', capability: 'decide-extension', action: '审批' },
  { key: 'notices', title: '待回复的督办', capability: 'report-progress', action: '报送整改情况' },
  { key: 'reports', title: '应报送的整改进展', capability: 'report-progress', action: '报告进展' },
];

export function TodoPage() {
  const { can } = useSession();
  const todo = useGet('GET /api/todo', {});
  const shown = SECTIONS.filter((s) => can(s.capability));
  // the problems the unit is working on, nearest deadline first: there from the day they are assigned, before any
  // reminder has been made (the day's run makes those), so a clerk who opens 待办 always finds the work
  const working = useGet('GET /api/problems', can('report-progress') ? { query: { open: true, sort: 'deadline', limit: 20 } } : null);
  const narrow = useNarrow();
  // sections with something in them first; the empty ones said in one line at the end, not as boxes of 暂无 that push
  // the work below a phone's screen
  const waiting = (s: (typeof SECTIONS)[number]) => !todo.data || (todo.data[s.key]?.length ?? 0) > 0;
  const empty = todo.data ? shown.filter((s) => !waiting(s)) : [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        待办
      </Typography.Title>
      {shown.length === 0 && !can('leads') && !can('intake') && (
        <Empty description="您的角色没有需要办理的事项；提醒和督办情况请在“提醒”“督办”中查看" />
      )}
      {shown.filter(waiting).map((s) => {
        const items = todo.data?.[s.key] ?? [];
        return (
          <Card key={s.key} title={`${s.title}（${items.length}）`} data-testid={`todo-${s.key}`} loading={todo.loading && !todo.data}>
            <List
              dataSource={items}
              locale={{ emptyText: '暂无' }}
              renderItem={(i) => (
                <List.Item
                  actions={[
                    <ProblemLink key="go" code={i.problem}>
                      {s.action}
                    </ProblemLink>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <ProblemLink code={i.problem} />
                        <span>{i.title}</span>
                        {/* a unit's long name wraps inside its tag rather than widening the page */}
                        {i.unit && <Tag style={{ whiteSpace: 'normal', wordBreak: 'break-all', maxWidth: '100%' }}>{i.unit}</Tag>}
                      </Space>
                    }
                    description={`${i.since} · ${i.text}`}
                  />
                </List.Item>
              )}
            />
          </Card>
        );
      })}
      {can('report-progress') && (
        <Card
          title={`正在整改的问题（${working.data?.total ?? 0}）`}
          extra={<Link to="/ledger">全部</Link>}
          data-testid="todo-working"
          loading={working.loading && !working.data}
        >
          <List
            dataSource={working.data?.items ?? []}
            locale={{ emptyText: '没有正在整改的问题' }}
            renderItem={(p) =>
              narrow ? (
                <List.Item style={{ padding: '6px 0', border: 'none' }}>
                  <ProblemCard p={p} view="problems" />
                </List.Item>
              ) : (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <ProblemLink code={p.code} />
                        <span>{p.title}</span>
                        <StatusTag status={p.status} longTerm={p.longTerm} untold={p.untold} />
                        <ColourTag colour={p.colour} />
                      </Space>
                    }
                    description={`时限 ${p.deadline ?? '未定'} · ${p.leadUnit ?? '未指定牵头单位'} · 进度 ${p.progress}%`}
                  />
                </List.Item>
              )
            }
          />
        </Card>
      )}
      {empty.length > 0 && (
        <Typography.Text type="secondary" data-testid="todo-empty">
          {empty.map((s) => s.title).join('、')}：暂无
        </Typography.Text>
      )}
      {(todo.data?.monitoring.length ?? 0) > 0 && (
        <Card title={`应报送的绩效运行监控（${todo.data?.monitoring.length ?? 0}）`} data-testid="todo-monitoring">
          <List
            dataSource={todo.data?.monitoring ?? []}
            renderItem={(i) => (
              <List.Item
                actions={[
                  <Link key="go" to={`/perf?targets=${i.target}`}>
                    填报
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={`${i.unit}${i.year}年度（${i.label}）`}
                  description={
                    <Space wrap>
                      <span>报送期限 {i.due}</span>
                      {i.late && <Tag color="red">已逾期</Tag>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      {can('leads') && (
        <Card title={`应办理的问题线索（${todo.data?.leads.length ?? 0}）`} data-testid="todo-leads" loading={todo.loading && !todo.data}>
          <List
            dataSource={todo.data?.leads ?? []}
            locale={{ emptyText: '暂无' }}
            renderItem={(i) => (
              <List.Item
                actions={[
                  <Link key="go" to={`/leads/${i.code}`}>
                    登记办理情况
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/leads/${i.code}`}>{i.code}</Link>
                      <span>{i.summary}</span>
                    </Space>
                  }
                  description={`${i.since} 移交 · ${i.text}`}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      {can('intake') && (
        <Card
          title={`待办理的群众反映（${todo.data?.submissions.length ?? 0}）`}
          data-testid="todo-submissions"
          loading={todo.loading && !todo.data}
        >
          <List
            dataSource={todo.data?.submissions ?? []}
            locale={{ emptyText: '暂无' }}
            renderItem={(i) => (
              <List.Item
                actions={[
                  <Link key="go" to={`/submissions?ref=${i.ref}`}>
                    办理
                  </Link>,
                ]}
              >
                <List.Item.Meta title={<Link to={`/submissions?ref=${i.ref}`}>{i.ref}</Link>} description={`${i.since} 收到 · ${i.text}`} />
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
