// Changing a 绩效目标表 by hand: the year's budget and every indicator — its place in the tree, the value to reach and
// its weight — rows added and removed, saved whole with its version. The server refuses it row by row where it cannot
// be a year's targets (weights not adding up, a value to reach without a direction) and keeps nothing; a change to
// an approved table takes the approval away, and the screen says so before it is saved.
import { Alert, App, Button, Input, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { RefusedReasons } from '../../components/RefusedReasons.tsx';
import { api, ApiError } from '../../lib/api.ts';
import { decimalOf } from '../../../../src/core/money.ts';
import type { TargetTable } from '../../../../src/core/perf/target-table.ts';

type Row = TargetTable['indicators'][number];

export function TargetEditor(props: {
  id: number;
  version: number;
  approved: boolean;
  targets: TargetTable;
  onDone: (saved: boolean) => void;
}) {
  const { message } = App.useApp();
  const [t, setT] = useState<TargetTable>(props.targets);
  const [reasons, setReasons] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const setRow = (k: number, r: Partial<Row>) => setT({ ...t, indicators: t.indicators.map((x, i) => (i === k ? { ...x, ...r } : x)) });
  // what the form itself can tell before sending, row by row, in the words the server uses for the rest
  const local = [
    ...(t.budget?.total && decimalOf(t.budget.total) === null ? [`全年预算“${t.budget.total}”应为数字（万元）`] : []),
    ...t.indicators.flatMap((i, k) => (i.level3.trim() ? [] : [`第 ${k + 1} 项指标：三级指标不能为空`])),
  ];
  const save = async () => {
    if (local.length) {
      setReasons(local);
      return;
    }
    setBusy(true);
    setReasons([]);
    try {
      await api('PUT /api/perf-targets/:id', { params: { id: props.id }, body: { targets: t, version: props.version } });
      message.success(props.approved ? '已保存，须重新审定' : '已保存');
      props.onDone(true);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) setReasons(e.details as string[]);
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  };
  const cell = (k: number, key: 'level1' | 'level2' | 'level3' | 'target', placeholder: string) => (
    <Input
      value={t.indicators[k]?.[key] ?? ''}
      placeholder={placeholder}
      onChange={(e) => setRow(k, { [key]: e.target.value })}
      data-testid={`target-${key}-${k}`}
    />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`targets-editor-${props.id}`}>
      {props.approved && <Alert type="warning" showIcon title="这份绩效目标表已经审定：保存修改后须重新审定。" />}
      <RefusedReasons title="绩效目标表未保存：以下各处需要更正" reasons={reasons} testId="targets-edit-reasons" />
      <Space wrap>
        <span>全年预算</span>
        <Input
          style={{ width: 200 }}
          addonAfter="万元"
          value={t.budget?.total ?? ''}
          status={local.some((r) => r.startsWith('全年预算')) ? 'error' : undefined}
          onChange={(e) => setT({ ...t, budget: { total: e.target.value.trim() || null, weight: t.budget?.weight ?? null } })}
          data-testid="target-budget"
        />
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, k) => String(k)}
        scroll={{ x: 900 }}
        dataSource={[...t.indicators]}
        columns={[
          { title: '一级指标', width: 130, render: (_, _r, k) => cell(k, 'level1', '产出指标') },
          { title: '二级指标', width: 150, render: (_, _r, k) => cell(k, 'level2', '数量指标') },
          { title: '三级指标', render: (_, _r, k) => cell(k, 'level3', '指标名称') },
          { title: '年度指标值', width: 150, render: (_, _r, k) => cell(k, 'target', '≥95%') },
          {
            title: '分值',
            width: 90,
            render: (_, r, k) => (
              <InputNumber
                min={0}
                max={100}
                value={r.weight}
                onChange={(v) => setRow(k, { weight: v })}
                style={{ width: '100%' }}
                data-testid={`target-weight-${k}`}
              />
            ),
          },
          {
            title: '',
            width: 60,
            render: (_, _r, k) => (
              <Button size="small" type="link" danger onClick={() => setT({ ...t, indicators: t.indicators.filter((_x, i) => i !== k) })}>
                删除
              </Button>
            ),
          },
        ]}
      />
      <Space wrap>
        <Button
          onClick={() => {
            const last = t.indicators.at(-1);
            setT({
              ...t,
              indicators: [
                ...t.indicators,
                { level1: last?.level1 ?? '', level2: last?.level2 ?? '', level3: '', target: '', weight: null },
              ],
            });
          }}
          data-testid="target-add"
        >
          添加指标
        </Button>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="targets-save">
          保存
        </Button>
        <Button onClick={() => props.onDone(false)}>取消</Button>
      </Space>
    </Space>
  );
}
