// 绩效自评: the year's targets (PerfTargets.tsx), the evaluations kept, and a file in (text, Word, PDF or Excel) —
// refused cell by cell when it cannot be read.
import { RefusedReasons } from '../../components/RefusedReasons.tsx';
import { App, Button, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { useGet } from '../../lib/api.ts';
import type { PerfListItem } from '../../lib/types.ts';
import { PerfTargets } from './PerfTargets.tsx';
import { usePerfUpload } from './perf-upload.ts';
import { OwnerChoice } from '../../components/OwnerSelect.tsx';
import { useOwnAndBelow } from '../../lib/units.ts';
import { acceptOf, DOCUMENT_FORMATS, WORKBOOK_FORMATS } from '../../../../src/core/document/formats.ts';

export function PerfListPage() {
  const { can, session } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useGet('GET /api/perf', {});
  // an office may file a 自评表 or a 绩效目标表 for a unit below it, whose people then see it and report on it
  const [owner, setOwner] = useState<number | null>(null);
  const { own, below } = useOwnAndBelow(can('import'), session?.user.unit);
  const { reasons, busy, upload } = usePerfUpload('POST /api/perf', owner, (r) => {
    message.success(`已读取并保存：按计分规则 ${r.total} 分（${r.grade}）`);
    navigate(`/perf/${r.id}`);
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        预算绩效自评
      </Typography.Title>
      {can('import') && (
        <Space wrap>
          <Upload
            accept={acceptOf([...WORKBOOK_FORMATS, ...DOCUMENT_FORMATS])}
            showUploadList={false}
            beforeUpload={(f) => (void upload(f), false)}
          >
            <Button type="primary" loading={busy} data-testid="perf-upload">
              上传自评表（Excel、Word、PDF 等）
            </Button>
          </Upload>
          <OwnerChoice own={own} below={below} value={owner} onChange={setOwner} testId="perf-owner" width={240} />
        </Space>
      )}
      <RefusedReasons title="自评表未保存：以下单元格无法读取" reasons={reasons} testId="perf-reasons" />
      <PerfTargets owner={owner} />
      <Table<PerfListItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '预算单位', render: (_, e) => <Link to={`/perf/${e.id}`}>{e.unit || '（未写单位）'}</Link> },
          { title: '年度', width: 90, render: (_, e) => e.year ?? '—' },
          { title: '得分', width: 90, render: (_, e) => e.total },
          {
            title: '等级',
            width: 80,
            render: (_, e) => <Tag color={e.grade === '优' ? 'green' : e.grade === '差' ? 'red' : 'blue'}>{e.grade}</Tag>,
          },
          { title: '核验发现', width: 100, render: (_, e) => e.findings },
          {
            title: '整改台账',
            width: 140,
            render: (_, e) => (e.source ? <Link to={`/ledger?source=${e.source}`}>{e.source}</Link> : '未转入'),
          },
        ]}
      />
    </Space>
  );
}
