// 台账: the four lists as views of one ledger — 问题清单, 任务清单, 责任清单, 督办清单 — filtered, searched, sorted and
// paged by the server; columns to choose; bulk assignment and deadline edits for those who may.
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Popover, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { ColourTag, StatusTag } from '../../components/tags.tsx';
import { api, ApiError, useGet } from '../../lib/api.ts';
import { useUnits } from '../../lib/units.ts';
import { MEASURE_STATUS, STATUS, SUPERVISION, TRIAGE, TRIAGE_LABEL } from '../../lib/labels.ts';
import type { LedgerStatus, MeasureItem, ProblemItem } from '../../lib/types.ts';
import { SourceDocuments } from '../documents/SourceDocuments.tsx';
import { ProblemLink } from '../../components/ProblemLink.tsx';
import { useNarrow } from '../../lib/narrow.ts';
import { MeasureCards, ProblemCards } from './LedgerCards.tsx';
import type { Triage } from '../../../../src/core/ledger/ledger-sheet.ts';

type View = 'problems' | 'tasks' | 'responsibility' | 'supervision';

const PROBLEM_COLUMNS: Record<
  string,
  { title: string; views: View[]; render: (p: ProblemItem) => React.ReactNode; sort?: string; width?: number }
> = {
  code: {
    title: '编号',
    views: ['problems', 'responsibility', 'supervision'],
    render: (p) => <ProblemLink code={p.code} />,
    sort: 'code',
    width: 150,
  },
  title: { title: '问题', views: ['problems', 'responsibility', 'supervision'], render: (p) => p.title },
  aspect: { title: '方面', views: ['problems'], render: (p) => p.aspect },
  status: {
    title: '状态',
    views: ['problems', 'supervision'],
    render: (p) => <StatusTag status={p.status} longTerm={p.longTerm} untold={p.untold} />,
    sort: 'status',
    width: 130,
  },
  colour: { title: '预警', views: ['problems', 'supervision'], render: (p) => <ColourTag colour={p.colour} />, width: 100 },
  triage: { title: '类别', views: ['problems', 'responsibility'], render: (p) => (p.triage ? TRIAGE[p.triage] : '—'), width: 100 },
  leadUnit: { title: '牵头单位', views: ['problems', 'responsibility', 'supervision'], render: (p) => p.leadUnit ?? '—' },
  cooperating: { title: '配合单位', views: ['responsibility'], render: (p) => p.cooperatingUnits.join('、') || '—' },
  leadLeader: { title: '责任领导', views: ['responsibility'], render: (p) => p.leadLeader ?? '—', width: 100 },
  responsible: { title: '责任人', views: ['responsibility'], render: (p) => p.responsiblePerson ?? '—', width: 100 },
  deadline: {
    title: '整改时限',
    views: ['problems', 'responsibility', 'supervision'],
    render: (p) => p.deadline ?? '—',
    sort: 'deadline',
    width: 120,
  },
  progress: { title: '进度', views: ['problems'], render: (p) => `${p.progress}%`, width: 80 },
  supervision: {
    title: '督办',
    views: ['supervision'],
    render: (p) =>
      p.lastSupervision
        ? `${SUPERVISION[p.lastSupervision.kind] ?? p.lastSupervision.kind}（${p.lastSupervision.at}）共 ${p.supervisionCount} 次`
        : '尚未督办',
  },
};

