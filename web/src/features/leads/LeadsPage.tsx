// 问题线索: the register of leads handed over by inspections and audits, as of a day — the figures and the sentence a
// report states, the leads with their deadlines and states — and the form to register one. For 纪检, 监督 and
// administrators only; the people a lead concerns are shown here and nowhere else.
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, useGet } from '../../lib/api.ts';
import type { LeadItem } from '../../lib/types.ts';
import { LeadStateTag } from './leadLabels.tsx';
import { formatRate } from '../../../../src/core/ledger/completion-rate.ts';
import { LEAD_PHASE_LABEL, LEAD_RECEIVER_LABEL, LEAD_STATE_LABEL } from '../../../../src/core/leads/lead.ts';

const STATES = [
  { value: 'open-all', label: '未办结（全部）' },
  ...Object.entries(LEAD_STATE_LABEL).map(([value, label]) => ({ value, label })),
];

export function LeadsPage() {
  // as of the server's today unless a day is chosen
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [state, setState] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const day = asOf ? { asOf: asOf.format('YYYY-MM-DD') } : {};
  const list = useGet('GET /api/leads', { query: { ...day, ...(state ? { state: state as never } : {}) } });
  const figures = useGet('GET /api/leads/figures', { query: day });
  const f = figures.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          问题线索
        </Typography.Title>
        <span>截至</span>
        <DatePicker value={asOf} onChange={setAsOf} placeholder="今天" data-testid="leads-as-of" />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 180 }}
          options={STATES}
          value={state}
          onChange={setState}
          data-testid="leads-state"
        />
        <Button type="primary" onClick={() => setAdding(true)} data-testid="lead-add">
          登记线索
        </Button>
      </Space>
      {(list.error ?? figures.error) && <Alert type="error" showIcon title={(list.error ?? figures.error)?.message} />}
      {f && (
        <Card size="small">
          <Space size={40} wrap>
            <Statistic title="收到" value={f.received} suffix="件" />
            <Statistic title="已办结" value={f.concluded} suffix="件" />
            <Statistic title="正在办理" value={f.open} suffix="件" />
            <Statistic title="逾期未办结" value={f.overdue} suffix="件" valueStyle={f.overdue > 0 ? { color: '#cf1322' } : undefined} />
            <Statistic title="办结率" value={f.rate === null ? '—' : `${formatRate(f.rate, 1)}%`} />
          </Space>
          {f.sentence && (
            <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="leads-sentence">
              报告表述：{f.sentence}
            </Typography.Paragraph>
          )}
          {f.bySource.length + f.byReceiver.length + f.byOrigin.length > 1 && (
            <Table
              size="small"
              style={{ marginTop: 12 }}
              rowKey="name"
              pagination={false}
              data-testid="leads-breakdown"
              dataSource={[
                ...f.bySource.map((g) => ({ ...g, name: `来源 ${g.key}` })),
                ...f.byReceiver.map((g) => ({ ...g, name: `接收机关 ${g.label}` })),
                ...(f.byOrigin.length > 1 ? f.byOrigin.map((g) => ({ ...g, name: `线索来源 ${g.label}` })) : []),
              ]}
              columns={[
                { title: '分组', dataIndex: 'name' },
                { title: '收到', dataIndex: 'received', width: 80 },
                { title: '已办结', dataIndex: 'concluded', width: 80 },
                { title: '正在办理', dataIndex: 'open', width: 90 },
                { title: '逾期未办结', dataIndex: 'overdue', width: 100 },
                { title: '办结率', width: 90, render: (_, g) => (g.rate === null ? '—' : `${formatRate(g.rate, 1)}%`) },
              ]}
            />
          )}
        </Card>
      )}
      <Table<LeadItem>
        rowKey="code"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="leads-table"
        columns={[
          { title: '编号', width: 150, render: (_, l) => <Link to={`/leads/${encodeURIComponent(l.code)}`}>{l.code}</Link> },
          { title: '状态', width: 170, render: (_, l) => <LeadStateTag lead={l} /> },
          {
            title: '督办',
            width: 100,
            render: (_, l) => (l.supervision && !l.concludedOn ? <Tag color="red">{l.supervision}</Tag> : '—'),
          },
          { title: '摘要', render: (_, l) => l.summary },
          { title: '被反映人', width: 120, render: (_, l) => l.persons ?? '—' },
          { title: '移交', width: 150, render: (_, l) => `${l.phaseLabel} ${l.transferredOn}` },
          { title: '接收机关', width: 140, render: (_, l) => l.receiverName ?? l.receiverLabel },
          { title: '办理期限', width: 110, render: (_, l) => l.deadline },
          { title: '办结', width: 150, render: (_, l) => (l.concludedOn ? `${l.concludedOn} ${l.conclusionLabel}` : '—') },
        ]}
      />
      <Modal title="登记移交的问题线索" open={adding} onCancel={() => setAdding(false)} footer={null} destroyOnHidden width={640}>
        <NewLeadForm
          done={() => {
            setAdding(false);
            list.reload();
            figures.reload();
          }}
        />
      </Modal>
    </Space>
  );
}

