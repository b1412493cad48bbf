// 历年对比: this year's indicators beside what the same unit set and reached for them in the years before, and each
// year's total — shown when there is a year before to compare with.
import { Card, Table, Typography } from 'antd';
import { useGet } from '../../lib/api.ts';

export function YearOnYear({ id }: { id: string }) {
  const years = useGet('GET /api/perf/:id/years', { params: { id } });
  const d = years.data;
  if (!d || d.years.length < 2) return null;
  return (
    <Card title="历年对比" size="small" data-testid="perf-years">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        合计：{d.totals.map((t) => `${t.year}年 ${t.total} 分（${t.grade}）`).join('；')}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey={(r) => `${r.level1}/${r.level3}`}
        dataSource={[...d.rows]}
        columns={[
          { title: '一级指标', width: 100, render: (_, r) => r.level1 },
          { title: '三级指标', render: (_, r) => r.level3 },
          ...d.years.map((year, k) => ({
            title: `${year}年（指标值 / 实际 / 得分）`,
            render: (_: unknown, r: (typeof d.rows)[number]) => {
              const y = r.byYear[k];
              return y ? `${y.target} / ${y.actual || '—'} / ${y.score ?? '—'}${y.weight !== null ? `（${y.weight}）` : ''}` : '—';
            },
          })),
        ]}
      />
    </Card>
  );
}
