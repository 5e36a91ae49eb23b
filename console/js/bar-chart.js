// Grouped bar charts as a pure function of the numbers: one group per row, one bar per series,
// heights on a shared scale rounded up to a readable maximum. The page draws the result in SVG.

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (the chart's top gridline). */
export function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

/**
 * Lays out `rows` ({label, values: number[]}) in a `width` × `height` plot area (axes excluded).
 * @returns {{maximum: number, groups: {label: string, x: number, width: number, bars: {x: number, y: number, width: number, height: number, value: number}[]}[]}}
 */
export function barLayout(rows, { width, height, gap = 0.3 }) {
  const maximum = niceCeiling(Math.max(0, ...rows.flatMap((row) => row.values)));
  const slot = rows.length ? width / rows.length : width;
  const inner = slot * (1 - gap);
  return {
    maximum,
    groups: rows.map((row, index) => {
      const x = index * slot + (slot - inner) / 2;
      const barWidth = inner / Math.max(1, row.values.length);
      return {
        label: row.label, x, width: inner,
        bars: row.values.map((value, series) => {
          const barHeight = (Math.max(0, value) / maximum) * height;
          return { x: x + series * barWidth, y: height - barHeight, width: barWidth, height: barHeight, value };
        }),
      };
    }),
  };
}