interface NewLeadValues {
  source: string;
  phase: 'during' | 'after';
  receiver: 'discipline' | 'organisation' | 'other';
  receiverName?: string;
  summary: string;
  persons?: string;
  transferredOn: Dayjs;
  receivedOn?: Dayjs;
  problems?: string;
}

function NewLeadForm({ done }: { done: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const sources = useGet('GET /api/sources', {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: NewLeadValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api('POST /api/leads', {
        body: {
          source: v.source,
          phase: v.phase,
          receiver: v.receiver,
          receiverName: v.receiverName?.trim() || null,
          summary: v.summary,
          persons: v.persons?.trim() || null,
          transferredOn: v.transferredOn.format('YYYY-MM-DD'),
          receivedOn: v.receivedOn ? v.receivedOn.format('YYYY-MM-DD') : null,
          problems: (v.problems ?? '')
            .split(/[\s,，、]+/)
            .map((c) => c.trim())
            .filter(Boolean),
        },
      });
      message.success(`已登记问题线索 ${r.code}，办理期限 ${r.deadline}`);
      done();
      navigate(`/leads/${encodeURIComponent(r.code)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登记失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<NewLeadValues>
      layout="vertical"
      onFinish={submit}
      initialValues={{ phase: 'during' }}
      // Enter in a field (a date just typed) does not register the lead half-filled: only the button does
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
      }}
      data-testid="lead-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="lead-form-error" />}
      {sources.data?.items.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="您的范围内没有整改来源：线索由组织巡察（审计）的机构登记。接收线索的机关可在线索台账中记录收到、办理和办结。"
          data-testid="lead-form-no-sources"
        />
      )}
      <Form.Item name="source" label="整改来源（哪一轮巡察、审计）" rules={[{ required: true, message: '请选择整改来源' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={sources.loading}
          options={(sources.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.title}` }))}
          data-testid="lead-source"
        />
      </Form.Item>
      <Form.Item name="phase" label="移交阶段">
        <Radio.Group options={Object.entries(LEAD_PHASE_LABEL).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="receiver" label="接收机关类别" rules={[{ required: true, message: '请选择接收机关类别' }]}>
          <Select
            style={{ width: 160 }}
            options={Object.entries(LEAD_RECEIVER_LABEL).map(([value, label]) => ({ value, label }))}
            data-testid="lead-receiver"
          />
        </Form.Item>
        <Form.Item name="receiverName" label="接收机关名称">
          <Input placeholder="如 示例县纪委监委" maxLength={100} style={{ width: 260 }} data-testid="lead-receiver-name" />
        </Form.Item>
      </Space>
      <Form.Item
        name="summary"
        label="线索摘要（不含被反映人姓名）"
        rules={[{ required: true, whitespace: true, message: '请填写线索摘要' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="lead-summary" />
      </Form.Item>
      <Form.Item name="persons" label="被反映人（保密，仅在线索台账中显示）">
        <Input maxLength={500} data-testid="lead-persons" />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="transferredOn" label="移交日期" rules={[{ required: true, message: '请选择移交日期' }]}>
          <DatePicker data-testid="lead-transferred" />
        </Form.Item>
        <Form.Item name="receivedOn" label="收到日期（巡后移交从此日起算）">
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="problems" label="等待该线索核查的问题编号（可多个，用逗号或空格分隔）">
        <Input placeholder="如 XC2024-01-006" data-testid="lead-problems" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={sources.data?.items.length === 0} data-testid="lead-submit">
        登记
      </Button>
    </Form>
  );
}
