// 绩效运行监控 of an approved 绩效目标表: the finance office's cadence and thresholds, the year's points with their
// state, and for each point the unit's report — money spent, each indicator's value so far — whose colours are worked
// out as it is typed (by the same rule the server keeps, core/perf/monitoring.ts), so a reason is asked for exactly
// where a line falls behind. The monitoring table and each point's report are downloaded from what was kept.
import { Alert, App, Button, Card, Input, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { RefusedReasons } from '../../components/RefusedReasons.tsx';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, download, useGet } from '../../lib/api.ts';
import type { Answer } from '../../lib/types.ts';
import { MONITOR_COLOUR_LABEL, type MonitorColour, monitor } from '../../../../src/core/perf/monitoring.ts';
import { MONITOR_CADENCE_LABEL, MONITORING_NOTICE_LABEL, type MonitorCadence } from '../../../../src/core/perf/monitoring-plan.ts';
import { isCostIndicator, parseTarget } from '../../../../src/core/perf/targets.ts';
import { decimalOf } from '../../../../src/core/money.ts';
import { useNarrow } from '../../lib/narrow.ts';
import type { TargetTable } from '../../../../src/core/perf/target-table.ts';

type Monitoring = Answer<'GET /api/perf-targets/:id/monitoring'>;
type Point = Monitoring['points'][number];

const COLOUR_TAG: Record<MonitorColour, string> = { green: 'green', yellow: 'gold', red: 'red' };
const STATUS: Record<Point['status'], { label: string; color: string }> = {
  upcoming: { label: '未到时点', color: 'default' },
  open: { label: '待报送', color: 'blue' },
  late: { label: '逾期未报', color: 'red' },
  reported: { label: '已报送', color: 'green' },
  exempt: { label: '不要求报送', color: 'default' },
};

