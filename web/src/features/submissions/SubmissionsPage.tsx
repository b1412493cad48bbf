// 群众反映: what the public sent about the published 通报 (社会监督), and the office's handling of each — read it,
// answer it (the sender reads the answer with the reference), link it to a problem, open a new problem from it, or
// hand it over to the discipline body as a lead. Nothing is deleted; each action names the version it was made from.
// The sender's name and phone are shown here and nowhere else, masked until the clerk asks for them whole — a look
// the audit log keeps under the clerk's name. Every text is shown as text.
import { Alert, App, Button, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, useGet } from '../../lib/api.ts';
import type { Answer, Body, SubmissionItem } from '../../lib/types.ts';
import { SUBMISSION_STATE_LABEL } from '../../../../src/core/public/submission.ts';
import { LEAD_RECEIVER_LABEL } from '../../../../src/core/leads/lead.ts';

const STATE_COLOUR: Record<SubmissionItem['state'], string> = { new: 'red', read: 'blue', handled: 'green' };

type Action = Body<'POST /api/submissions/:ref/actions'>;
/** an action without the version, which is added from the submission as shown (Omit over each member of the union) */
type Unversioned = Action extends infer A ? (A extends Action ? Omit<A, 'version'> : never) : never;

function SubmissionDrawer({ refCode, onClose, onChanged }: { refCode: string; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const detail = useGet('GET /api/submissions/:ref', { params: { ref: refCode } });
  const [reply, setReply] = useState('');
  const [problem, setProblem] = useState('');
  const [title, setTitle] = useState('');
  const [receiver, setReceiver] = useState<'discipline' | 'organisation' | 'other'>('discipline');
  const [receiverName, setReceiverName] = useState('');
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [whole, setWhole] = useState<Answer<'GET /api/submissions/:ref/contact'> | null>(null);
  const s = detail.data;
  const reveal = async () => {
    try {
      setWhole(await api('GET /api/submissions/:ref/contact', { params: { ref: refCode } }));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '未能取得联系方式');
    }
  };
  /** Whether it was done: what was typed is cleared only then; a refusal because someone acted meanwhile shows their change. */
  const act = async (action: Unversioned, done: string): Promise<boolean> => {
    if (!s) return false;
    setBusy(true);
    try {
      const r = await api('POST /api/submissions/:ref/actions', {
        params: { ref: s.ref },
        body: { ...action, version: s.version } as Action,
      });
      message.success(`${done}${r.problem ? `：问题 ${r.problem}` : ''}${r.lead ? `：问题线索 ${r.lead}` : ''}`);
      detail.reload();
      onChanged();
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '办理失败');
      if (e instanceof ApiError && e.status === 409) {
        detail.reload();
        onChanged();
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open title={`群众反映 ${refCode}`} onClose={onClose} size="large" data-testid="submission-drawer">
      {detail.error && <Alert type="error" showIcon title={detail.error.message} />}
      {s && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="类别">{s.kindLabel}</Descriptions.Item>
            <Descriptions.Item label="关于">
              《{s.publication.title}》（{s.source.code}）
            </Descriptions.Item>
            <Descriptions.Item label="收到日期">{s.receivedOn}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATE_COLOUR[s.state]}>{s.stateLabel}</Tag>
              {s.readBy && `（${s.readBy}阅）`}
            </Descriptions.Item>
            <Descriptions.Item label="反映人">{(whole ?? s).contactName ?? '未留姓名'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">
              <Space wrap>
                <span data-testid="submission-phone">{(whole ?? s).contactPhone ?? '未留电话'}</span>
                {!whole && (s.contactName || s.contactPhone || s.content.includes('*')) && (
                  <Button size="small" onClick={() => void reveal()} data-testid="submission-reveal">
                    显示完整信息（记入审计日志）
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            {s.duplicateOf && <Descriptions.Item label="重复">与 {s.duplicateOf} 内容相同，合并办理</Descriptions.Item>}
            {s.problem && (
              <Descriptions.Item label="关联问题">
                <Link to={`/problems/${s.problem}`}>{s.problem}</Link>
              </Descriptions.Item>
            )}
            {s.lead && <Descriptions.Item label="已移交线索">{s.lead}</Descriptions.Item>}
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="submission-content">
            {(whole ?? s).content}
          </Typography.Paragraph>
          {s.reply && (
            <Alert
              type="success"
              title={`答复（${s.repliedOn}，${s.repliedBy}）`}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{s.reply}</span>}
              data-testid="submission-reply"
            />
          )}
          {s.state === 'new' && (
            <Button onClick={() => void act({ kind: 'read' }, '已阅知')} loading={busy} data-testid="submission-read">
              阅知
            </Button>
          )}
          <Typography.Title level={5}>答复（反映人凭查询码可见）</Typography.Title>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            data-testid="submission-reply-text"
          />
          <Button
            type="primary"
            disabled={!reply.trim()}
            loading={busy}
            onClick={() => void act({ kind: 'reply', text: reply }, '已答复').then((ok) => ok && setReply(''))}
            data-testid="submission-reply-send"
          >
            答复
          </Button>
          {!s.problem && (
            <>
              <Typography.Title level={5}>转入台账</Typography.Title>
              <Space wrap>
                <Input
                  placeholder="关联已有问题的编号"
                  value={problem}
                  onChange={(e) => setProblem(e.target.value)}
                  style={{ width: 220 }}
                />
                <Button disabled={!problem.trim()} loading={busy} onClick={() => void act({ kind: 'link', problem }, '已关联')}>
                  关联问题
                </Button>
              </Space>
              <Space wrap>
                <Input
                  placeholder="新问题的标题"
                  value={title}
                  onChange={(e) => setTitle(e.target.value)}
                  maxLength={500}
                  style={{ width: 320 }}
                  data-testid="submission-problem-title"
                />
                <Button
                  disabled={!title.trim()}
                  loading={busy}
                  onClick={() => void act({ kind: 'problem', title }, '已新增问题')}
                  data-testid="submission-problem"
                >
                  新增问题
                </Button>
              </Space>
            </>
          )}
          {!s.lead && (
            <>
              <Typography.Title level={5}>移交为问题线索</Typography.Title>
              <Space wrap>
                <Select
                  value={receiver}
                  onChange={setReceiver}
                  style={{ width: 160 }}
                  options={Object.entries(LEAD_RECEIVER_LABEL).map(([value, label]) => ({ value, label }))}
                />
                <Input
                  placeholder="接收机关，如 县纪委监委"
                  value={receiverName}
                  onChange={(e) => setReceiverName(e.target.value)}
                  maxLength={100}
                />
              </Space>
              <Input.TextArea
                rows={2}
                maxLength={2000}
                placeholder="线索摘要（不写被反映人姓名）"
                value={summary}
                onChange={(e) => setSummary(e.target.value)}
                data-testid="submission-lead-summary"
              />
              <Button
                disabled={!summary.trim()}
                loading={busy}
                onClick={() =>
                  void act(
                    { kind: 'lead', receiver, summary, ...(receiverName.trim() ? { receiverName: receiverName.trim() } : {}) },
                    '已移交',
                  )
                }
                data-testid="submission-lead"
              >
                移交
              </Button>
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}

export function SubmissionsPage() {
  const [state, setState] = useState<SubmissionItem['state'] | undefined>(undefined);
  // opened from 待办 with ?ref=: that one's drawer at once
  const [params] = useSearchParams();
  const [open, setOpen] = useState<string | null>(params.get('ref'));
  const list = useGet('GET /api/submissions', { query: state ? { state } : {} });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          群众反映
        </Typography.Title>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={state}
          onChange={setState}
          options={Object.entries(SUBMISSION_STATE_LABEL).map(([value, label]) => ({ value, label }))}
          data-testid="submissions-state"
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<SubmissionItem>
        rowKey="ref"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '公开期限内收到的群众反映会列在这里' }}
        onRow={(r) => ({ onClick: () => setOpen(r.ref), style: { cursor: 'pointer' } })}
        data-testid="submissions-table"
        columns={[
          { title: '查询码', dataIndex: 'ref', width: 200 },
          { title: '类别', dataIndex: 'kindLabel', width: 90 },
          { title: '收到', dataIndex: 'receivedOn', width: 110 },
          { title: '来源', render: (_, r) => r.source.code, width: 110 },
          {
            title: '内容',
            render: (_, r) => (
              <Typography.Text ellipsis={{ tooltip: r.content }} style={{ maxWidth: 420 }}>
                {r.content}
              </Typography.Text>
            ),
          },
          {
            title: '状态',
            width: 150,
            render: (_, r) => (
              <>
                <Tag color={STATE_COLOUR[r.state]}>{r.stateLabel}</Tag>
                {r.duplicateOf && <Tag>重复</Tag>}
              </>
            ),
          },
        ]}
      />
      {open && <SubmissionDrawer key={open} refCode={open} onClose={() => setOpen(null)} onChanged={list.reload} />}
    </Space>
  );
}
