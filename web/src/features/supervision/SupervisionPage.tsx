// 督办: run supervision now, the weekly 调度表 and the monthly 通报, and the 整改成效评估 of each source compared.
import { ReminderChannels } from './ReminderChannels.tsx';
import { Alert, App, Button, Card, DatePicker, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, download, useGet } from '../../lib/api.ts';
import type { Answer, Request, Route } from '../../lib/types.ts';
import { CATEGORY_LABEL } from '../../../../src/core/assessment/effectiveness.ts';

const CATEGORY: Record<string, string> = CATEGORY_LABEL;

function AssessmentDetail({ source }: { source: string }) {
  const a = useGet('GET /api/assessment/:source', { params: { source } });
  if (!a.data) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {a.data.veto && <Alert type="error" showIcon title={`一票否决：${a.data.veto.reason}`} description={a.data.veto.facts.join('、')} />}
      <Descriptions
        size="small"
        bordered
        column={3}
        items={Object.entries(a.data.byCategory).map(([k, v]) => ({ key: k, label: CATEGORY[k] ?? k, children: `${v.score} / ${v.full}` }))}
      />
      <List
        size="small"
        dataSource={a.data.deductions}
        renderItem={(d) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <span>
                <Tag>{CATEGORY[d.category]}</Tag>扣 {d.points} 分：{d.reason}
              </span>
              {d.facts.length > 0 && <Typography.Text type="secondary">依据：{d.facts.join('、')}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

export function SupervisionPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const compared = useGet('GET /api/assessment', {});
  const [week, setWeek] = useState<Dayjs>(dayjs());
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [ran, setRan] = useState<string | null>(null);
  const run = async () => {
    try {
      const r = await api('POST /api/supervision/run', { body: {} });
      setRan(`${r.day}：新产生提醒与督办 ${r.created} 项，撤销不再适用的 ${r.cancelled} 项，汇总邮件 ${r.digests} 封`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '运行失败');
    }
  };
  const get =
    <R extends Route>(route: R, req: Request<R>) =>
    () =>
      download(route, req).catch((e: unknown) => message.error(e instanceof ApiError ? e.message : '下载失败'));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        督办
      </Typography.Title>
      <Card size="small" title="一日一推进、一周一调度、半月一督办、每月一通报">
        <Space wrap>
          {can('supervise') && (
            <Button type="primary" onClick={run} data-testid="supervise-run">
              立即督办
            </Button>
          )}
          {can('export') && (
            <>
              <DatePicker value={week} onChange={(d) => d && setWeek(d)} />
              <Button onClick={get('GET /api/supervision/weekly', { query: { day: week.format('YYYY-MM-DD') } })}>
                下载本周调度表（Excel）
              </Button>
              <DatePicker picker="month" value={month} onChange={(d) => d && setMonth(d)} />
              <Button onClick={get('GET /api/supervision/monthly', { query: { month: month.format('YYYY-MM') } })}>
                下载月度通报（Word）
              </Button>
            </>
          )}
        </Space>
        {ran && <Alert style={{ marginTop: 12 }} type="success" showIcon title={ran} />}
      </Card>
      <Card size="small" title="整改成效评估（满分100，按扣分模型；公开情况与台账不符者一票否决）">
        <Table<Answer<'GET /api/assessment'>['items'][number]>
          rowKey="source"
          size="small"
          pagination={false}
          loading={compared.loading}
          dataSource={compared.data?.items ?? []}
          locale={{ emptyText: '没有可评估的整改来源：成效评估只对来源所属单位的整改办、领导和监督开放' }}
          expandable={{ expandedRowRender: (c) => <AssessmentDetail source={c.source} /> }}
          columns={[
            { title: '名次', width: 60, render: (_, _c, i) => i + 1 },
            { title: '来源', width: 110, render: (_, c) => c.source },
            { title: '被巡察（审计）单位', render: (_, c) => c.unit ?? c.title },
            { title: '得分', width: 80, render: (_, c) => c.total },
            {
              title: '结果',
              width: 140,
              render: (_, c) => (
                <Tag color={c.veto ? 'red' : c.result === '优秀' ? 'green' : 'blue'}>
                  {c.result}
                  {c.veto ? '（一票否决）' : ''}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      {can('reminders') && <ReminderChannels />}
    </Space>
  );
}
