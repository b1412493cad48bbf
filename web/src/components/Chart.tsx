// ECharts with only the parts the screens use, registered once (the full build would triple the bundle).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

export function Chart({
  option,
  height = 300,
  onClick,
  testId,
}: {
  option: EChartsOption;
  height?: number;
  onClick?: (name: string) => void;
  testId?: string;
}) {
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
