import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { TDashboardFigure } from '@benxi/shared';

// ECharts, tree-shaken to what the 首页 draws; this module is its own chunk (React.lazy in HomePage),
// so no other page loads it.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** One chart of the 首页: a bar per figure (pie when `pie`); a click opens the list the figure counts. */
export default function DashboardChart({ items, pie = false, height = 260 }: { items: TDashboardFigure[]; pie?: boolean; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const shown = pie ? items.filter((i) => i.value > 0) : items;
    chart.setOption(
      pie
        ? {
            tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
            legend: { bottom: 0, type: 'scroll' },
            series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '45%'], data: shown.map((i) => ({ name: i.label, value: i.value, link: i.link })), label: { formatter: '{b}\n{c}' } }],
          }
        : {
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 16, top: 16, bottom: 64 },
            xAxis: { type: 'category', data: shown.map((i) => i.label), axisLabel: { interval: 0, rotate: shown.length > 5 ? 30 : 0, fontSize: 11 } },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data: shown.map((i) => ({ value: i.value, link: i.link })), itemStyle: { color: '#1557b0' }, barMaxWidth: 36, label: { show: true, position: 'top' } }],
          },
    );
    chart.on('click', (p) => {
      const link = (p.data as { link?: string } | undefined)?.link;
      if (link) navigate(link);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [items, pie, navigate]);
  return <div ref={el} style={{ width: '100%', height }} role="img" aria-label={items.map((i) => `${i.label} ${i.value}`).join('，')} />;
}
