// 绩效目标表: the year's targets set at budget time — uploaded (refused row by row, nothing saved), looked at,
// approved by the leadership, and the year's self-evaluation started from them so the 自评表 is filled in, not typed.
import { RefusedReasons } from '../../components/RefusedReasons.tsx';
import { PerfMonitoring } from './PerfMonitoring.tsx';
import { TargetEditor } from './TargetEditor.tsx';
import { usePerfUpload } from './perf-upload.ts';
import { Alert, App, Button, Card, List, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, useGet } from '../../lib/api.ts';
import type { Answer } from '../../lib/types.ts';
import { acceptOf, DOCUMENT_FORMATS, WORKBOOK_FORMATS } from '../../../../src/core/document/formats.ts';

type Item = Answer<'GET /api/perf-targets'>['items'][number];

function Indicators({ id, onChanged, onOpen }: { id: number; onChanged: () => void; onOpen: (id: number | null) => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const detail = useGet('GET /api/perf-targets/:id', { params: { id } });
  const [editing, setEditing] = useState(false);
  const d = detail.data;
  if (!d) return null;
  if (editing)
    return (
      <TargetEditor
        id={id}
        version={d.version}
        approved={d.approved !== null}
        targets={d.targets}
        onDone={(saved) => {
          setEditing(false);
          if (saved) {
            detail.reload();
            onChanged();
          }
        }}
      />
    );
  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      message.success(done);
      detail.reload();
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {d.refusals.length > 0 && <Alert type="warning" showIcon title={`尚不能审定：${d.refusals.join('；')}`} />}
      {d.previous && (d.previous.problems.length > 0 || d.previous.shortfalls.length > 0) && (
        <Alert
          type="info"
          showIcon
          data-testid={`targets-previous-${id}`}
          title={`${d.previous.year}年度自评发现的问题（设定目标时参考）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {d.previous.shortfalls.map((f) => (
                <li key={f.level3}>
                  “{f.level3}”指标值{f.target}，实际{f.actual}，得{f.score}分（分值{f.weight}）{f.deviation ? `：${f.deviation}` : ''}
                </li>
              ))}
              {d.previous.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Text data-testid={`targets-budget-${id}`}>
        全年预算：{d.targets.budget?.total ? `${d.targets.budget.total} 万元` : '未填写'}
        {d.targets.budget?.weight ? `（预算执行率分值 ${d.targets.budget.weight}）` : ''}
      </Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey={(i) => `${i.level1}/${i.level2}/${i.level3}`}
        dataSource={[...d.targets.indicators]}
        data-testid={`targets-${id}`}
        columns={[
          { title: '一级指标', width: 110, render: (_, i) => i.level1 },
          { title: '二级指标', width: 140, render: (_, i) => i.level2 },
          { title: '三级指标', render: (_, i) => i.level3 },
          { title: '年度指标值', width: 140, render: (_, i) => i.target },
          { title: '分值', width: 70, render: (_, i) => i.weight ?? '—' },
        ]}
      />
      {d.approved && <PerfMonitoring id={id} targets={d.targets} />}
      <Space wrap>
        {can('import') && !d.evaluation && (
          <Button onClick={() => setEditing(true)} data-testid={`targets-edit-${id}`}>
            修改
          </Button>
        )}
        {can('import') && !d.approved && (
          <Popconfirm
            title="删除这份尚未审定的绩效目标表？"
            okText="删除"
            cancelText="取消"
            onConfirm={() =>
              void act(async () => {
                await api('DELETE /api/perf-targets/:id', { params: { id } });
                onOpen(null);
              }, '已删除')
            }
          >
            <Button danger data-testid={`targets-delete-${id}`}>
              删除
            </Button>
          </Popconfirm>
        )}
        {can('import') && d.targets.year !== null && (
          <Button
            onClick={() =>
              void act(
                async () => {
                  const r = await api('POST /api/perf-targets/:id/next-year', { params: { id }, body: {} });
                  onOpen(r.id);
                },
                `已建立${(d.targets.year ?? 0) + 1}年度绩效目标表，请修改后审定`,
              )
            }
            data-testid={`targets-next-${id}`}
          >
            以此为底稿建立{d.targets.year + 1}年度目标
          </Button>
        )}
        {d.approved ? (
          <Typography.Text type="secondary">
            {d.approved.by}于 {new Date(d.approved.at).toLocaleDateString('zh-CN')} 审定
          </Typography.Text>
        ) : (
          can('approve-targets') && (
            <Button
              type="primary"
              disabled={d.refusals.length > 0}
              onClick={() =>
                void act(() => api('POST /api/perf-targets/:id/approve', { params: { id }, body: { version: d.version } }), '已审定')
              }
              data-testid={`targets-approve-${id}`}
            >
              审定
            </Button>
          )
        )}
        {d.evaluation ? (
          <Link to={`/perf/${d.evaluation}`}>查看据此开始的年度自评</Link>
        ) : (
          can('import') &&
          d.approved && (
            <Button
              onClick={() =>
                void api('POST /api/perf-targets/:id/evaluation', { params: { id }, body: {} })
                  .then((r) => navigate(`/perf/${r.id}`))
                  .catch((e: unknown) => message.error(e instanceof ApiError ? e.message : '操作失败'))
              }
              data-testid={`targets-start-${id}`}
            >
              开始年度自评
            </Button>
          )
        )}
      </Space>
    </Space>
  );
}

/** `owner`: the unit below the office chosen for what is uploaded (its people keep it and report on it) */
export function PerfTargets({ owner }: { owner: number | null }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const list = useGet('GET /api/perf-targets', {});
  // 待办 links here with the table to open (?targets=ID)
  const [params] = useSearchParams();
  const [open, setOpen] = useState<number | null>(() => Number(params.get('targets')) || null);
  const { reasons, busy, upload } = usePerfUpload('POST /api/perf-targets', owner, (r) => {
    message.success('已读取并保存绩效目标表，待审定');
    list.reload();
    setOpen(r.id);
  });
  return (
    <Card
      size="small"
      title="绩效目标表（预算编制时设定，审定后据此开始年度自评）"
      data-testid="perf-targets"
      extra={
        can('import') && (
          <Upload
            accept={acceptOf([...WORKBOOK_FORMATS, ...DOCUMENT_FORMATS])}
            showUploadList={false}
            beforeUpload={(f) => (void upload(f), false)}
          >
            <Button loading={busy} data-testid="targets-upload">
              上传绩效目标表
            </Button>
          </Upload>
        )
      }
    >
      <RefusedReasons title="绩效目标表未保存：以下各处无法读取" reasons={reasons} testId="targets-reasons" />
      <List<Item>
        dataSource={[...(list.data?.items ?? [])]}
        loading={list.loading}
        locale={{ emptyText: '尚无绩效目标表' }}
        renderItem={(t) => (
          <List.Item style={{ display: 'block' }} data-testid="targets-item">
            <Space wrap>
              <Typography.Link onClick={() => setOpen(open === t.id ? null : t.id)}>
                {t.unit} {t.year ?? ''}年度
              </Typography.Link>
              <span>指标 {t.indicators} 项</span>
              {t.owner && <Tag>{t.owner}</Tag>}
              <Tag color={t.approved ? 'green' : 'orange'}>{t.approved ? '已审定' : '待审定'}</Tag>
              {t.evaluation && <Link to={`/perf/${t.evaluation}`}>已开始自评</Link>}
            </Space>
            {open === t.id && (
              <div style={{ marginTop: 8 }}>
                <Indicators id={t.id} onChanged={list.reload} onOpen={setOpen} />
              </div>
            )}
          </List.Item>
        )}
      />
    </Card>
  );
}
