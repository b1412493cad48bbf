// ECharts with only the parts the screens use, registered once (the full build would triple the bundle). Loaded
// apart from the screens (Chart.tsx), so that their figures show before the charts' code has arrived.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

export default function ChartCanvas({
  option,
  height,
  onClick,
}: {
  option: EChartsOption;
  height: number;
  onClick?: (name: string) => void;
}) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height }}
      notMerge
      onEvents={onClick ? { click: (p: { name: string }) => onClick(p.name) } : {}}
    />
  );
}
