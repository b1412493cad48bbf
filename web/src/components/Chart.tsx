// A chart on a screen. Its drawing code (ECharts, a third of the dashboard's script) is fetched on its own: the
// screen's figures and lists show at once, the charts a moment later in the space kept for them.
import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { EChartsOption } from 'echarts';
import { Empty } from 'antd';

const ChartCanvas = lazy(() => import('./ChartCanvas.tsx'));

/** The charts' code not fetched (the network gone, the application updated): said in the chart's place, the figures stay. */
class ChartFailure extends Component<{ height: number; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" style={{ height: this.props.height, display: 'grid', placeItems: 'center', color: 'rgba(0,0,0,0.45)' }}>
        图表未能加载，请刷新页面重试
      </div>
    );
  }
}

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
      <ChartFailure height={height}>
        <Suspense fallback={<div style={{ height }} />}>
          <ChartCanvas option={option} height={height} {...(onClick ? { onClick } : {})} />
        </Suspense>
      </ChartFailure>
    </div>
  );
}
