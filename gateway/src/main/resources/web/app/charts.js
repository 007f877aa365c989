// Charts on ECharts (from its webjar, loaded by index.html): a scatter with an optional line, and a
// line chart; hover shows each point's text, click hands the point's item back.

const charts = new WeakMap();

function chartFor(box) {
  let chart = charts.get(box);
  if (!chart) {
    chart = window.echarts.init(box, null, { renderer: 'canvas' });
    charts.set(box, chart);
    window.addEventListener('resize', () => chart.resize());
  }
  return chart;
}

export function scatterChart(box, { xName, yName, series, line, onClick, logX = false }) {
  const chart = chartFor(box);
  const option = {
    animation: false,
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 50 },
    tooltip: { trigger: 'item', formatter: p => (p.data && p.data.tip) || p.seriesName },
    xAxis: { type: logX ? 'log' : 'value', name: xName, nameLocation: 'middle', nameGap: 30, scale: true },
    yAxis: { type: 'value', name: yName, scale: true },
    series: series.map(s => ({
      name: s.name, type: 'scatter', itemStyle: { color: s.color }, symbol: s.symbol || 'circle',
      data: s.points.map(p => ({ value: [p.x, p.y], symbolSize: p.size || 10, tip: escapeHtml(p.tip).replace(/&lt;br&gt;/g, '<br>'), item: p.item })),
    })),
  };
  if (line && line.points.length) {
    option.series.push({ name: line.name, type: 'line', data: line.points, symbol: 'none', lineStyle: { color: line.color, width: 2 }, z: 1 });
  }
  chart.setOption(option, true);
  chart.off('click');
  if (onClick) chart.on('click', p => p.data && p.data.item && onClick(p.data.item));
  return chart;
}

export function lineChart(box, { xName, yName, series }) {
  const chart = chartFor(box);
  chart.setOption({
    animation: false,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 60, right: 20, top: 50, bottom: 50 },
    tooltip: { trigger: 'item', formatter: p => (p.data && p.data.tip) || p.seriesName },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 30, scale: true },
    yAxis: { type: 'value', name: yName, scale: true },
    series: series.map(s => ({
      name: s.name, type: s.type || 'line', itemStyle: s.color ? { color: s.color } : undefined,
      data: s.points.map(p => ({ value: [p.x, p.y], tip: escapeHtml(p.tip || ''), symbol: p.invalid ? 'triangle' : 'circle',
        symbolSize: p.invalid ? 12 : 7, itemStyle: p.invalid ? { color: '#b3261e' } : undefined })),
    })),
  }, true);
  return chart;
}

export function barChart(box, { categories, series, yName }) {
  const chart = chartFor(box);
  chart.setOption({
    animation: false,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 60, right: 20, top: 50, bottom: 80 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: categories, axisLabel: { rotate: 40 } },
    yAxis: { type: 'value', name: yName },
    series: series.map(s => ({ name: s.name, type: 'bar', data: s.values })),
  }, true);
  return chart;
}

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
