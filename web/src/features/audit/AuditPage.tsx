// 审计日志: the audit administrator's screen — the whole log, everyone's entries the administrators' included,
// filtered by person, kind and period, exported as it is filtered, with the chain checked and the room it takes.
// Nothing here changes anything.
import { Alert, Button, Card, DatePicker, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { address, useGet } from '../../lib/api.ts';
import type { Answer } from '../../lib/types.ts';

type Entry = Answer<'GET /api/audit/events'>['items'][number];

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const when = (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const brief = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export function AuditPage() {
  const [actor, setActor] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [entity, action] = kind ? (kind.split('|') as [string, string]) : [undefined, undefined];
  const filter = {
    ...(actor.trim() ? { actor: actor.trim() } : {}),
    ...(entity ? { entity } : {}),
    ...(action ? { action } : {}),
    ...(period?.[0] ? { from: period[0].format('YYYY-MM-DD') } : {}),
    ...(period?.[1] ? { to: period[1].format('YYYY-MM-DD') } : {}),
  };
  const events = useGet('GET /api/audit/events', { query: { ...filter, page } });
  const chain = useGet('GET /api/audit/chain', {});
  const c = chain.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="日志完整性" size="small" loading={chain.loading && !c} data-testid="audit-chain">
        {chain.error && <Alert type="error" showIcon title={chain.error.message} />}
        {c && (
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="哈希链">
              {c.firstBroken ? (
                <Tag color="red" data-testid="chain-state">
                  第 {c.firstBroken.id} 条起被篡改：{c.firstBroken.reason}
                </Tag>
              ) : (
                <Tag color="green" data-testid="chain-state">
                  完好（{c.checked} 条，{c.algorithm === 'sm3' ? 'SM3' : 'SHA-256'}）
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="占用空间">
              {c.nearLimit ? (
                <Tag color="orange" data-testid="log-space">
                  {size(c.bytes)}，接近上限 {size(c.limitBytes)}，请安排归档或扩容
                </Tag>
              ) : (
                <span data-testid="log-space">
                  {size(c.bytes)}（上限 {size(c.limitBytes)}）
                </span>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="保存期限">全部保存，不少于 {c.keepDays} 天</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Space wrap>
        <Input
          placeholder="操作人"
          allowClear
          style={{ width: 160 }}
          value={actor}
          onChange={(e) => (setActor(e.target.value), setPage(1))}
          data-testid="audit-actor"
        />
        <Select
          placeholder="类别"
          allowClear
          showSearch
          optionFilterProp="label"
          // some thirty kinds: all in the page, so that each can be scrolled to
          virtual={false}
          style={{ width: 260 }}
          value={kind}
          onChange={(v) => (setKind(v ?? null), setPage(1))}
          options={(events.data?.kinds ?? []).map((k) => ({ value: `${k.entity}|${k.action ?? ''}`, label: k.label }))}
          data-testid="audit-kind"
        />
        <DatePicker.RangePicker value={period} onChange={(v) => (setPeriod(v), setPage(1))} data-testid="audit-period" />
        <Button href={address('GET /api/audit/events/export', { query: filter })} data-testid="audit-export">
          导出（CSV）
        </Button>
      </Space>
      {events.error && <Alert type="error" showIcon title={events.error.message} />}
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={events.loading}
        data-testid="audit-events"
        dataSource={events.data ? [...events.data.items] : []}
        pagination={{ current: page, pageSize: 50, total: events.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 80 },
          { title: '时间', dataIndex: 'at', width: 170, render: when },
          { title: '操作人', dataIndex: 'actor', width: 140 },
          { title: '类别', dataIndex: 'kind', width: 200 },
          { title: '对象', key: 'on', width: 160, render: (_: unknown, e: Entry) => `${e.entity}#${e.entityId}` },
          { title: '地址', dataIndex: 'ip', width: 120 },
          {
            title: '内容',
            key: 'what',
            render: (_: unknown, e: Entry) => (
              <Typography.Text type="secondary" ellipsis={{ tooltip: true }} style={{ maxWidth: 420 }}>
                {e.before !== null ? `${brief(e.before)} → ` : ''}
                {brief(e.after)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Space>
  );
}
