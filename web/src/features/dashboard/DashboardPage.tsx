// 首页: where the rectification stands — counts and the completion rate, by status, aspect, unit and triage class,
// overdue items, outcomes and the trend. Each chart opens the ledger filtered to what was clicked.
import { Alert, Card, Col, List, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Chart } from '../../components/Chart.tsx';
import { ColourTag, StatusTag } from '../../components/tags.tsx';
import { qs, useGet } from '../../lib/api.ts';
import { useNarrow } from '../../lib/narrow.ts';
import { ProblemCard } from '../ledger/LedgerCards.tsx';
import { COLOUR, MONEY_KIND, STATUS, TRIAGE, rate } from '../../lib/labels.ts';
import type { Counts, LedgerStatus } from '../../lib/types.ts';
import { UNASSIGNED } from '../../../../src/core/ledger/statistics.ts';
import { UNTOLD } from '../../../../src/core/ledger/import-plan.ts';
import { STATUS_MARK } from '../../../../src/core/vocabulary.ts';

const STATUS_KEYS: [keyof Counts, string, LedgerStatus][] = [
  ['completed', STATUS.completed.label, 'completed'],
  ['phased', STATUS.phased.label, 'phased'],
  ['inProgress', STATUS['in-progress'].label, 'in-progress'],
  ['notStarted', STATUS['not-started'].label, 'not-started'],
];

/**
 * A slice's count inside it, its name in the legend: names beside the slices were cut to "正在…" in a third of the
 * page, and empty slices' labels piled on each other.
 */
const SLICE_COUNT = {
  position: 'inside' as const,
  formatter: (p: { value?: unknown }) => (Number(p.value) ? String(p.value) : ''),
};

function bars(groups: Record<string, Counts>, top = 12) {
  const rows = Object.entries(groups)
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, top)
    .reverse();
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: STATUS_KEYS.map(([, label]) => label) },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    // counts of problems: whole numbers on the axis, never 0.5
    xAxis: { type: 'value' as const, minInterval: 1 },
    // full names on the axis (shortened only when drawn), so a click opens the ledger on the right one
    yAxis: {
      type: 'category' as const,
      data: rows.map(([k]) => k),
      axisLabel: { formatter: (k: string) => (k.length > 18 ? `${k.slice(0, 18)}…` : k) },
    },
    series: STATUS_KEYS.map(([key, name]) => ({ name, type: 'bar' as const, stack: 'all', data: rows.map(([, c]) => c[key] as number) })),
  };
}

