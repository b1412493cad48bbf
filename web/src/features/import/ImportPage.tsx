// 导入 / 核验: upload a document, see what was read beside the original text with the findings highlighted on their
// lines; for an import, correct what the reader got wrong (titles, statuses, lead units, deadlines), then confirm —
// all or nothing.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  List,
  Progress,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../lib/api.ts';
import { useOwnAndBelow } from '../../lib/units.ts';
import { useSession } from '../../app/session.tsx';
import { OwnerChoice } from '../../components/OwnerSelect.tsx';
import { useUploadProgress } from '../../lib/upload-progress.ts';
import { useNarrow } from '../../lib/narrow.ts';
import { GENRE_LABEL, META_LABEL, PARSED_STATUS, SEVERITY } from '../../lib/labels.ts';
import type { CheckResult, Finding, ParsedProblem, ParsedReport } from '../../lib/types.ts';
import { alreadyImported } from '../../../../src/core/ledger/already-imported.ts';
import { importable, noReportIn } from '../../../../src/core/ledger/importable.ts';
import { acceptOf, DOCUMENT_FORMATS, namesOf, recognisedNote } from '../../../../src/core/document/formats.ts';
import type { Corrections } from '../../../../src/core/contract/accepts/report-import.ts';

/** The particulars shown beside the text: those that read as one value (not the contacts or the comment period). */
/** the particulars shown as one line each (the publication period and contacts are shown where they are used) */
const META = (
  ['title', 'issuer', 'inspectedUnit', 'team', 'round', 'inspectionStart', 'inspectionEnd', 'feedbackDate', 'reportDate', 'asOf'] as const
).map((k) => [k, META_LABEL[k]] as const);

/** what a person corrects of one problem the reader found, as the import route takes it */
type Correction = Corrections[number];

/** a row of the table: `first` when it is the first problem of its aspect (nothing before it to go under) */
type ProblemRow = Omit<ParsedProblem, 'children'> & { depth: number; first: boolean };

/** Whether a row will be a problem of its own or a specific problem, as read or as corrected. */
const levelOf = (p: ProblemRow, c: Correction | undefined) => (p.first ? 'problem' : (c?.level ?? (p.depth === 0 ? 'problem' : 'sub')));

/** "问题（8 个，其下具体问题 5 个）": the count the rows below add up to, as corrected. */
function problemCount(r: ParsedReport, corrected: (line: number) => Correction | undefined): string {
  const rows = r.aspects.flatMap((a) => flatten(a.problems));
  const top = rows.filter((p) => levelOf(p, corrected(p.line)) === 'problem').length;
  return rows.length > top ? `问题（${top} 个，其下具体问题 ${rows.length - top} 个）` : `问题（${top} 个）`;
}

/** Problems and specific problems as rows, indented by depth (not as a tree: every row is edited the same way). */
function flatten(ps: readonly ParsedProblem[], depth = 0): ProblemRow[] {
  return ps.flatMap(({ children, ...p }, i) => [{ ...p, depth, first: depth === 0 && i === 0 }, ...flatten(children, depth + 1)]);
}

