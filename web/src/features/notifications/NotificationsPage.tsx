// 提醒: what supervision runs said about the problems in the viewer's charge, most recent first.
import { App, Button, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, useGet } from '../../lib/api.ts';

interface Item {
  id: number;
  kind: 'due-soon' | 'overdue' | 'missed-report' | 'warning' | 'escalation';
  rung: string | null;
  message: string;
  day: string;
  status: 'pending' | 'read' | 'cancelled';
  cancelled_reason: string | null;
  problem: string;
  title: string;
  unit: string | null;
}

const KIND: Record<Item['kind'], { label: string; color: string }> = {
  escalation: { label: '升级督办', color: 'red' },
  overdue: { label: '已超期', color: 'volcano' },
  'due-soon': { label: '临近时限', color: 'blue' },
  'missed-report': { label: '未按时报送', color: 'orange' },
  warning: { label: '预警', color: 'gold' },
};

export function NotificationsPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const list = useGet<{ pending: number; items: Item[] }>(`/api/notifications?status=${status}`);
  const read = async (id: number) => {
    try {
      await api('POST', `/api/notifications/${id}/read`);
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        督办提醒
      </Typography.Title>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as 'pending' | 'all')}
        options={[
          { value: 'pending', label: `未读（${list.data?.pending ?? 0}）` },
          { value: 'all', label: '全部' },
        ]}
      />
      <List
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="notifications"
        renderItem={(n) => (
          <List.Item
            actions={
              n.status === 'pending'
                ? [
                    <Button key="read" size="small" onClick={() => void read(n.id)}>
                      标为已读
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  <Tag color={KIND[n.kind].color}>{KIND[n.kind].label}</Tag>
                  <Link to={`/problems/${n.problem}`}>{n.problem}</Link>
                  <span>{n.day}</span>
                  {n.status === 'cancelled' && <Tag>已撤销：{n.cancelled_reason}</Tag>}
                  {n.status === 'read' && <Tag>已读</Tag>}
                </Space>
              }
              description={n.message}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
