// 提醒: what supervision runs said about the problems in the viewer's charge, most recent first — one entry per
// problem and day, however many reminders, warnings and escalations it holds — marked read one by one or all at once.
import { App, Button, List, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, useGet } from '../../lib/api.ts';
import { useUnread } from './unread.tsx';
import type { NotificationKind } from '../../../../src/core/contract/work.ts';
import { ProblemLink } from '../../components/ProblemLink.tsx';

const KIND: Record<NotificationKind, { label: string; color: string }> = {
  escalation: { label: '升级督办', color: 'red' },
  overdue: { label: '已超期', color: 'volcano' },
  'due-soon': { label: '临近时限', color: 'blue' },
  'missed-report': { label: '未按时报送', color: 'orange' },
  warning: { label: '预警', color: 'gold' },
};

export function NotificationsPage() {
  const { message } = App.useApp();
  const unread = useUnread();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const list = useGet('GET /api/notifications', { query: { status } });
  const read = async (body: { ids: readonly number[] } | { all: true }) => {
    try {
      const r = await api('POST /api/notifications/read', { body });
      if ('all' in body) message.success(`已将 ${r.read} 条提醒标为已读`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      list.reload();
      unread.reload();
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        督办提醒
      </Typography.Title>
      <Space>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'pending' | 'all')}
          options={[
            { value: 'pending', label: `未读（${list.data?.pending ?? 0}）` },
            { value: 'all', label: '全部' },
          ]}
        />
        <Popconfirm title="将全部未读提醒标为已读？" onConfirm={() => read({ all: true })} okText="全部已读" cancelText="取消">
          <Button disabled={!list.data?.pending} data-testid="read-all">
            全部标为已读
          </Button>
        </Popconfirm>
      </Space>
      <List
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: status === 'pending' ? '没有未读提醒' : '没有提醒' }}
        data-testid="notifications"
        renderItem={(n) => (
          <List.Item
            actions={
              n.status === 'pending'
                ? [
                    <Button key="read" size="small" onClick={() => void read({ ids: n.ids })}>
                      标为已读
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {n.kinds.map((k) => (
                    <Tag key={k} color={KIND[k].color}>
                      {KIND[k].label}
                    </Tag>
                  ))}
                  <ProblemLink code={n.problem} />
                  <span>{n.day}</span>
                  {n.status === 'cancelled' && <Tag>已撤销：{n.cancelledReason}</Tag>}
                  {n.status === 'read' && <Tag>已读</Tag>}
                </Space>
              }
              description={n.messages.map((m) => <div key={m}>{m}</div>)}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