export function ImportPage({ mode }: { mode: 'import' | 'check' }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const narrow = useNarrow();
  const [busy, setBusy] = useState(false);
  const [corrections, setCorrections] = useState<Record<string, Correction>>({});
  const [focus, setFocus] = useState<number | null>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const { can, session } = useSession();
  // an office whose unit has units below it may import for one of them (a county's office for a bureau); by default
  // the report goes into its own ledger
  const [owner, setOwner] = useState<number | null>(null);
  const { own, below, units } = useOwnAndBelow(mode === 'import', session?.user.unit);
  // a scan's pages as the server recognises them
  const { progress, track } = useUploadProgress();

  const read = async (f: File) => {
    setFile(f);
    setResult(null);
    setError(null);
    setCorrections({});
    setBusy(true);
    const form = new FormData();
    form.append('file', f);
    try {
      setResult(await track(form, () => api('POST /api/check', { body: form })));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '读取失败');
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    const form = new FormData();
    form.append('corrections', JSON.stringify(Object.values(corrections)));
    if (owner !== null) form.append('owner', String(owner));
    form.append('file', file);
    try {
      const r = await track(form, () => api('POST /api/import', { body: form }));
      const first = r.results[0];
      if (first?.status === 'already-imported') message.info(alreadyImported(first.sameAs));
      else
        message.success(
          `已导入 ${first?.sources.length ?? 0} 个整改来源：${first?.sources.map((s) => `${s.code}（${s.problems} 个问题）`).join('、')}`,
        );
      navigate(`/ledger?source=${first?.sources[0]?.code ?? first?.sameAs?.sources[0] ?? ''}`);
    } catch (e) {
      const detail =
        e instanceof ApiError && Array.isArray(e.details) ? `：${(e.details as { reason: string }[]).map((d) => d.reason).join('；')}` : '';
      setError(`${e instanceof ApiError ? e.message : '导入失败'}${detail}`);
    } finally {
      setBusy(false);
    }
  };

  const flagged = useMemo(() => {
    const m = new Map<number, Finding[]>();
    for (const r of result?.reports ?? []) for (const f of r.findings) for (const l of f.lines) m.set(l, [...(m.get(l) ?? []), f]);
    return m;
  }, [result]);

  const show = (line: number) => {
    setFocus(line);
    textRef.current?.querySelector(`[data-line="${line}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const correct = (report: number, line: number, patch: Partial<Correction>) =>
    setCorrections((c) => ({ ...c, [`${report}:${line}`]: { ...(c[`${report}:${line}`] ?? { report, line }), ...patch } }));

  /** What can be corrected of one problem before import: its level, status, whether long-term, lead unit, deadline. */
  const controls = (p: ProblemRow, ri: number) => (
    <Space wrap size={[8, 4]}>
      <Select
        size="small"
        style={{ width: 210 }}
        value={levelOf(p, corrections[`${ri}:${p.line}`])}
        onChange={(v: 'problem' | 'sub') => correct(ri, p.line, { level: v })}
        data-testid={`level-${p.line}`}
        options={[
          { value: 'problem', label: '独立问题' },
          // the first problem of an aspect has no problem before it to go under
          { value: 'sub', label: '具体问题（归入上一问题）', disabled: p.first },
        ]}
      />
      <Select
        size="small"
        style={{ width: 130 }}
        defaultValue={p.status}
        // 未写明 is what the reader found, never a status a person gives (its option is disabled)
        onChange={(v) => v !== 'unknown' && correct(ri, p.line, { status: v })}
        data-testid={`status-${p.line}`}
        options={Object.keys(PARSED_STATUS).map((s) => ({
          value: s,
          label: PARSED_STATUS[s],
          disabled: s === 'unknown',
        }))}
      />
      <Checkbox
        defaultChecked={p.longTerm}
        onChange={(e) => correct(ri, p.line, { longTerm: e.target.checked })}
        data-testid={`longterm-${p.line}`}
      >
        长期
      </Checkbox>
      <Select
        size="small"
        allowClear
        showSearch
        placeholder="牵头单位"
        style={{ width: 160 }}
        onChange={(v: string) => correct(ri, p.line, { leadUnit: v })}
        options={units.options}
      />
      <DatePicker
        size="small"
        placeholder="整改时限"
        onChange={(d: Dayjs | null) => correct(ri, p.line, { deadline: d ? d.format('YYYY-MM-DD') : undefined })}
      />
    </Space>
  );

  // the title in full, wrapping, with what can be corrected beneath it: a column of its own left it two characters wide
  const problemTable = (r: ParsedReport, ri: number) => (
    <Table<ProblemRow>
      size="small"
      rowKey="line"
      pagination={false}
      tableLayout="fixed"
      dataSource={r.aspects.flatMap((a) => flatten(a.problems))}
      data-testid={`problems-${ri}`}
      columns={[
        { title: '行', key: 'line', width: 52, render: (_, p) => <Typography.Link onClick={() => show(p.line)}>{p.line}</Typography.Link> },
        {
          title: '问题',
          key: 'title',
          render: (_, p) =>
            mode === 'import' ? (
              <div style={{ marginLeft: levelOf(p, corrections[`${ri}:${p.line}`]) === 'sub' ? 20 : 0 }}>
                {levelOf(p, corrections[`${ri}:${p.line}`]) === 'sub' && <Tag>具体问题</Tag>}
                {p.area && <Typography.Text type="secondary">{p.area}</Typography.Text>}
                <Input.TextArea
                  size="small"
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  maxLength={500}
                  defaultValue={p.title}
                  onBlur={(e) => e.target.value !== p.title && correct(ri, p.line, { title: e.target.value })}
                  data-testid={`title-${p.line}`}
                  style={{ marginBottom: 6 }}
                />
                {controls(p, ri)}
              </div>
            ) : (
              <span style={{ marginLeft: p.depth * 16 }}>
                {`${p.number} ${p.title}`} {p.area && <Typography.Text type="secondary">（{p.area}）</Typography.Text>}{' '}
                <Tag>
                  {PARSED_STATUS[p.status]}
                  {p.longTerm ? '·长期' : ''}
                </Tag>
              </span>
            ),
        },
        { title: '措施', key: 'measures', width: 52, render: (_, p) => p.measures.length },
      ]}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {mode === 'import' ? '导入整改报告' : '核验整改报告'}
      </Typography.Title>
      <Space wrap>
        <Upload accept={acceptOf(DOCUMENT_FORMATS)} showUploadList={false} beforeUpload={(f) => (void read(f), false)}>
          <Button type="primary" loading={busy && !result} data-testid="choose-file" title={`可读取：${namesOf(DOCUMENT_FORMATS)}`}>
            {narrow ? '选择文件' : '选择文件（Word、PDF、扫描件或照片、OFD、WPS、网页、文本）'}
          </Button>
        </Upload>
        {file && (
          <Typography.Text ellipsis style={{ maxWidth: narrow ? 300 : 480 }}>
            {file.name}
          </Typography.Text>
        )}
        {mode === 'import' && result && can('import') && (
          <OwnerChoice own={own} below={below} value={owner} onChange={setOwner} testId="import-owner" width={narrow ? 220 : 280} />
        )}
        {mode === 'import' && result && result.reports.some(importable) && (
          <Button type="primary" onClick={() => void confirm()} loading={busy} data-testid="confirm-import">
            确认导入{Object.keys(corrections).length ? `（含 ${Object.keys(corrections).length} 处更正）` : ''}
          </Button>
        )}
      </Space>
      {busy && progress && (
        <Progress
          percent={Math.round((100 * progress.done) / progress.total)}
          format={() => `正在识别文字：第 ${Math.min(progress.done + 1, progress.total)}/${progress.total} 页`}
          data-testid="ocr-progress"
        />
      )}
      {error && <Alert type="error" title={error} showIcon data-testid="import-error" />}
      {mode === 'import' && result && !result.reports.some(importable) && (
        <Alert type="error" title={noReportIn(result.file)} showIcon data-testid="no-report" />
      )}
      {result?.ocr && (
        <Alert
          type="warning"
          showIcon
          data-testid="ocr-notice"
          title={`${recognisedNote(result.ocr)}${mode === 'import' ? '后再导入' : ''}`}
        />
      )}
      {result && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={13}>
            {result.reports.length === 0 && <Empty description="没有找到整改报告" />}
            {result.reports.map((r, ri) => (
              <Card
                key={ri}
                title={`报告 ${ri + 1}：第${r.lines[0]}—${r.lines[1]}行`}
                style={{ marginBottom: 16 }}
                data-testid="parsed-report"
              >
                {r.genre !== 'report' && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={`这是一份${GENRE_LABEL[r.genre]}，不是单位自己的整改报告：其中的数字和问题未必能直接作为台账`}
                    data-testid="genre-warning"
                  />
                )}
                <Descriptions size="small" column={narrow ? 1 : 2} bordered>
                  {META.map(([k, label]) =>
                    r.meta[k] ? (
                      <Descriptions.Item key={k} label={label}>
                        {String(r.meta[k]?.value)}
                      </Descriptions.Item>
                    ) : null,
                  )}
                </Descriptions>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  核验发现（{r.findings.length}）
                </Typography.Title>
                <List
                  size="small"
                  dataSource={r.findings}
                  locale={{ emptyText: '未发现前后不一致之处' }}
                  renderItem={(f) => (
                    <List.Item onClick={() => f.lines[0] && show(f.lines[0])} style={{ cursor: 'pointer' }} data-testid="finding">
                      <Space wrap>
                        <Tag color={SEVERITY[f.severity]?.color}>{SEVERITY[f.severity]?.label}</Tag>
                        {f.message}
                        <Typography.Text type="secondary">第{f.lines.join('、')}行</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {problemCount(r, (line) => corrections[`${ri}:${line}`])}
                </Typography.Title>
                {problemTable(r, ri)}
              </Card>
            ))}
          </Col>
          <Col xs={24} lg={11}>
            <Card title="原文" styles={{ body: { padding: 0 } }}>
              <div ref={textRef} style={{ maxHeight: '75vh', overflow: 'auto', fontSize: 13 }} data-testid="original-text">
                {result.lines.map((line, i) => {
                  const n = i + 1;
                  const fs = flagged.get(n);
                  const bg = n === focus ? '#fff1b8' : fs ? (fs.some((f) => f.severity === 'error') ? '#fff1f0' : '#fffbe6') : undefined;
                  return (
                    <div
                      key={n}
                      data-line={n}
                      title={fs?.map((f) => f.message).join('\n')}
                      style={{ display: 'flex', background: bg, borderLeft: fs ? '3px solid #ff4d4f' : '3px solid transparent' }}
                    >
                      <span style={{ width: 48, color: '#999', textAlign: 'right', paddingRight: 8, flex: 'none', userSelect: 'none' }}>
                        {n}
                      </span>
                      <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{line}</span>
                    </div>
                  );
                })}
              </div>
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
