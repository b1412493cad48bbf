// 问题详情: the problem, its measures, owners and deadlines, and the timeline of everything done on it; the actions the
// viewer's role may take here. Every change sends the version the page shows, so a stale page is refused.
import {
  Alert,
  Breadcrumb,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { ColourTag, StatusTag } from '../../components/tags.tsx';
import { address, api, ApiError, download, useGet } from '../../lib/api.ts';
import { useUnits } from '../../lib/units.ts';
import { MONEY_KIND, SUPERVISION, TRIAGE } from '../../lib/labels.ts';
import type { Body, Request, TimelineEntry } from '../../lib/types.ts';
import { SimilarProblems } from './SimilarProblems.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { noticeRefusal } from '../../../../src/core/official/item-forms.ts';
import { transition } from '../../../../src/core/ledger/problem-state.ts';
import { type CameFrom, ProblemLink } from '../../components/ProblemLink.tsx';

const TIMELINE_COLOUR: Record<TimelineEntry['kind'], string> = {
  status: 'blue',
  assignment: '#13c2c2',
  progress: 'green',
  evidence: 'gray',
  'closure-request': 'purple',
  'closure-decision': 'purple',
  'extension-request': 'cyan',
  'extension-decision': 'cyan',
  supervision: 'red',
  lookback: 'orange',
};

/** The day of the entry, with the time it was recorded when it was recorded that day (imports are dated earlier). */
function when(t: TimelineEntry): string {
  const recorded = t.time ? dayjs(t.time) : null;
  return recorded && recorded.format('YYYY-MM-DD') === t.at ? recorded.format('YYYY-MM-DD HH:mm') : t.at;
}

type Field = { name: string; label: string; input: ReactNode; required?: boolean };
/**
 * What a form's fields hold, as Ant Design gives them: each field's own input decides its type. The body built from
 * them is checked against what the route accepts (its fields by name), and the server checks the values.
 */
// biome-ignore lint/suspicious/noExplicitAny: a form's values are typed by its inputs, not by the form
type Filled = Record<string, any>;

/** A button that opens a form and posts it; the page reloads after. */
function ActionButton(props: {
  label: string;
  title: string;
  fields: Field[];
  submit: (v: Filled) => Promise<unknown>;
  done: () => void;
  danger?: boolean;
  testId?: string;
  /** shown above the form: what the person decides on (the evidence of a closure request) */
  intro?: ReactNode;
  /** what the form opens with: the problem's present values, so that saving one field does not clear the others */
  initial?: Record<string, unknown>;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // what was typed is not thrown away by a stray click outside the dialog: closing it then asks first
  const shut = () => {
    form.resetFields(); // the next opening starts empty
    setOpen(false);
  };
  const close = () =>
    form.isFieldsTouched()
      ? modal.confirm({
          title: '放弃已填写的内容？',
          content: `“${props.title}”中填写的内容尚未提交，关闭后将不保留。`,
          okText: '放弃并关闭',
          cancelText: '继续填写',
          onOk: shut,
        })
      : shut();
  const sending = useRef(false);
  const onFinish = async (v: Record<string, unknown>) => {
    if (sending.current) return; // Enter pressed again while it is being sent: once is enough
    sending.current = true;
    setBusy(true);
    try {
      await props.submit(v);
      message.success(`${props.title}：已完成`);
      shut();
      props.done();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger={props.danger} onClick={() => setOpen(true)} data-testid={props.testId}>
        {props.label}
      </Button>
      <Modal title={props.title} open={open} onCancel={close} footer={null} destroyOnHidden width={props.intro ? 720 : 520}>
        {props.intro}
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={props.initial}>
          {props.fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
            >
              {f.input}
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={busy} data-testid={props.testId ? `${props.testId}-submit` : undefined}>
            提交
          </Button>
        </Form>
      </Modal>
    </>
  );
}

const day = (d: unknown) => (d ? (d as Dayjs).format('YYYY-MM-DD') : undefined);

/** The changes the page sends about its problem, each with the version it shows. */
type Acting =
  | 'POST /api/problems/:code/assign'
  | 'POST /api/problems/:code/progress'
  | 'POST /api/problems/:code/closure'
  | 'POST /api/problems/:code/closure/decision'
  | 'POST /api/problems/:code/extension'
  | 'POST /api/problems/:code/extension/decision'
  | 'POST /api/problems/:code/supervision'
  | 'POST /api/problems/:code/lookback'
  | 'POST /api/problems/:code/outcomes';
/** A body without a field, for each kind of a union body alike (an outcome of money, an institution…). */
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function ProblemPage() {
  const { code = '' } = useParams();
  const cameFrom = (useLocation().state as CameFrom | null) ?? null;
  const { can } = useSession();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useGet('GET /api/problems/:code', { params: { code } });
  const units = useUnits(can('assign'));
  if (error)
    return <Alert type="error" title={error.status === 404 ? `没有编号为“${code}”的问题，或您无权查看` : error.message} showIcon />;
  if (!data) return <Spin spinning={loading} />;
  const p = data.problem;
  // a change is sent with the version the page shows: a page gone stale is refused, not merged
  const post = <R extends Acting>(route: R, body: Without<Body<R>, 'version'>) =>
    api(route, { params: { code }, body: { ...body, version: p.version } } as unknown as Request<R>);
  const unitOptions = units.options;
  const closed = p.status === 'completed';
  // specific problems still open: a closure of the whole is decided knowing it
  const openChildren = data.children.filter((c) => c.status !== 'completed' && c.status !== 'phased');
  const text = (rows = 3) => <Input.TextArea rows={rows} />;

  const actions: ReactNode[] = [];
  if (can('assign'))
    actions.push(
      <ActionButton
        key="assign"
        label="认领分工"
        title="认领与分工"
        testId="action-assign"
        done={reload}
        initial={{
          leadUnit: p.leadUnit ?? undefined,
          cooperatingUnits: p.cooperatingUnits,
          deadline: p.deadline ? dayjs(p.deadline) : undefined,
          triage: p.triage ?? undefined,
          target: p.target ?? undefined,
        }}
        submit={(v) =>
          post('POST /api/problems/:code/assign', {
            leadUnit: v.leadUnit ?? null,
            cooperatingUnits: v.cooperatingUnits ?? [],
            deadline: day(v.deadline) ?? null,
            triage: v.triage ?? null,
            target: v.target ?? null,
          })
        }
        fields={[
          { name: 'leadUnit', label: '牵头单位', input: <Select allowClear showSearch options={unitOptions} data-testid="assign-unit" /> },
          { name: 'cooperatingUnits', label: '配合单位', input: <Select mode="multiple" allowClear options={unitOptions} /> },
          { name: 'deadline', label: '整改时限', input: <DatePicker style={{ width: '100%' }} /> },
          {
            name: 'triage',
            label: '整改类别',
            input: (
              <Select
                allowClear
                options={Object.entries(TRIAGE)
                  .filter(([k]) => k !== '（未指定）')
                  .map(([value, label]) => ({ value, label }))}
              />
            ),
          },
          { name: 'target', label: '成效目标', input: text(2) },
        ]}
      />,
    );
  if (can('report-progress') && !closed)
    actions.push(
      <ActionButton
        key="progress"
        label="报告进展"
        title="报告整改进展"
        testId="action-progress"
        done={reload}
        submit={(v) =>
          post('POST /api/problems/:code/progress', {
            text: v.text,
            ...(v.progress !== undefined && v.progress !== null ? { progress: v.progress } : {}),
          })
        }
        fields={[
          { name: 'text', label: '进展情况', input: text(4), required: true },
          { name: 'progress', label: '总体进度（%）', input: <InputNumber min={0} max={100} style={{ width: '100%' }} /> },
        ]}
      />,
    );
  if (can('upload-evidence') && !closed)
    actions.push(
      <Upload
        key="evidence"
        showUploadList={false}
        maxCount={1}
        customRequest={async ({ file, onSuccess, onError }) => {
          const form = new FormData();
          form.append('file', file as Blob);
          try {
            await api('POST /api/problems/:code/evidence', { params: { code }, body: form });
            message.success('佐证材料已上传');
            onSuccess?.({});
            reload();
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : '上传失败');
            onError?.(e as Error);
          }
        }}
      >
        <Button data-testid="action-evidence">上传佐证材料</Button>
      </Upload>,
    );
  // the state machine's own answer, asked before the button is offered: a long-term problem done for this phase is
  // on the books (挂账), not closable, and is shown so instead of a form that would be refused
  const state = { status: p.status, longTerm: p.longTerm, pendingEvidence: 0, reopenedCount: p.reopenedCount };
  const closable = transition(state, { kind: 'request-closure', evidenceCount: 1 }).ok;
  if (can('request-closure') && closable)
    actions.push(
      <ActionButton
        key="closure"
        label={p.longTerm ? '申请阶段性完成' : '申请销号'}
        title={p.longTerm ? '申请阶段性完成（长期整改问题挂账不销账，须附佐证材料）' : '申请销号（须附佐证材料）'}
        testId="action-closure"
        done={reload}
        submit={(v) => post('POST /api/problems/:code/closure', { evidence: (v.evidence as number[] | undefined) ?? [], note: v.note })}
        fields={[
          {
            name: 'evidence',
            label: '佐证材料',
            required: true,
            input: <Checkbox.Group options={data.evidence.map((e) => ({ value: e.id, label: e.fileName }))} />,
          },
          { name: 'note', label: '说明', input: text(3) },
        ]}
      />,
    );
  if (can('decide-closure') && p.status === 'closure-requested')
    actions.push(
      <ActionButton
        key="decide"
        label="审核销号"
        title="审核销号申请"
        testId="action-decide"
        done={reload}
        intro={
          <>
            {openChildren.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={`其下还有 ${openChildren.length} 个具体问题尚未完成（${openChildren.map((c) => c.code).join('、')}），请核实后再决定`}
              />
            )}
            <Card size="small" title={`申请所附佐证材料（${data.pendingClosure?.length ?? 0} 份）`} style={{ marginBottom: 16 }}>
              <EvidenceList items={data.evidence.filter((e) => data.pendingClosure?.includes(e.id))} empty="申请未附佐证材料" />
            </Card>
          </>
        }
        submit={(v) => post('POST /api/problems/:code/closure/decision', { accept: v.decision === 'accept', reason: v.reason })}
        fields={[
          {
            name: 'decision',
            label: '审核意见',
            required: true,
            input: (
              <Radio.Group
                options={[
                  { value: 'accept', label: '同意销号' },
                  { value: 'return', label: '退回' },
                ]}
                data-testid="decide-choice"
              />
            ),
          },
          { name: 'reason', label: '理由（退回时必填）', input: text(3) },
        ]}
      />,
    );
  if (can('request-extension') && !closed && !data.pendingExtension)
    actions.push(
      <ActionButton
        key="ext"
        label="申请延期"
        title="申请延期"
        done={reload}
        submit={(v) => post('POST /api/problems/:code/extension', { newDeadline: day(v.newDeadline) ?? '', reason: v.reason })}
        fields={[
          { name: 'newDeadline', label: '新的整改时限', required: true, input: <DatePicker style={{ width: '100%' }} /> },
          { name: 'reason', label: '理由', required: true, input: text(3) },
        ]}
      />,
    );
  if (can('decide-extension') && data.pendingExtension)
    actions.push(
      <ActionButton
        key="extd"
        label="审批延期"
        title={`审批延期至 ${data.pendingExtension}`}
        done={reload}
        submit={(v) => post('POST /api/problems/:code/extension/decision', { approve: v.decision === 'approve', reason: v.reason })}
        fields={[
          {
            name: 'decision',
            label: '审批意见',
            required: true,
            input: (
              <Radio.Group
                options={[
                  { value: 'approve', label: '批准' },
                  { value: 'reject', label: '不批准' },
                ]}
              />
            ),
          },
          { name: 'reason', label: '理由', input: text(2) },
        ]}
      />,
    );
  if (can('supervise'))
    actions.push(
      <ActionButton
        key="sup"
        label="督办"
        title="督办"
        done={reload}
        submit={(v) => post('POST /api/problems/:code/supervision', { kind: v.kind, note: v.note })}
        fields={[
          {
            name: 'kind',
            label: '方式',
            required: true,
            input: <Select options={Object.entries(SUPERVISION).map(([value, label]) => ({ value, label }))} />,
          },
          { name: 'note', label: '说明', input: text(2) },
        ]}
      />,
    );
  if (can('lookback') && (p.status === 'completed' || p.status === 'phased'))
    actions.push(
      <ActionButton
        key="lb"
        label="回头看"
        title="回头看"
        done={reload}
        submit={(v) => post('POST /api/problems/:code/lookback', { result: v.result, note: v.note, newDeadline: day(v.newDeadline) })}
        fields={[
          {
            name: 'result',
            label: '结果',
            required: true,
            input: (
              <Radio.Group
                options={[
                  { value: 'consolidated', label: '整改成果巩固' },
                  { value: 'relapsed', label: '问题反弹，重新整改' },
                ]}
              />
            ),
          },
          { name: 'newDeadline', label: '新的整改时限（问题反弹、重新整改时必填）', input: <DatePicker style={{ width: '100%' }} /> },
          { name: 'note', label: '说明', input: text(2) },
        ]}
      />,
    );
  if (can('record-outcome'))
    actions.push(
      <ActionButton
        key="out"
        label="记录成果"
        title="记录整改成果（资金）"
        done={reload}
        submit={(v) =>
          post('POST /api/problems/:code/outcomes', { kind: 'money', moneyKind: v.moneyKind, amount: String(v.amount), unit: v.unit })
        }
        fields={[
          {
            name: 'moneyKind',
            label: '类别',
            required: true,
            input: <Select options={Object.entries(MONEY_KIND).map(([value, label]) => ({ value, label }))} />,
          },
          { name: 'amount', label: '金额', required: true, input: <Input /> },
          {
            name: 'unit',
            label: '单位',
            required: true,
            input: <Select options={['元', '万元', '亿元'].map((u) => ({ value: u, label: u }))} />,
          },
        ]}
      />,
    );
  // the item's forms, filled from its record
  const form = (kind: 'notice' | 'closure') => () =>
    download('GET /api/problems/:code/forms/:kind', { params: { code: p.code, kind } }).catch((e: unknown) =>
      message.error(e instanceof ApiError ? e.message : '生成失败'),
    );
  if (can('supervise')) {
    // the same rule the server applies, said before the button is pressed
    const why = noticeRefusal({ code: p.code, status: p.status, leadUnit: p.leadUnit });
    actions.push(
      <Tooltip key="notice" title={why}>
        <Button onClick={form('notice')} disabled={why !== null} data-testid="form-notice">
          督办单（.docx）
        </Button>
      </Tooltip>,
    );
  }
  actions.push(
    <Button key="closure-form" onClick={form('closure')} data-testid="form-closure">
      对账销号单（.docx）
    </Button>,
  );

  const sourceLedger = `/ledger?source=${encodeURIComponent(p.source.code)}`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        data-testid="breadcrumb"
        items={[
          // back to the list the problem was opened from, its filters kept; else to its source's ledger
          { title: <Link to={cameFrom?.back ?? sourceLedger}>{cameFrom ? `返回${cameFrom.label}` : '台账'}</Link> },
          { title: <Link to={sourceLedger}>{p.source.code}</Link> },
          { title: p.code },
        ]}
      />
      <Space>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="problem-title">
          {p.code} {p.title}
        </Typography.Title>
        <StatusTag status={p.status} longTerm={p.longTerm} untold={p.untold} />
        <ColourTag colour={p.colour} />
      </Space>
      <Space wrap>{actions}</Space>
      <SimilarProblems code={p.code} />
      <Row gutter={16}>
        <Col span={14}>
          <Card title="基本情况">
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="整改来源" span={2}>
                {p.source.code} {p.source.title}
              </Descriptions.Item>
              <Descriptions.Item label="方面" span={2}>
                {p.aspect ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label="报告所述状态" span={2}>
                {p.statusText ?? '—'}
                {data.basis && (
                  <>
                    {' '}
                    <a
                      href={address('GET /api/documents/:id/file', { params: { id: data.basis.id } })}
                      download={data.basis.fileName}
                      data-testid="basis"
                    >
                      （依据：{data.basis.fileName}）
                    </a>
                  </>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="牵头单位">{p.leadUnit ?? '未指定'}</Descriptions.Item>
              <Descriptions.Item label="配合单位">{p.cooperatingUnits.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="责任领导">{p.leadLeader ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="责任人">{p.responsiblePerson ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="整改时限">{p.deadline ?? '未定'}</Descriptions.Item>
              <Descriptions.Item label="类别">{p.triage ? TRIAGE[p.triage] : '—'}</Descriptions.Item>
              {p.longTerm && p.status === 'phased' && (
                <Descriptions.Item label="挂账" span={2}>
                  长期整改问题已阶段性完成，挂账不销账：继续按督办设置的周期报送进展，由回头看检验成效；问题反弹时经回头看重新整改。
                </Descriptions.Item>
              )}
              <Descriptions.Item label="进度">{p.progress}%</Descriptions.Item>
              <Descriptions.Item label="应改金额">{p.amountDue ? `${p.amountDue.amount} ${p.amountDue.unit}` : '—'}</Descriptions.Item>
              <Descriptions.Item label="成效目标" span={2}>
                {p.target ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {data.children.length > 0 && (
            <Card title="具体问题" style={{ marginTop: 16 }}>
              <List
                dataSource={data.children}
                renderItem={(c) => (
                  <List.Item>
                    <Space>
                      <ProblemLink code={c.code} />
                      {c.title}
                      <StatusTag status={c.status} />
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card title={`整改措施（${data.measures.length}）`} style={{ marginTop: 16 }}>
            <List
              dataSource={data.measures}
              locale={{ emptyText: '尚无整改措施' }}
              renderItem={(m) => (
                <List.Item>
                  <Typography.Text>{m.text}</Typography.Text>
                  <Tag>{m.deadline ?? '—'}</Tag>
                </List.Item>
              )}
            />
          </Card>
          <Card title={`佐证材料（${data.evidence.length}）`} style={{ marginTop: 16 }}>
            <EvidenceList items={data.evidence} />
          </Card>
        </Col>
        <Col span={10}>
          <Card title="整改记录" data-testid="timeline">
            <Timeline
              items={data.timeline.map((t) => ({
                color: TIMELINE_COLOUR[t.kind],
                content: (
                  <>
                    <Typography.Text type="secondary">{when(t)}</Typography.Text> {t.by ? `${t.by}：` : ''}
                    {t.text}
                    {t.document && (
                      <>
                        {' '}
                        <a href={address('GET /api/documents/:id/file', { params: { id: t.document.id } })} download={t.document.fileName}>
                          （下载所据文件）
                        </a>
                      </>
                    )}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