function BulkAssign({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const units = useUnits(open);
  const submit = async (v: { leadUnit?: string; deadline?: Dayjs; triage?: string }) => {
    try {
      const r = await api('POST /api/problems/bulk-assign', {
        body: {
          codes,
          ...(v.leadUnit ? { leadUnit: v.leadUnit } : {}),
          ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
          ...(v.triage ? { triage: v.triage as Triage } : {}),
        },
      });
      message.success(`已更新 ${r.updated} 个问题`);
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  return (
    <>
      <Button disabled={codes.length === 0} onClick={() => setOpen(true)} data-testid="bulk-assign">
        批量分工（{codes.length}）
      </Button>
      <Modal title={`批量分工：${codes.length} 个问题`} open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form layout="vertical" onFinish={submit}>
          <Form.Item label="牵头单位" name="leadUnit">
            <Select allowClear showSearch options={units.options} data-testid="bulk-unit" />
          </Form.Item>
          <Form.Item label="整改时限" name="deadline">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="整改类别" name="triage">
            <Select allowClear options={Object.entries(TRIAGE_LABEL).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="bulk-submit">
            确定
          </Button>
        </Form>
      </Modal>
    </>
  );
}

export function LedgerPage() {
  const { can } = useSession();
  const narrow = useNarrow();
  /** a filter's width on a wide screen; on a phone each takes the whole row */
  const wide = (width: number) => ({ width: narrow ? '100%' : width });
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as View) ?? 'problems';
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [sort, setSort] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [hidden, setHidden] = useState<string[]>([]);
  const filters = {
    source: params.get('source') ?? undefined,
    status: params.get('status') ?? undefined,
    unit: params.get('unit') ?? undefined,
    search: params.get('search') ?? undefined,
    overdue: params.get('overdue') === 'true',
    aspect: params.get('aspect') ?? undefined,
    triage: params.get('triage') ?? undefined,
  };
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
    setPage((p) => ({ ...p, current: 1 }));
  };
  const sources = useGet('GET /api/sources', {});
  const offset = (page.current - 1) * page.pageSize;
  const problems = useGet(
    'GET /api/problems',
    view === 'tasks' ? null : { query: { ...filters, supervised: view === 'supervision', sort, limit: page.pageSize, offset } },
  );
  const tasks = useGet(
    'GET /api/measures',
    view === 'tasks'
      ? { query: { source: filters.source, unit: filters.unit, search: filters.search, limit: page.pageSize, offset } }
      : null,
  );

  const columns: ColumnsType<ProblemItem> = useMemo(
    () =>
      Object.entries(PROBLEM_COLUMNS)
        .filter(([k, c]) => c.views.includes(view) && !hidden.includes(k))
        .map(([k, c]) => ({
          key: k,
          title: c.title,
          render: (_: unknown, p: ProblemItem) => c.render(p),
          ...(c.sort ? { sorter: true } : {}),
          ...(c.width ? { width: c.width } : {}),
        })),
    [view, hidden],
  );
  const taskColumns: ColumnsType<MeasureItem> = [
    { title: '问题编号', key: 'problem', width: 150, render: (_, m) => <ProblemLink code={m.problem} /> },
    { title: '问题', key: 'problemTitle', render: (_, m) => m.problemTitle },
    { title: '序号', key: 'ordinal', width: 60, render: (_, m) => m.ordinal },
    { title: '整改措施', key: 'text', render: (_, m) => (m.text.length > 80 ? `${m.text.slice(0, 80)}…` : m.text) },
    { title: '责任单位', key: 'owner', width: 140, render: (_, m) => m.ownerUnit ?? m.leadUnit ?? '—' },
    { title: '责任人', key: 'person', width: 90, render: (_, m) => m.ownerPerson ?? '—' },
    { title: '时限', key: 'deadline', width: 110, render: (_, m) => m.deadline ?? '—' },
    { title: '状态', key: 'status', width: 100, render: (_, m) => <Tag>{MEASURE_STATUS[m.status] ?? m.status}</Tag> },
  ];
  const onTable = (p: TablePaginationConfig, _f: unknown, s: SorterResult<ProblemItem> | SorterResult<ProblemItem>[]) => {
    setPage({ current: p.current ?? 1, pageSize: p.pageSize ?? 20 });
    const one = Array.isArray(s) ? s[0] : s;
    setSort(one?.order ? PROBLEM_COLUMNS[String(one.columnKey)]?.sort : undefined);
  };
  const pagination = (total: number) => ({ ...page, total, showSizeChanger: true, showTotal: (t: number) => `共 ${t} 条` });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        整改台账
      </Typography.Title>
      <Tabs
        activeKey={view}
        onChange={(k) => setFilter('view', k === 'problems' ? undefined : k)}
        items={[
          { key: 'problems', label: '问题清单' },
          { key: 'tasks', label: '任务清单' },
          { key: 'responsibility', label: '责任清单' },
          { key: 'supervision', label: '督办清单' },
        ]}
      />
      <Space wrap style={{ width: '100%' }} className={narrow ? 'filters-stacked' : undefined}>
        <Select
          allowClear
          placeholder="整改来源"
          style={wide(360)}
          value={filters.source}
          onChange={(v) => setFilter('source', v)}
          options={(sources.data?.items ?? []).map((x) => ({ value: x.code, label: `${x.code} ${x.title}` }))}
        />
        {view !== 'tasks' && (
          <Select
            allowClear
            placeholder="状态"
            style={wide(140)}
            value={filters.status}
            onChange={(v) => setFilter('status', v)}
            options={(Object.keys(STATUS) as LedgerStatus[]).map((k) => ({ value: k, label: STATUS[k].label }))}
          />
        )}
        <Input.Search
          allowClear
          placeholder="牵头（责任）单位"
          style={wide(200)}
          defaultValue={filters.unit}
          onSearch={(v) => setFilter('unit', v || undefined)}
        />
        <Input.Search
          allowClear
          placeholder="搜索标题或内容"
          style={wide(240)}
          defaultValue={filters.search}
          onSearch={(v) => setFilter('search', v || undefined)}
          data-testid="ledger-search"
        />
        {view !== 'tasks' && (
          <Checkbox checked={filters.overdue} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : undefined)}>
            只看超期
          </Checkbox>
        )}
        {view !== 'tasks' && (
          <Popover
            trigger="click"
            content={
              <Checkbox.Group
                value={Object.keys(PROBLEM_COLUMNS).filter((k) => !hidden.includes(k))}
                onChange={(v) => setHidden(Object.keys(PROBLEM_COLUMNS).filter((k) => !v.includes(k)))}
                options={Object.entries(PROBLEM_COLUMNS)
                  .filter(([, c]) => c.views.includes(view))
                  .map(([k, c]) => ({ value: k, label: c.title }))}
                style={{ display: 'flex', flexDirection: 'column' }}
              />
            }
          >
            <Button>选择列</Button>
          </Popover>
        )}
        {filters.aspect && (
          <Tag closable onClose={() => setFilter('aspect', undefined)}>
            方面：{filters.aspect}
          </Tag>
        )}
        {filters.triage && (
          <Tag closable onClose={() => setFilter('triage', undefined)}>
            类别：{TRIAGE[filters.triage] ?? '未分类'}
          </Tag>
        )}
        {can('assign') && view !== 'tasks' && <BulkAssign codes={selected} onDone={() => (setSelected([]), problems.reload())} />}
      </Space>
      <SourceDocuments
        source={sources.data?.items.find((x) => x.code === filters.source)}
        onImported={() => (sources.reload(), problems.reload(), tasks.reload())}
      />
      {narrow ? (
        view === 'tasks' ? (
          <MeasureCards
            items={tasks.data?.items ?? []}
            loading={tasks.loading}
            pagination={{ ...pagination(tasks.data?.total ?? 0), onChange: (current, pageSize) => setPage({ current, pageSize }) }}
          />
        ) : (
          <ProblemCards
            items={problems.data?.items ?? []}
            view={view}
            loading={problems.loading}
            pagination={{ ...pagination(problems.data?.total ?? 0), onChange: (current, pageSize) => setPage({ current, pageSize }) }}
          />
        )
      ) : view === 'tasks' ? (
        <Table<MeasureItem>
          rowKey={(m) => `${m.problem}-${m.ordinal}`}
          columns={taskColumns}
          dataSource={tasks.data?.items ?? []}
          loading={tasks.loading}
          pagination={pagination(tasks.data?.total ?? 0)}
          onChange={(p) => setPage({ current: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          // on a tablet the table keeps the width its columns need and scrolls inside itself
          scroll={{ x: 1100 }}
        />
      ) : (
        <Table<ProblemItem>
          rowKey="code"
          columns={columns}
          dataSource={problems.data?.items ?? []}
          loading={problems.loading}
          pagination={pagination(problems.data?.total ?? 0)}
          scroll={{ x: 1100 }}
          onChange={onTable}
          rowSelection={can('assign') ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
          data-testid="ledger-table"
        />
      )}
    </Space>
  );
}
