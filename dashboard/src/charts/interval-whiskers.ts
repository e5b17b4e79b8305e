// Draws the confidence interval of isolated points (a bucket between two empty ones, common with
// sparse validations) as a whisker: the filled band between neighbours cannot show it there.
// The bounds are read from the chart's own datasets on every draw, so data updates need nothing else.
import type { Chart, Plugin } from 'chart.js';

export interface WhiskerDatasets {
  low: number;
  high: number;
  /** The dataset whose points carry the whiskers. */
  value: number;
}

function bound(chart: Chart<'line'>, dataset: number, i: number): number | null {
  const v = chart.data.datasets[dataset]?.data[i];
  return typeof v === 'number' ? v : null;
}

export function intervalWhiskers(
  datasets: WhiskerDatasets,
  color: (context: { chart: { canvas: HTMLCanvasElement } }) => string,
): Plugin<'line'> {
  return {
    id: 'claraIntervalWhiskers',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const y = chart.scales.y;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = color({ chart });
      ctx.lineWidth = 1.5;
      chart.getDatasetMeta(datasets.value).data.forEach((point, i) => {
        const lo = bound(chart, datasets.low, i);
        const hi = bound(chart, datasets.high, i);
        if (lo === null || hi === null) return;
        if (bound(chart, datasets.value, i - 1) !== null || bound(chart, datasets.value, i + 1) !== null) return;
        const top = y.getPixelForValue(hi);
        const bottom = y.getPixelForValue(lo);
        ctx.beginPath();
        ctx.moveTo(point.x, top);
        ctx.lineTo(point.x, bottom);
        ctx.moveTo(point.x - 4, top);
        ctx.lineTo(point.x + 4, top);
        ctx.moveTo(point.x - 4, bottom);
        ctx.lineTo(point.x + 4, bottom);
        ctx.stroke();
      });
      ctx.restore();
    },
  };
}
