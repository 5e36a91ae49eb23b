// SVG drawing of the bar charts laid out by bar-chart.js: axis, gridlines, bars with their value as
// a tooltip, group labels and a legend.
import { barLayout } from './bar-chart.js';
import { h, svg } from './dom.js';

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 40, left: 100 };
const GRIDLINES = 4;

/**
 * A grouped bar chart of `rows` ({label, values}); `series` are {name, className} in the order of
 * `values`; `format(number)` writes values and the axis.
 */
export function barChart(rows, { series, format, id, title }) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { maximum, groups } = barLayout(rows, { width: plotWidth, height: plotHeight });
  const grid = Array.from({ length: GRIDLINES + 1 }, (_, i) => {
    const y = plotHeight - (i / GRIDLINES) * plotHeight;
    return svg('g', { class: 'gridline' }, svg('line', { x1: 0, x2: plotWidth, y1: y, y2: y }),
      svg('text', { x: -8, y: y + 4, 'text-anchor': 'end' }, format((i / GRIDLINES) * maximum)));
  });
  const bars = groups.map((group) => svg('g', { class: 'bar-group' },
    group.bars.map((bar, index) => svg('rect', {
      class: `bar ${series[index].className}`, x: bar.x, y: bar.y, width: Math.max(0, bar.width - 2), height: bar.height,
      dataset: { value: bar.value },
    }, svg('title', {}, `${group.label} — ${series[index].name}: ${format(bar.value)}`))),
    svg('text', { class: 'bar-label', x: group.x + group.width / 2, y: plotHeight + 18, 'text-anchor': 'middle' }, group.label)));
  return h('figure', { class: 'chart', id },
    h('figcaption', {}, title, ' ', series.map((s) => h('span', { class: `legend ${s.className}` }, s.name))),
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title },
      svg('g', { transform: `translate(${MARGIN.left},${MARGIN.top})` }, grid, bars)));
}
