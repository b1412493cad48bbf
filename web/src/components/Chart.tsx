// A chart on a screen. Its drawing code (ECharts, a third of the dashboard's script) is fetched on its own: the
// screen's figures and lists show at once, the charts a moment later in the space kept for them.
import { lazy, Suspense } from 'react';
import type { EChartsOption } from 'echarts';
import { Empty } from 'antd';

const ChartCanvas = lazy(() => import('./ChartCanvas.tsx'));

export function Chart({
  option,
  height = 300,
  onClick,
  testId,
  empty = false,
}: {
  option: EChartsOption;
  height?: number;
  onClick?: (name: string) => void;
  testId?: string;
  /** nothing to show: said so, instead of a pie of equal slices drawn from zeros */
  empty?: boolean;
}) {
  if (empty)
    return (
      <div data-testid={testId} style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Empty description="暂无问题" />
      </div>
    );
  return (
    <div data-testid={testId}>
      <Suspense fallback={<div style={{ height }} />}>
        <ChartCanvas option={option} height={height} {...(onClick ? { onClick } : {})} />
      </Suspense>
    </div>
  );
}
