// One self-evaluation, edited with its scores recomputed as it changes (by the server's scoring rules), saved with
// its version; the 自评表 out as Excel or Word; the 自评报告 written from it; its problems onto the ledger.
import { Alert, App, Button, Card, Input, InputNumber, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, download, useGet } from '../../lib/api.ts';
import type { Evaluation, EvaluationIndicator, ScoredEvaluation } from '../../lib/types.ts';
import { SEVERITY } from '../../lib/labels.ts';
import { SelfEvaluationReport } from './SelfEvaluationReport.tsx';
import { YearOnYear } from './YearOnYear.tsx';
import { RULE_LABEL } from '../../../../src/core/perf/scoring.ts';
import { shortLabel } from '../../../../src/core/vocabulary.ts';

export function PerfEvaluationPage() {
  const { id } = useParams();
  const { can } = useSession();
  const { message } = App.useApp();
  const loaded = useGet('GET /api/perf/:id', id ? { params: { id } } : null);
  const [e, setE] = useState<Evaluation | null>(null);
  const [scored, setScored] = useState<ScoredEvaluation | null>(null);
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!loaded.data) return;
    setE(loaded.data.evaluation);
    setScored(loaded.data.scored);
    setVersion(loaded.data.version);
    setDirty(false);
  }, [loaded.data]);
  // scores follow every edit, a moment after the typing stops
  useEffect(() => {
    if (!e || !dirty) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      api('POST /api/perf/score', { body: { evaluation: e } })
        .then(setScored)
        .catch((x: unknown) => message.error(x instanceof ApiError ? x.message : '计分失败'));
    }, 300);
    return () => window.clearTimeout(timer.current);
  }, [e, dirty, message]);

  if (loaded.error)
    return <Alert type="error" showIcon title={loaded.error.status === 404 ? '没有这份绩效自评，或您无权查看' : loaded.error.message} />;
  if (!e || !scored || !loaded.data) return <Spin />;
  const editable = can('import');
  // an edit makes the table's own totals out of date: from then on the totals are the rules'
  const change = (next: Evaluation) => (setE({ ...next, totals: null }), setDirty(true));
  const setIndicator = (k: number, patch: Partial<EvaluationIndicator>) =>
    change({ ...e, indicators: e.indicators.map((i, j) => (j === k ? { ...i, ...patch } : i)) });
  const save = async () => {
    try {
      const r = await api('PUT /api/perf/:id', { params: { id: id as string }, body: { evaluation: e, version } });
      setVersion(r.version);
      setScored(r.scored);
      setDirty(false);
      message.success('已保存');
    } catch (x) {
      message.error(x instanceof ApiError ? x.message : '保存失败');
    }
  };
  const toLedger = async () => {
    try {
      const r = await api('POST /api/perf/:id/to-ledger', { params: { id: id as string } });
      message.success(`已转入整改台账 ${r.source}：问题 ${r.problems} 个，措施 ${r.measures} 项`);
      loaded.reload();
    } catch (x) {
      message.error(x instanceof ApiError ? x.message : '转入失败');
    }
  };
  const exportAs = (format: 'xlsx' | 'docx') => () =>
    download('GET /api/perf/:id/export/:format', { params: { id: id as string, format } }).catch((x: unknown) =>
      message.error(x instanceof ApiError ? x.message : '导出失败'),
    );
  const b = e.budget;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {e.unit} {e.year ?? ''}年度绩效自评
        </Typography.Title>
        <Tag color={scored.grade === '优' ? 'green' : scored.grade === '差' ? 'red' : 'blue'} data-testid="perf-grade">
          {scored.total} 分 · {scored.grade}
        </Tag>
      </Space>
      <Space wrap>
        {editable && (
          <Button type="primary" disabled={!dirty} onClick={save} data-testid="perf-save">
            保存
          </Button>
        )}
        <Button onClick={exportAs('xlsx')}>导出自评表（Excel）</Button>
        <Button onClick={exportAs('docx')}>导出自评表（Word）</Button>
        {editable && !loaded.data.source && (
          <Button onClick={toLedger} disabled={dirty} data-testid="perf-to-ledger">
            问题转入整改台账
          </Button>
        )}
        {loaded.data.source && <Link to={`/ledger?source=${loaded.data.source}`}>已转入整改台账 {loaded.data.source}</Link>}
      </Space>
      {b && (
        <Card title="预算执行（万元）" size="small">
          <Space wrap>
            {(['initial', 'adjusted', 'executed'] as const).map((k) => (
              <Space key={k}>
                {{ initial: '年初预算数', adjusted: '全年预算数', executed: '全年执行数' }[k]}
                {/* an amount stays the decimal typed (string mode): 0.1 + 0.2 is 0.3 on the server too */}
                <InputNumber<string>
                  stringMode
                  min="0"
                  disabled={!editable}
                  value={b[k] ?? null}
                  onChange={(v) => change({ ...e, budget: { ...b, [k]: v === '' ? null : v, rate: null, score: null } })}
                />
              </Space>
            ))}
            {/* spending by kind, which the 自评报告 states: blank is not listed, never nought */}
            {(['基本支出', '项目支出'] as const).map((kind) => (
              <Space key={kind}>
                {kind}
                <InputNumber<string>
                  stringMode
                  min="0"
                  disabled={!editable}
                  value={e.spending.find((x) => x.type === kind)?.amount ?? null}
                  onChange={(v) =>
                    change({
                      ...e,
                      spending: [
                        ...e.spending.filter((x) => x.type !== kind),
                        ...(v === null || v === '' ? [] : [{ type: kind, amount: v }]),
                      ],
                    })
                  }
                  data-testid={`perf-spending-${kind}`}
                />
              </Space>
            ))}
            <Space>
              分值
              <InputNumber
                min={0}
                disabled={!editable}
                value={b.weight}
                onChange={(v) => change({ ...e, budget: { ...b, weight: v, rate: null, score: null } })}
              />
            </Space>
            <span>
              执行率 {scored.budget?.rate === null || scored.budget?.rate === undefined ? '—' : `${scored.budget.rate.toFixed(2)}%`}，得分{' '}
              {scored.budget?.score ?? '—'}
            </span>
          </Space>
        </Card>
      )}
      <Table<EvaluationIndicator>
        rowKey={(i) => `${i.level1}/${i.level2}/${i.level3}`}
        size="small"
        pagination={false}
        dataSource={[...e.indicators]}
        data-testid="perf-indicators"
        columns={[
          { title: '一级指标', width: 100, render: (_, i) => i.level1 },
          { title: '二级指标', width: 120, render: (_, i) => i.level2 },
          { title: '三级指标', render: (_, i) => i.level3 },
          {
            title: '年度指标值',
            width: 120,
            render: (_, i, k) => (
              <Input disabled={!editable} value={i.target} onChange={(x) => setIndicator(k, { target: x.target.value })} />
            ),
          },
          {
            title: '实际完成值',
            width: 120,
            render: (_, i, k) => (
              <Input
                disabled={!editable}
                value={i.actual}
                onChange={(x) => setIndicator(k, { actual: x.target.value, score: null })}
                data-testid={`perf-actual-${k}`}
              />
            ),
          },
          {
            title: '分值',
            width: 90,
            render: (_, i, k) => (
              <InputNumber disabled={!editable} min={0} value={i.weight} onChange={(v) => setIndicator(k, { weight: v, score: null })} />
            ),
          },
          {
            title: '得分',
            width: 70,
            render: (_, _i, k) => <span data-testid={`perf-score-${k}`}>{scored.indicators[k]?.score ?? '—'}</span>,
          },
          {
            title: '计分规则',
            width: 120,
            render: (_, _i, k) => {
              const rule = scored.indicators[k]?.rule;
              // the rule's name without its explanation, which the tooltip gives whole
              return rule ? <span title={RULE_LABEL[rule]}>{shortLabel(RULE_LABEL[rule])}</span> : '';
            },
          },
          {
            title: '偏差原因分析及改进措施',
            render: (_, i, k) => (
              <Input
                disabled={!editable}
                value={i.deviation ?? ''}
                onChange={(x) => setIndicator(k, { deviation: x.target.value || null })}
              />
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>
              合计（含预算执行）
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5}>{scored.weightTotal}</Table.Summary.Cell>
            <Table.Summary.Cell index={6}>{scored.total}</Table.Summary.Cell>
            <Table.Summary.Cell index={7} colSpan={2}>
              等级：{scored.grade}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {e.basics.map((t) => (
        <Table
          key={t.title}
          size="small"
          pagination={false}
          rowKey={(r) => `${r.label}-${r.line ?? ''}`}
          dataSource={[...t.rows]}
          columns={[
            { title: t.title, render: (_, r) => r.label },
            // a blank was not reported: shown as blank, never as 0
            ...t.columns.map((c, k) => ({
              title: c,
              width: 120,
              render: (_: unknown, r: (typeof t.rows)[number]) => (r.values[k] === null || r.values[k] === undefined ? '' : r.values[k]),
            })),
          ]}
        />
      ))}
      <Card title={`核验与计分发现（${scored.findings.length}）`} size="small">
        <List
          size="small"
          dataSource={[...scored.findings]}
          renderItem={(f) => (
            <List.Item>
              <Tag color={SEVERITY[f.severity]?.color}>{SEVERITY[f.severity]?.label}</Tag>
              {f.message}
            </List.Item>
          )}
        />
      </Card>
      <Card title="存在的问题和下一步改进措施（每行一条，写入自评报告，可转入整改台账）" size="small" data-testid="perf-findings">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {(['problems', 'measures'] as const).map((k) => (
            <div key={k}>
              <Typography.Text strong>{k === 'problems' ? '存在的问题' : '下一步改进措施'}</Typography.Text>
              <LinesField
                key={`${k}:${loaded.data?.version ?? 0}`}
                items={e[k]}
                disabled={!editable}
                placeholder={k === 'problems' ? '未填写时，自评报告列出未完全达成的指标' : '每行一条措施'}
                onChange={(items) => change({ ...e, [k]: items })}
                testId={`perf-${k}`}
              />
            </div>
          ))}
        </Space>
      </Card>
      <YearOnYear id={id as string} />
      <SelfEvaluationReport
        id={id as string}
        evaluation={e}
        editable={editable}
        dirty={dirty}
        // the words change no score: the table's own totals stay
        onChange={(next) => (setE(next), setDirty(true))}
      />
    </Space>
  );
}

/**
 * Items one per line, as typed: the text stays as written while typing (an empty line is kept until left), the items
 * are its non-empty lines; a line kept as it was keeps where it was read from.
 */
function LinesField(props: {
  items: readonly { text: string; line?: number | null | undefined }[];
  disabled: boolean;
  placeholder: string;
  onChange: (items: { text: string; line?: number | null | undefined }[]) => void;
  testId: string;
}) {
  const [text, setText] = useState(() => props.items.map((x) => x.text).join('\n'));
  return (
    <Input.TextArea
      autoSize={{ minRows: 2, maxRows: 12 }}
      maxLength={20_000}
      disabled={props.disabled}
      placeholder={props.placeholder}
      value={text}
      onChange={(x) => {
        setText(x.target.value);
        props.onChange(
          x.target.value
            .split('\n')
            .map((t) => t.trim())
            .filter(Boolean)
            .map((t) => props.items.find((old) => old.text === t) ?? { text: t }),
        );
      }}
      data-testid={props.testId}
    />
  );
}
