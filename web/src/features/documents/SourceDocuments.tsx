// A source's documents from the ledger page: the 通报 (public or internal), the plan and — for audit findings — the
// report to the People's Congress at an as-of day; the four-list workbook out; a workbook in; publication settings;
// publishing the 通报 to the public part; the source's supervision settings.
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, download, useGet } from '../../lib/api.ts';
import type { SourceItem } from '../../lib/types.ts';
import { REPORT_NAME, type ReportKind } from '../../../../src/core/official/report-names.ts';
import { acceptOf, namesOf, WORKBOOK_FORMATS } from '../../../../src/core/document/formats.ts';
import { SupervisionSettings } from '../supervision/SupervisionSettings.tsx';

type Kind = ReportKind | 'tongbao-public';
const KINDS: { value: Kind; label: string; audit?: boolean }[] = [
  { value: 'tongbao-public', label: `${REPORT_NAME.tongbao}（公开版）` },
  { value: 'tongbao', label: `${REPORT_NAME.tongbao}（内部版）` },
  { value: 'plan', label: `${REPORT_NAME.plan}（任务分解表）` },
  { value: 'npc', label: `${REPORT_NAME.npc}（报人大常委会）`, audit: true },
];

function GenerateDialog({ source, open, onClose }: { source: SourceItem; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [findings, setFindings] = useState<string[]>([]);
  const onFinish = async (v: { kind: Kind; asOf?: Dayjs; date?: Dayjs }) => {
    setBusy(true);
    setFindings([]);
    try {
      const kind = v.kind === 'tongbao-public' ? 'tongbao' : v.kind;
      const r = await download('GET /api/sources/:source/reports/:kind', {
        params: { source: source.code, kind },
        query: {
          asOf: v.asOf?.format('YYYY-MM-DD'),
          date: v.date?.format('YYYY-MM-DD'),
          public: v.kind === 'tongbao-public' ? 'true' : undefined,
        },
      });
      setFindings(r.findings);
      message.success(`已生成：${r.fileName}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '生成失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`生成公文：${source.code}`} open={open} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form layout="vertical" onFinish={onFinish} initialValues={{ kind: 'tongbao-public' }}>
        <Form.Item name="kind" label="公文" rules={[{ required: true }]}>
          <Select
            options={KINDS.filter((k) => !k.audit || source.kind === 'audit').map(({ value, label }) => ({ value, label }))}
            data-testid="doc-kind"
          />
        </Form.Item>
        <Space>
          <Form.Item name="asOf" label="统计截止日期" extra="不填为今天">
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="date" label="成文日期" extra="不填为今天">
            <DatePicker />
          </Form.Item>
        </Space>
        {findings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="复核发现台账数据本身有矛盾，请核对台账后重新生成"
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {findings.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            }
          />
        )}
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="doc-generate">
            生成并下载（.docx）
          </Button>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PublicationDialog({ source, open, onClose }: { source: SourceItem; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const settings = useGet('GET /api/sources/:source/publication', open ? { params: { source: source.code } } : null);
  const label = { person: '联系人', phone: '联系电话', email: '电子邮箱', address: '通信地址', postcode: '邮政编码' } as const;
  const onFinish = async (v: {
    issuer?: string;
    commentDays: number;
    contacts: { kind: keyof typeof label; value: string }[];
    hide: string[];
  }) => {
    try {
      await api('PUT /api/sources/:source/publication', {
        params: { source: source.code },
        body: {
          issuer: v.issuer?.trim() || null,
          commentDays: v.commentDays,
          contacts: (v.contacts ?? []).filter((c) => c?.value?.trim()),
          hide: {
            personNames: v.hide.includes('personNames'),
            personalPhones: v.hide.includes('personalPhones'),
            internalNotes: v.hide.includes('internalNotes'),
          },
        },
      });
      message.success('公开设置已保存');
      onClose();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  const s = settings.data;
  return (
    <Modal title={`公开设置：${source.code}`} open={open} onCancel={onClose} footer={null} destroyOnHidden width={620}>
      {s && (
        <Form
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            issuer: s.issuer ?? '',
            commentDays: s.commentDays,
            contacts: s.contacts,
            hide: Object.entries(s.hide)
              .filter(([, on]) => on)
              .map(([k]) => k),
          }}
        >
          <Form.Item name="issuer" label="发文机关署名" extra="不填则用原报告的署名，或被巡察（审计）单位">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="commentDays" label="公开期限（天，含发布当天）" rules={[{ required: true }]}>
            <InputNumber min={1} max={90} />
          </Form.Item>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <Form.Item label="联系方式">
                {fields.map((f) => (
                  <Space key={f.key} style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={[f.name, 'kind']} noStyle>
                      <Select style={{ width: 120 }} options={Object.entries(label).map(([value, l]) => ({ value, label: l }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} noStyle>
                      <Input style={{ width: 300 }} maxLength={200} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ kind: 'phone', value: '' })}>添加联系方式</Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="hide" label="公开版隐去">
            <Checkbox.Group
              options={[
                { value: 'personNames', label: '人员姓名（改为“王某”）' },
                { value: 'personalPhones', label: '个人手机号' },
                { value: 'internalNotes', label: '内部记录（责任人、时限、进展）' },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </Form>
      )}
    </Modal>
  );
}

/**
 * The public version of the 通报 published to the public part: what was published (frozen as it was), its comment
 * period, the public page's address; and publishing a new one, which opens a new period.
 */
function PublishDialog({ source, open, onClose }: { source: SourceItem; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const list = useGet('GET /api/sources/:source/publications', open ? { params: { source: source.code } } : null);
  const settings = useGet('GET /api/sources/:source/publication', open ? { params: { source: source.code } } : null);
  const publish = async (v: { asOf?: Dayjs }) => {
    setBusy(true);
    try {
      const r = await api('POST /api/sources/:source/publications', {
        params: { source: source.code },
        body: { ...(v.asOf ? { asOf: v.asOf.format('YYYY-MM-DD') } : {}) },
      });
      message.success(`已发布：${r.title}，公开期限至 ${r.periodEnd}`);
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '发布失败');
    } finally {
      setBusy(false);
    }
  };
  const base = list.data?.publicUrl ?? null;
  return (
    <Modal title={`公开发布：${source.code}`} open={open} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`发布的是通报公开版（按“公开设置”隐去姓名等），发布后内容固定；公开期限${settings.data ? ` ${settings.data.commentDays} 天（自发布之日起，含当日；可在“公开设置”中修改）` : ''}内群众可在公开页面反映意见，在“群众反映”中办理。`}
      />
      <Form layout="inline" onFinish={publish} style={{ marginBottom: 16 }}>
        <Form.Item name="asOf" label="统计截止日期" extra="不填为今天">
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="publish-submit">
          发布公开版通报
        </Button>
      </Form>
      <ul data-testid="publications" style={{ paddingLeft: 20 }}>
        {(list.data?.items ?? []).map((p) => (
          <li key={p.id}>
            {base ? (
              <a href={`${base}/p/${p.id}`} target="_blank" rel="noreferrer">
                {p.title}
              </a>
            ) : (
              p.title
            )}
            ：{p.publishedOn} 发布，公开期限至 {p.periodEnd}
            {p.open ? '（公开期限内）' : ''}，{p.publishedBy}
          </li>
        ))}
        {list.data && list.data.items.length === 0 && <li>尚未公开发布</li>}
      </ul>
    </Modal>
  );
}

/**
 * The workbook back in: ours, or a unit's own read through a mapping of its columns. Every row is checked first; on
 * refusal every reason is listed and nothing was written.
 */
function WorkbookImport({ source, onDone }: { source: string | undefined; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const send = async (v: { source?: string; title?: string; sheet?: string; mapping?: string }) => {
    if (!file) return void message.error('请选择要导入的台账工作簿');
    setBusy(true);
    setReasons([]);
    const form = new FormData();
    for (const [k, val] of Object.entries(v)) if (val?.trim()) form.append(k, val.trim());
    form.append('file', file);
    try {
      const r = await api('POST /api/workbook', { body: form });
      message.success(
        `已导入 ${r.source}${r.created ? '（新建）' : '（更新）'}：问题 ${r.problems} 个，措施 ${r.measures} 项${r.mapping ? `。列对应：${r.mapping}` : ''}`,
      );
      setOpen(false);
      setFile(null);
      onDone();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) setReasons(e.details as string[]);
      else message.error(e instanceof ApiError ? e.message : '导入失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="workbook-import">
        导入台账（Excel）
      </Button>
      <Modal title="导入台账工作簿" open={open} onCancel={() => (setOpen(false), setReasons([]))} footer={null} destroyOnHidden width={640}>
        <Form layout="vertical" onFinish={send} initialValues={{ source }}>
          <Form.Item
            label={`工作簿（${namesOf(WORKBOOK_FORMATS)}）`}
            required
            extra="本系统导出的四个清单，或单位自己的台账；.xls、.et、.ods 须服务器装有 LibreOffice"
          >
            <Upload
              accept={acceptOf(WORKBOOK_FORMATS)}
              maxCount={1}
              beforeUpload={(f) => (setFile(f), false)}
              onRemove={() => setFile(null)}
            >
              <Button>选择文件</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="source" label="导入到整改来源" extra="本系统的工作簿可不填；单位自己的台账须填写，可为新的来源编号">
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="title" label="新来源的标题（新建时）">
            <Input maxLength={200} />
          </Form.Item>
          <Space>
            <Form.Item name="sheet" label="工作表（单位台账）">
              <Input maxLength={100} placeholder="默认第一个有内容的" />
            </Form.Item>
            <Form.Item name="mapping" label="列对应（未写的按表头自动对应）">
              <Input maxLength={2000} style={{ width: 320 }} placeholder="问题=问题描述,牵头单位=责任部门" />
            </Form.Item>
          </Space>
          {reasons.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title="工作簿未导入，数据未作任何改动"
              description={
                <ul style={{ maxHeight: 300, overflow: 'auto', margin: 0, paddingLeft: 20 }} data-testid="workbook-reasons">
                  {reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Button type="primary" htmlType="submit" loading={busy}>
            核对并导入
          </Button>
        </Form>
      </Modal>
    </>
  );
}

export function SourceDocuments({ source, onImported }: { source: SourceItem | undefined; onImported: () => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'generate' | 'publication' | 'publish' | 'supervision' | null>(null);
  const exportWorkbook = async () => {
    if (!source) return;
    try {
      const r = await download('GET /api/sources/:source/workbook', { params: { source: source.code } });
      message.success(`已导出：${r.fileName}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败');
    }
  };
  return (
    <Space wrap>
      {can('export') && (
        <>
          <Button
            disabled={!source}
            title={source ? undefined : '请先选择整改来源'}
            onClick={() => setDialog('generate')}
            data-testid="doc-open"
          >
            生成公文
          </Button>
          <Button disabled={!source} title={source ? undefined : '请先选择整改来源'} onClick={exportWorkbook} data-testid="workbook-export">
            导出台账（Excel）
          </Button>
        </>
      )}
      {can('import') && (
        <>
          <WorkbookImport source={source?.code} onDone={onImported} />
          <Button disabled={!source} onClick={() => setDialog('publication')}>
            公开设置
          </Button>
        </>
      )}
      {can('supervise') && (
        <Button disabled={!source} onClick={() => setDialog('supervision')} data-testid="supervision-settings-open">
          督办设置
        </Button>
      )}
      {source && <SupervisionSettings source={source.code} open={dialog === 'supervision'} onClose={() => setDialog(null)} />}
      {can('publish') && (
        <Button disabled={!source} onClick={() => setDialog('publish')} data-testid="publish-open">
          公开发布
        </Button>
      )}
      {source && <PublishDialog source={source} open={dialog === 'publish'} onClose={() => setDialog(null)} />}
      {source && <GenerateDialog source={source} open={dialog === 'generate'} onClose={() => setDialog(null)} />}
      {source && <PublicationDialog source={source} open={dialog === 'publication'} onClose={() => setDialog(null)} />}
    </Space>
  );
}
