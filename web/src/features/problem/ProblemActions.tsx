// The changes a viewer's role may make to a problem, each a button and its form, offered only where the rules allow
// it (the state machine is asked before a closure is offered); every change is sent with the version the page shows.
import { Alert, App, Button, Card, Checkbox, DatePicker, Input, InputNumber, Radio, Select, Space, Tooltip } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isValidElement, useState, type ReactNode } from 'react';
import { useNarrow } from '../../lib/narrow.ts';
import { EvidenceUpload } from './EvidenceUpload.tsx';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, download } from '../../lib/api.ts';
import { useUnits } from '../../lib/units.ts';
import { MONEY_KIND, SUPERVISION, TRIAGE } from '../../lib/labels.ts';
import type { Body, ProblemDetail, Request } from '../../lib/types.ts';
import { noticeRefusal } from '../../../../src/core/official/item-forms.ts';
import { transition } from '../../../../src/core/ledger/problem-state.ts';
import { ActionButton } from './ActionButton.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { UNASSIGNED } from '../../../../src/core/ledger/statistics.ts';

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

export function ProblemActions({ data, reload }: { data: ProblemDetail; reload: () => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const [more, setMore] = useState(false);
  const units = useUnits(can('assign'));
  const p = data.problem;
  const code = p.code;
  // a change is sent with the version the page shows: a page gone stale is refused, not merged
  const post = <R extends Acting>(route: R, body: Without<Body<R>, 'version'>) =>
    api(route, { params: { code }, body: { ...body, version: p.version } } as unknown as Request<R>);
  const unitOptions = units.options;
  const closed = p.status === 'completed';
  // specific problems still open: a closure of the whole is decided knowing it
  const openChildren = data.children.filter((c) => c.status !== 'completed' && c.status !== 'phased');
  const text = (rows = 3) => <Input.TextArea rows={rows} />;
  // the state machine's own answer, asked before the button is offered: a long-term problem done for this phase is
  // on the books (挂账), not closable, and is shown so instead of a form that would be refused
  const state = { status: p.status, longTerm: p.longTerm, pendingEvidence: 0, reopenedCount: p.reopenedCount };
  const closable = transition(state, { kind: 'request-closure', evidenceCount: 1 }).ok;
  // what the problem's state asks of this viewer next: first on the page, and alone above 更多操作 on a phone
  const primary =
    can('decide-closure') && p.status === 'closure-requested'
      ? 'decide'
      : can('decide-extension') && data.pendingExtension
        ? 'extd'
        : can('request-closure') && closable && data.evidence.length > 0 && p.progress === 100
          ? 'closure'
          : can('upload-evidence') && can('request-closure') && closable && p.progress === 100
            ? 'evidence'
            : can('report-progress') && !closed
              ? 'progress'
              : can('assign') && !p.leadUnit
                ? 'assign'
                : null;

  const actions: ReactNode[] = [];
  if (can('assign'))
    actions.push(
      <ActionButton
        key="assign"
        primary={primary === 'assign'}
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
                  .filter(([k]) => k !== UNASSIGNED)
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
        primary={primary === 'progress'}
        label="报告进展"
        title="报告整改进展"
        testId="action-progress"
        draft={`progress:${code}`}
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
    actions.push(<EvidenceUpload key="evidence" code={code} onUploaded={reload} primary={primary === 'evidence'} />);
  if (can('request-closure') && closable)
    actions.push(
      <ActionButton
        key="closure"
        primary={primary === 'closure'}
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
        primary={primary === 'decide'}
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
        primary={primary === 'extd'}
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

  if (!narrow) return <Space wrap>{actions}</Space>;
  // on a phone: the next thing to do (and the evidence it needs) full width, the rest folded under 更多操作
  const keyOf = (a: ReactNode) => (isValidElement(a) ? a.key : null);
  const first = [
    ...actions.filter((a) => keyOf(a) === primary),
    ...actions.filter((a) => keyOf(a) === 'evidence' && primary !== 'evidence'),
  ];
  const rest = actions.filter((a) => !first.includes(a));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} className="actions-stacked" data-testid="problem-actions">
      {first}
      {rest.length > 0 && (
        <Button onClick={() => setMore(!more)} icon={more ? <UpOutlined /> : <DownOutlined />} data-testid="more-actions">
          更多操作（{rest.length}）
        </Button>
      )}
      {more && rest}
    </Space>
  );
}
