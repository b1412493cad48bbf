// ECharts with only the parts the screens use, registered once (the full build would triple the bundle).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { Empty } from 'antd';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

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
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height }}
        notMerge
        onEvents={onClick ? { click: (p: { name: string }) => onClick(p.name) } : {}}
      />
    </div>
  );
}