function Settings({ id, m, onSaved }: { id: number; m: Monitoring; onSaved: () => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [edit, setEdit] = useState<Monitoring['settings'] | null>(null);
  const s = m.settings;
  if (!edit)
    return (
      <Space wrap data-testid={`monitoring-settings-${id}`}>
        <span>
          监控频次：{MONITOR_CADENCE_LABEL[s.cadence]}；时点后 {s.dueDays} 天内报送；落后进度超过 {s.yellow} 个百分点为轻度偏差、超过{' '}
          {s.red} 个百分点为严重偏差
        </span>
        {can('approve-targets') && (
          <Button size="small" onClick={() => setEdit(s)} data-testid={`monitoring-settings-edit-${id}`}>
            修改
          </Button>
        )}
      </Space>
    );
  const save = async () => {
    try {
      await api('PUT /api/perf-targets/:id/monitoring/settings', { params: { id }, body: edit });
      message.success('已保存监控设置');
      setEdit(null);
      onSaved();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  return (
    <Space wrap>
      <Select<MonitorCadence>
        value={edit.cadence}
        onChange={(cadence) => setEdit({ ...edit, cadence })}
        options={Object.entries(MONITOR_CADENCE_LABEL).map(([value, label]) => ({ value: value as MonitorCadence, label }))}
        style={{ width: 160 }}
        data-testid="monitoring-cadence"
      />
      <span>时点后</span>
      {/* a box cleared keeps the figure it had: an empty box is not nought days */}
      <InputNumber min={0} max={60} precision={0} value={edit.dueDays} onChange={(v) => v !== null && setEdit({ ...edit, dueDays: v })} />
      <span>天内报送；轻度偏差</span>
      <InputNumber min={1} max={100} value={edit.yellow} onChange={(v) => v !== null && setEdit({ ...edit, yellow: v })} />
      <span>严重偏差</span>
      <InputNumber min={1} max={100} value={edit.red} onChange={(v) => v !== null && setEdit({ ...edit, red: v })} />
      <Button type="primary" size="small" onClick={() => void save()} data-testid="monitoring-settings-save">
        保存
      </Button>
      <Button size="small" onClick={() => setEdit(null)}>
        取消
      </Button>
    </Space>
  );
}

type Entry = { reached: string; onCourse: boolean | null; reason: string };
/** the budget's row among the indicators' (which are keyed by their place: two may share a name) */
const BUDGET = 'budget';

/** The report of one point: typed in, coloured as it is typed, sent whole. */
function ReportForm(props: { id: number; targets: TargetTable; m: Monitoring; point: Point; onDone: () => void }) {
  const { message } = App.useApp();
  const narrow = useNarrow();
  const before = props.point.report?.input;
  const [executed, setExecuted] = useState<string>(before?.executed ?? '');
  const [budgetReason, setBudgetReason] = useState<string>(before?.budgetReason ?? '');
  // one entry per indicator of the targets, in their order
  const [entries, setEntries] = useState<Entry[]>(() =>
    props.targets.indicators.map((_, k) => {
      const b = before?.indicators[k];
      return { reached: b?.reached ?? '', onCourse: b?.onCourse ?? null, reason: b?.reason ?? '' };
    }),
  );
  const [reasons, setReasons] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (k: number, e: Partial<Entry>) => setEntries(entries.map((x, i) => (i === k ? { ...x, ...e } : x)));
  const indicators = props.targets.indicators.map((t, k) => ({ level3: t.level3, ...(entries[k] as Entry) }));
  // an amount that is not one is asked for again, not read as nothing spent
  const spent = executed.trim() === '' ? null : decimalOf(executed);
  const input = { asOf: props.point.asOf, executed: spent, budgetReason, indicators };
  const reading = monitor(props.targets, input, props.m.settings);
  const blank = (k: number) => !entries[k]?.reached.trim() && entries[k]?.onCourse === null;
  // a line not yet filled in has no colour: it is asked for, not judged
  const colourOf = (k: number | typeof BUDGET): MonitorColour | null =>
    k === BUDGET ? (reading.budget?.colour ?? null) : blank(k) ? null : (reading.indicators[k]?.colour ?? null);
  const send = async () => {
    setBusy(true);
    setReasons([]);
    try {
      const r = await api('POST /api/perf-targets/:id/monitoring', {
        params: { id: props.id },
        body: { period: props.point.period, executed: spent, budgetReason, indicators, version: props.point.report?.version },
      });
      const off = [r.result.budget, ...r.result.indicators].filter((l) => l && l.colour !== 'green').length;
      message.success(off ? `已报送：${off} 项偏差已记录，督办提醒将随当日汇总发出` : '已报送：各项进度正常');
      props.onDone();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) setReasons(e.details as string[]);
      message.error(e instanceof ApiError ? e.message : '报送失败');
    } finally {
      setBusy(false);
    }
  };
  const total = props.targets.budget?.total ?? null;
  type Row = { key: number | typeof BUDGET; level3: string; target: string; qualitative: boolean };
  const rows: Row[] = [
    // the budget's execution is watched where the targets give the year's budget
    ...(total === null ? [] : [{ key: BUDGET, level3: '预算执行', target: `全年预算 ${total} 万元`, qualitative: false } as Row]),
    ...props.targets.indicators.map((i, k) => ({
      key: k,
      level3: i.level3,
      target: i.target,
      qualitative: parseTarget(i.target, isCostIndicator(i)).direction === 'qualitative',
    })),
  ];
  const reasonOf = (k: Row['key']) => (k === BUDGET ? budgetReason : (entries[k]?.reason ?? ''));
  const setReason = (k: Row['key'], v: string) => (k === BUDGET ? setBudgetReason(v) : set(k, { reason: v }));
  // what the report still lacks, said as it is typed (the server says the same when it is sent)
  const lacking = [
    ...(executed.trim() !== '' && spent === null ? [`支出金额“${executed}”应为数字（万元）`] : []),
    ...reading.refusals.filter((r) => !/^请填写/.test(r)),
  ];
  return (
    <Card size="small" title={`报送${props.point.label}的运行监控情况`} data-testid="monitoring-form">
      <RefusedReasons title="未保存：以下各处需要补充或更正" reasons={reasons} testId="monitoring-reasons" />
      <Table<Row>
        size="small"
        pagination={false}
        rowKey={(r) => String(r.key)}
        scroll={{ x: 900 }}
        dataSource={rows}
        columns={[
          // on a phone the indicator's name stays in view while the inputs scroll
          { title: '指标', width: narrow ? 110 : 180, fixed: 'left', render: (_, r) => r.level3 },
          { title: '年度目标', width: 150, render: (_, r) => r.target },
          {
            title: '截至时点完成',
            width: 180,
            render: (_, r) =>
              r.key === BUDGET ? (
                <Input
                  addonAfter="万元"
                  value={executed}
                  status={executed.trim() !== '' && spent === null ? 'error' : undefined}
                  onChange={(e) => setExecuted(e.target.value)}
                  placeholder="已支出金额"
                  data-testid="monitoring-executed"
                />
              ) : r.qualitative ? (
                <Select<string>
                  style={{ width: '100%' }}
                  placeholder="是否按进度推进"
                  value={entries[r.key]?.onCourse === null ? undefined : entries[r.key]?.onCourse ? 'yes' : 'no'}
                  onChange={(v) => set(r.key as number, { onCourse: v === 'yes' })}
                  options={[
                    { value: 'yes', label: '按进度推进' },
                    { value: 'no', label: '未按进度推进' },
                  ]}
                  data-testid={`monitoring-course-${r.key}`}
                />
              ) : (
                <Input
                  value={entries[r.key]?.reached}
                  onChange={(e) => set(r.key as number, { reached: e.target.value })}
                  placeholder="如 800人次、96%"
                  data-testid={`monitoring-reached-${r.key}`}
                />
              ),
          },
          {
            title: '偏差',
            width: 90,
            render: (_, r) => {
              const c = colourOf(r.key);
              return c ? <Tag color={COLOUR_TAG[c]}>{MONITOR_COLOUR_LABEL[c]}</Tag> : null;
            },
          },
          {
            title: '偏差原因及改进措施',
            render: (_, r) => {
              const c = colourOf(r.key);
              const needed = c !== null && c !== 'green';
              return (
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={2000}
                  status={needed && !reasonOf(r.key).trim() ? 'error' : undefined}
                  placeholder={needed ? '必须说明原因和改进措施' : '进度正常时可不填'}
                  value={reasonOf(r.key)}
                  onChange={(e) => setReason(r.key, e.target.value)}
                  data-testid={`monitoring-reason-${r.key}`}
                />
              );
            },
          },
        ]}
      />
      {lacking.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          data-testid="monitoring-lacking"
          title="报送前需要补充或更正"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {lacking.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
        />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" loading={busy} onClick={() => void send()} data-testid="monitoring-submit">
          {props.point.report ? '更正报送' : '报送'}
        </Button>
        <Typography.Text type="secondary">时间进度 {reading.elapsed.toFixed(1)}%</Typography.Text>
      </Space>
    </Card>
  );
}

export function PerfMonitoring({ id, targets }: { id: number; targets: TargetTable }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const got = useGet('GET /api/perf-targets/:id/monitoring', { params: { id } });
  const [open, setOpen] = useState<string | null>(null);
  const m = got.data;
  if (!m) return null;
  const point = m.points.find((p) => p.period === open);
  const fail = (x: unknown) => message.error(x instanceof ApiError ? x.message : '下载失败');
  return (
    <Card size="small" title="绩效运行监控（预算执行进度和绩效目标完成情况“双监控”）" data-testid={`monitoring-${id}`}>
      <Settings id={id} m={m} onSaved={got.reload} />
      <Table
        style={{ marginTop: 8 }}
        size="small"
        pagination={false}
        rowKey="period"
        scroll={{ x: 720 }}
        dataSource={[...m.points]}
        columns={[
          { title: '监控时点', render: (_, p) => p.label },
          { title: '报送期限', width: 110, render: (_, p) => p.due },
          {
            title: '状态',
            width: 100,
            render: (_, p) => (
              <Tag color={STATUS[p.status].color} data-testid={`monitoring-status-${p.period}`}>
                {STATUS[p.status].label}
              </Tag>
            ),
          },
          {
            title: '偏差',
            width: 150,
            render: (_, p) => {
              if (!p.report) return null;
              const lines = [...(p.report.result.budget ? [p.report.result.budget] : []), ...p.report.result.indicators];
              const red = lines.filter((l) => l.colour === 'red').length;
              const yellow = lines.filter((l) => l.colour === 'yellow').length;
              return red + yellow === 0 ? <Tag color="green">正常</Tag> : <span>{`严重 ${red} 项，轻度 ${yellow} 项`}</span>;
            },
          },
          {
            title: '操作',
            width: 200,
            fixed: 'right',
            render: (_, p) => (
              <Space wrap>
                {can('report-progress') && p.status !== 'upcoming' && (
                  <Button
                    size="small"
                    onClick={() => setOpen(open === p.period ? null : p.period)}
                    data-testid={`monitoring-open-${p.period}`}
                  >
                    {p.report ? '更正' : '填报'}
                  </Button>
                )}
                {p.report && (
                  <Button
                    size="small"
                    onClick={() =>
                      void download('GET /api/perf-targets/:id/monitoring/:period/report', { params: { id, period: p.period } }).catch(fail)
                    }
                    data-testid={`monitoring-report-${p.period}`}
                  >
                    监控报告
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {point && (
        <ReportForm
          key={`${point.period}:${point.report?.version ?? 0}`}
          id={id}
          targets={targets}
          m={m}
          point={point}
          onDone={() => {
            setOpen(null);
            got.reload();
          }}
        />
      )}
      <Space style={{ marginTop: 8 }} wrap>
        <Button
          onClick={() => void download('GET /api/perf-targets/:id/monitoring/workbook', { params: { id } }).catch(fail)}
          disabled={!m.points.some((p) => p.report)}
          data-testid="monitoring-workbook"
        >
          下载监控表（Excel）
        </Button>
      </Space>
      {m.notices.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            督办提醒
          </Typography.Title>
          <List
            size="small"
            dataSource={m.notices.slice(0, 10)}
            data-testid="monitoring-notices"
            renderItem={(n) => (
              <List.Item>
                <Space wrap>
                  <Tag>{MONITORING_NOTICE_LABEL[n.kind]}</Tag>
                  <span>{n.day}</span>
                  <span>{n.message}</span>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
