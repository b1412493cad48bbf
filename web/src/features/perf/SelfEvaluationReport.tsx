// 自评报告: the unit's own words for each section it alone can write — kept with the evaluation, saved with it — and
// the report generated from the saved evaluation: every figure from its tables and scoring, the rectification from
// the ledger's source the unit chooses (as the ledger stands today), the words in their places.
import { Alert, App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, download, useGet } from '../../lib/api.ts';
import type { Evaluation } from '../../lib/types.ts';
import { NARRATIVE_LABEL, NARRATIVE_SECTIONS, type NarrativeSection, unwrittenSections } from '../../../../src/core/perf/narrative.ts';

export function SelfEvaluationReport(props: {
  id: string;
  evaluation: Evaluation;
  editable: boolean;
  /** unsaved edits: the report is made from what is saved */
  dirty: boolean;
  onChange: (next: Evaluation) => void;
}) {
  const { message } = App.useApp();
  const sources = useGet('GET /api/sources', {});
  const [source, setSource] = useState<string | undefined>(undefined);
  const words = props.evaluation.narrative ?? {};
  const unwritten = unwrittenSections(words);
  const set = (k: NarrativeSection, text: string) => props.onChange({ ...props.evaluation, narrative: { ...words, [k]: text } });
  const generate = () =>
    download('GET /api/perf/:id/report', { params: { id: props.id }, query: { source } }).catch((x: unknown) =>
      message.error(x instanceof ApiError ? x.message : '生成失败'),
    );
  return (
    <Card title="自评报告" size="small" data-testid="perf-report">
      <Typography.Paragraph type="secondary">
        报告中的数字取自自评表和计分；整改情况取自所选台账来源的当前数字；以下各部分文字由单位填写，保存后每次生成都会沿用。
      </Typography.Paragraph>
      <Form layout="vertical">
        {NARRATIVE_SECTIONS.map((k) => (
          <Form.Item key={k} label={NARRATIVE_LABEL[k]}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 12 }}
              maxLength={20_000}
              disabled={!props.editable}
              value={words[k] ?? ''}
              onChange={(x) => set(k, x.target.value)}
              data-testid={`perf-narrative-${k}`}
            />
          </Form.Item>
        ))}
      </Form>
      <Space wrap>
        <span>整改情况取自：</span>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="不含台账中的整改情况"
          style={{ width: 280, maxWidth: '100%' }}
          value={source}
          onChange={setSource}
          options={(sources.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.title}` }))}
          data-testid="perf-report-source"
        />
        <Button type="primary" onClick={generate} disabled={props.dirty} data-testid="perf-report-generate">
          生成自评报告（Word）
        </Button>
      </Space>
      {props.dirty && <Typography.Paragraph type="warning">有未保存的修改：请先保存，报告按保存后的内容生成。</Typography.Paragraph>}
      {unwritten.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          data-testid="perf-report-unwritten"
          title={`尚未填写：${unwritten.map((k) => NARRATIVE_LABEL[k]).join('、')}。报告中会留出位置，注明由单位填写。`}
        />
      )}
    </Card>
  );
}