export function DashboardPage() {
  const navigate = useNavigate();
  const sources = useGet('GET /api/sources', {});
  const [source, setSource] = useState<string | undefined>();
  const stats = useGet('GET /api/stats', { query: { source } });
  const trend = useGet('GET /api/stats/trend', { query: { source } });
  const narrow = useNarrow();
  const overdue = useGet('GET /api/problems', { query: { source, overdue: true, sort: 'deadline', limit: 8 } });
  const s = stats.data;
  const open = (params: Record<string, string | undefined>) => navigate(`/ledger${qs({ source, ...params })}`);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          整改总览
        </Typography.Title>
        <Select
          allowClear
          placeholder="全部整改来源"
          style={{ width: 420, maxWidth: '100%' }}
          value={source}
          onChange={setSource}
          options={(sources.data?.items ?? []).map((x) => ({ value: x.code, label: `${x.code} ${x.title}` }))}
        />
      </Space>
      {stats.error && <Alert type="error" title={stats.error.message} />}
      {s && (
        <>
          <Row gutter={[16, 16]}>
            {[['问题总数', s.total, undefined], ...STATUS_KEYS.map(([key, label, status]) => [label, s[key], status])].map(
              ([label, value, status]) => (
                <Col key={String(label)} xs={12} md={8} xl={4}>
                  <Card hoverable onClick={() => open({ status: status as string | undefined })} data-testid={`stat-${String(label)}`}>
                    <Statistic title={label} value={value as number} />
                    {status === 'in-progress' && s.untold ? (
                      <Typography.Text type="secondary" title={UNTOLD} data-testid="stat-untold">
                        其中{STATUS_MARK.untold} {s.untold}
                      </Typography.Text>
                    ) : null}
                  </Card>
                </Col>
              ),
            )}
            <Col xs={12} md={8} xl={4}>
              <Card data-testid="stat-完成率">
                <Statistic title="完成率（仅计已完成）" value={rate(s.completionRate)} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}>
              <Card hoverable onClick={() => open({ overdue: 'true' })} data-testid="stat-超期">
                <Statistic title="超期未完成" value={s.overdue} styles={{ content: { color: s.overdue ? '#cf1322' : undefined } }} />
              </Card>
            </Col>
            <Col xs={12} md={8} xl={5}>
              <Card title="预警（未完成的问题）" size="small" data-testid="colours">
                <Space wrap>
                  {(['red', 'yellow', 'blue', 'green'] as const).map((c) => (
                    <Tag key={c} color={COLOUR[c].color}>
                      {COLOUR[c].label} {s.colours[c]}
                    </Tag>
                  ))}
                </Space>
              </Card>
            </Col>
            <Col xs={12} md={8} xl={5}>
              <Card>
                <Statistic title="涉及金额（万元）" value={s.outcomes.moneyWan} />
                <Typography.Text type="secondary">
                  {Object.entries(s.outcomes.moneyByKind)
                    .map(([k, v]) => `${MONEY_KIND[k] ?? k} ${v}`)
                    .join('；') || '—'}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={8} xl={3}>
              <Card>
                <Statistic title="建章立制（项）" value={s.outcomes.institutions} />
              </Card>
            </Col>
            <Col xs={12} md={8} xl={3}>
              <Card>
                <Statistic title="追责问责（人）" value={s.outcomes.accountable} />
              </Card>
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Card>
                <Statistic title="专题会议（次）" value={s.outcomes.meetings} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={8}>
              <Card title="按状态">
                <Chart
                  empty={s.total === 0}
                  testId="chart-status"
                  onClick={(name) => open({ status: STATUS_KEYS.find(([, label]) => label === name)?.[2] })}
                  option={{
                    tooltip: { trigger: 'item' },
                    legend: { bottom: 0 },
                    series: [
                      {
                        type: 'pie',
                        radius: ['40%', '70%'],
                        label: SLICE_COUNT,
                        data: STATUS_KEYS.map(([key, name]) => ({ name, value: s[key] as number })),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title="按整改类别">
                <Chart
                  empty={s.total === 0}
                  onClick={(name) =>
                    open({
                      triage: Object.entries(TRIAGE)
                        .find(([, label]) => label === name)?.[0]
                        .replace(UNASSIGNED, 'none'),
                    })
                  }
                  option={{
                    tooltip: { trigger: 'item' },
                    legend: { bottom: 0 },
                    series: [
                      {
                        type: 'pie',
                        radius: '65%',
                        label: SLICE_COUNT,
                        data: Object.entries(s.byTriage).map(([k, c]) => ({ name: TRIAGE[k] ?? k, value: c.total })),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title="完成情况趋势（月末）">
                <Chart
                  empty={s.total === 0}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { bottom: 0 },
                    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
                    xAxis: { type: 'category', data: (trend.data?.points ?? []).map((p) => p.day.slice(0, 7)) },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { name: '问题数', type: 'line', data: (trend.data?.points ?? []).map((p) => p.total) },
                      { name: STATUS.completed.label, type: 'line', data: (trend.data?.points ?? []).map((p) => p.completed) },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title="按方面">
                <Chart
                  empty={s.total === 0}
                  height={360}
                  option={bars(s.byAspect)}
                  onClick={(name) => open({ aspect: name })}
                  testId="chart-aspect"
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title="按牵头单位">
                <Chart
                  empty={s.total === 0}
                  height={360}
                  option={bars(s.byUnit)}
                  onClick={(name) => open({ unit: name })}
                  testId="chart-unit"
                />
              </Card>
            </Col>
          </Row>
          <Card title={`超期未完成（${overdue.data?.total ?? 0}）`}>
            <List
              dataSource={overdue.data?.items ?? []}
              locale={{ emptyText: '没有超期未完成的问题' }}
              renderItem={(p) =>
                narrow ? (
                  // on a phone a card each: a code cut in the middle and tags on top of each other read as nothing
                  <List.Item style={{ padding: '6px 0', border: 'none' }}>
                    <ProblemCard p={p} view="problems" />
                  </List.Item>
                ) : (
                  <List.Item onClick={() => navigate(`/problems/${p.code}`)} style={{ cursor: 'pointer' }}>
                    <Space>
                      <Typography.Text code>{p.code}</Typography.Text>
                      {p.title}
                      <StatusTag status={p.status} longTerm={p.longTerm} untold={p.untold} />
                      <ColourTag colour={p.colour} />
                      <Typography.Text type="secondary">
                        时限 {p.deadline} · {p.leadUnit ?? '未指定牵头单位'}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )
              }
            />
          </Card>
        </>
      )}
    </Space>
  );
}
