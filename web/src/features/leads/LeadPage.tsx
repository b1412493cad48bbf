// 一条问题线索: where it came from, who received it, its deadline and state, every step recorded on it with the
// document it rests on, the problems that wait on it; and the forms to record a step or a disposal (sent with the
// version the page shows, so a stale page is refused) and to link a problem.
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Select,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { StatusTag } from '../../components/tags.tsx';
import { api, ApiError, useGet } from '../../lib/api.ts';
import type { LeadDetail } from '../../lib/types.ts';
import { LeadStateTag } from './leadLabels.tsx';
import { concludes, LEAD_STEP_LABEL, type LeadStepKind } from '../../../../src/core/leads/lead.ts';

export function LeadPage() {
  const { code = '' } = useParams();
  const { data, error, loading, reload } = useGet('GET /api/leads/:code', { params: { code } });
  if (error)
    return <Alert type="error" showIcon title={error.status === 404 ? `没有编号为“${code}”的问题线索，或您无权查看` : error.message} />;
  if (!data) return <Spin spinning={loading} />;
  const l = data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/leads">问题线索</Link> }, { title: l.code }]} />
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="lead-title">
          {l.code}
        </Typography.Title>
        <LeadStateTag lead={l} />
      </Space>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="整改来源">
          <Link to={`/ledger?source=${encodeURIComponent(l.source.code)}`}>
            {l.source.code} {l.source.title}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label="移交阶段">{l.phaseLabel}</Descriptions.Item>
        <Descriptions.Item label="线索来源">{l.originLabel}</Descriptions.Item>
        <Descriptions.Item label="接收机关">{l.receiverName ?? l.receiverLabel}</Descriptions.Item>
        <Descriptions.Item label="移交日期">{l.transferredOn}</Descriptions.Item>
        <Descriptions.Item label="收到日期">{l.receivedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="办理期限">{l.deadline}</Descriptions.Item>
        <Descriptions.Item label="线索摘要" span={2}>
          <span data-testid="lead-summary-text">{l.summary}</span>
        </Descriptions.Item>
        <Descriptions.Item label="被反映人（保密）" span={2}>
          {l.persons ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label="办结">{l.concludedOn ? `${l.concludedOn} ${l.conclusionLabel}` : '未办结'}</Descriptions.Item>
        <Descriptions.Item label="登记人">{l.createdBy}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title="办理记录">
        {l.steps.length === 0 ? (
          <Typography.Text type="secondary">尚无办理记录</Typography.Text>
        ) : (
          <Timeline
            data-testid="lead-steps"
            items={l.steps.map((s) => ({
              color: concludes(s.kind) ? 'green' : 'blue',
              content: (
                <>
                  <b>{s.on}</b> {s.kindLabel}：{s.text}
                  {s.document ? `（${s.document}）` : ''} <Typography.Text type="secondary">{s.actor}</Typography.Text>
                </>
              ),
            }))}
          />
        )}
        {!l.concludedOn && <StepForm lead={l} done={reload} />}
      </Card>
      {l.notices.length > 0 && (
        <Card size="small" title="督办记录">
          <List
            size="small"
            data-testid="lead-notices"
            dataSource={l.notices}
            renderItem={(n) => (
              <List.Item>
                <b>{n.day}</b>&nbsp;{n.kindLabel}：{n.message}
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title="等待该线索核查的问题">
        <List
          size="small"
          dataSource={l.problems}
          locale={{ emptyText: '没有关联的问题' }}
          renderItem={(p) => (
            <List.Item actions={[<Unlink key="x" lead={l} problem={p.code} done={reload} />]}>
              <Link to={`/problems/${encodeURIComponent(p.code)}`}>{p.code}</Link> {p.title} <StatusTag status={p.status} />
            </List.Item>
          )}
        />
        <LinkForm lead={l} done={reload} />
      </Card>
    </Space>
  );
}

function StepForm({ lead, done }: { lead: LeadDetail; done: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: LeadStepKind; on?: Dayjs; text: string; document?: string }>();
  const kind = Form.useWatch('kind', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { kind: LeadStepKind; on?: Dayjs; text: string; document?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST /api/leads/:code/steps', {
        params: { code: lead.code },
        body: {
          version: lead.version,
          kind: v.kind,
          ...(v.on ? { on: v.on.format('YYYY-MM-DD') } : {}),
          text: v.text,
          document: v.document?.trim() || null,
        },
      });
      message.success(concludes(v.kind) ? '线索已办结' : `已登记“${LEAD_STEP_LABEL[v.kind]}”`);
      form.resetFields();
      done();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登记失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: 'progress' }}
      style={{ marginTop: 16 }}
      data-testid="lead-step-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="lead-step-error" />}
      <Space wrap align="start">
        <Form.Item name="kind" label="办理方式">
          <Select
            style={{ width: 200 }}
            options={Object.entries(LEAD_STEP_LABEL).map(([value, label]) => ({
              value,
              label: concludes(value as LeadStepKind) ? `${label}（办结）` : label,
            }))}
            data-testid="lead-step-kind"
          />
        </Form.Item>
        <Form.Item name="on" label="日期">
          <DatePicker placeholder="今天" />
        </Form.Item>
        <Form.Item
          name="document"
          label={kind && concludes(kind) ? '依据的文书（文号或名称，办结必填）' : '依据的文书（文号或名称）'}
          rules={kind && concludes(kind) ? [{ required: true, whitespace: true, message: '办结线索须注明依据的文书' }] : []}
        >
          <Input style={{ width: 280 }} maxLength={200} data-testid="lead-step-document" />
        </Form.Item>
      </Space>
      <Form.Item name="text" label="办理情况" rules={[{ required: true, whitespace: true, message: '请填写办理情况' }]}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="lead-step-text" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="lead-step-submit">
        登记
      </Button>
    </Form>
  );
}

function LinkForm({ lead, done }: { lead: LeadDetail; done: () => void }) {
  const [problem, setProblem] = useState('');
  const [error, setError] = useState<string | null>(null);
  const link = async () => {
    setError(null);
    try {
      await api('POST /api/leads/:code/problems', { params: { code: lead.code }, body: { problem: problem.trim(), linked: true } });
      setProblem('');
      done();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '关联失败');
    }
  };
  return (
    <Space orientation="vertical" style={{ marginTop: 12 }}>
      {error && <Alert type="error" showIcon title={error} />}
      <Space.Compact>
        <Input
          placeholder="问题编号，如 XC2024-01-006"
          value={problem}
          onChange={(e) => setProblem(e.target.value)}
          style={{ width: 260 }}
        />
        <Button onClick={() => void link()} disabled={!problem.trim()}>
          关联问题
        </Button>
      </Space.Compact>
    </Space>
  );
}

function Unlink({ lead, problem, done }: { lead: LeadDetail; problem: string; done: () => void }) {
  const { message } = App.useApp();
  return (
    <Button
      size="small"
      type="link"
      onClick={() =>
        void api('POST /api/leads/:code/problems', { params: { code: lead.code }, body: { problem, linked: false } })
          .then(done)
          .catch((e: unknown) => message.error(e instanceof ApiError ? e.message : '取消关联失败'))
      }
    >
      取消关联
    </Button>
  );
}
