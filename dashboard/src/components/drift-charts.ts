// Chart.js configurations of the Drift tab: a statistic with its threshold drawn, and the accuracy
// change with its significance. Meaning never rests on colour alone: fired buckets are diamonds,
// significant changes filled circles, the others hollow ones; the legend under each chart says so.
import type { ChartConfiguration, ScriptableContext } from 'chart.js';
import { css, html, type TemplateResult } from 'lit';
import { themeColor } from '../charts/css-color.js';
import { OKABE_ITO } from '../lib/colors.js';
import { formatP, formatPoints, formatStatistic, toPoints, type DriftRow } from '../lib/drift-data.js';
import { formatPercent } from '../lib/format.js';

const LINE = themeColor('--_accent', OKABE_ITO[4]);
const HOLLOW = themeColor('--_surface', '#ffffff');
const THRESHOLD = themeColor('--_bad', OKABE_ITO[5]);

type PointContext = ScriptableContext<'line'>;

export const driftLegendStyles = css`
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 14px;
    margin: 8px 0 0;
    padding: 0;
    list-style: none;
    font-size: 12px;
    color: var(--_muted);
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .mark {
    flex: none;
    width: 10px;
    height: 10px;
    box-sizing: border-box;
  }
  .mark.line {
    height: 0;
    width: 16px;
    border-top: 2px dashed var(--_bad);
  }
  .mark.fired {
    background: var(--_bad);
    transform: rotate(45deg) scale(0.85);
  }
  .mark.filled {
    border-radius: 50%;
    background: var(--_accent);
  }
  .mark.hollow {
    border-radius: 50%;
    border: 2px solid var(--_accent);
  }
`;

function lineDataset(
  label: string,
  data: (number | null)[],
  fired: (i: number) => boolean,
  filled: (i: number) => boolean,
) {
  return {
    label,
    data,
    borderColor: LINE,
    borderWidth: 2,
    spanGaps: false,
    tension: 0,
    clip: false as const,
    pointStyle: (c: PointContext) => (fired(c.dataIndex) ? 'rectRot' : 'circle'),
    pointRadius: (c: PointContext) => (fired(c.dataIndex) ? 6 : 3.5),
    pointHoverRadius: (c: PointContext) => (fired(c.dataIndex) ? 7 : 5),
    pointBorderWidth: 2,
    pointBorderColor: (c: PointContext) => (fired(c.dataIndex) ? THRESHOLD(c) : LINE(c)),
    pointBackgroundColor: (c: PointContext) =>
      fired(c.dataIndex) ? THRESHOLD(c) : filled(c.dataIndex) ? LINE(c) : HOLLOW(c),
  };
}

function thresholdDataset(label: string, rows: DriftRow[], value: number) {
  return {
    label,
    data: rows.map(() => value),
    borderColor: THRESHOLD,
    borderWidth: 1.5,
    borderDash: [6, 4],
    pointRadius: 0,
    pointHoverRadius: 0,
    fill: false,
  };
}

/** PSI or JS distance per bucket against its threshold; the threshold line stays in view. */
export function statisticChart(
  rows: DriftRow[],
  key: 'psi' | 'js',
  name: string,
  threshold: number,
): ChartConfiguration<'line'> {
  const fired = (i: number) => (key === 'psi' ? rows[i].psiFired : rows[i].jsFired);
  return {
    type: 'line',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        lineDataset(
          name,
          rows.map((r) => r[key]),
          fired,
          () => true,
        ),
        thresholdDataset(`Threshold ${threshold}`, rows, threshold),
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            label: (item) =>
              `${name} ${formatStatistic(rows[item.dataIndex][key])} (threshold ${threshold})${fired(item.dataIndex) ? ' · rule fired' : ''}`,
          },
        },
      },
      scales: {
        x: { offset: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 7 } },
        y: { min: 0, suggestedMax: threshold * 1.5, grace: '5%' },
      },
    },
  };
}

/** Accuracy minus the baseline's, in points, with the drop threshold below zero. */
export function accuracyChart(rows: DriftRow[], dropThreshold: number): ChartConfiguration<'line'> {
  const points = (x: number | null) => (x === null ? null : x * 100);
  const limit = toPoints(dropThreshold);
  return {
    type: 'line',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        lineDataset(
          'Accuracy change',
          rows.map((r) => points(r.delta)),
          (i) => rows[i].accuracyFired,
          (i) => rows[i].significant === true,
        ),
        thresholdDataset(`Drop threshold −${limit} pp`, rows, -limit),
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            label: (item) => {
              const r = rows[item.dataIndex];
              const verdict = r.significant ? 'significant' : 'not significant';
              return `${formatPoints(r.delta)} (${formatPercent(r.accuracy)} vs ${formatPercent(r.baselineAccuracy)}), p = ${formatP(r.p)}, ${verdict}${r.accuracyFired ? ' · rule fired' : ''}`;
            },
          },
        },
      },
      scales: {
        x: { offset: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 7 } },
        y: {
          suggestedMin: -limit * 1.5,
          suggestedMax: limit / 2,
          // Points on the axis' end would sit on its edge.
          grace: '5%',
          ticks: { callback: (v) => `${Number(v) > 0 ? '+' : ''}${v} pp` },
          // Zero (no change) stands out from the other grid lines.
          grid: { lineWidth: (c: { tick?: { value: number } }) => (c.tick?.value === 0 ? 2 : 1) },
        },
      },
    },
  };
}

export function statisticLegend(threshold: number): TemplateResult {
  return html`<ul class="legend">
    <li><span class="mark line"></span>threshold ${threshold}</li>
    <li><span class="mark fired"></span>rule fired (above threshold and p below the level)</li>
  </ul>`;
}

export function accuracyLegend(dropThreshold: number, pValue: number): TemplateResult {
  return html`<ul class="legend">
    <li><span class="mark filled"></span>significant (p &lt; ${pValue})</li>
    <li><span class="mark hollow"></span>not significant</li>
    <li><span class="mark fired"></span>accuracy-drop fired</li>
    <li><span class="mark line"></span>drop threshold −${toPoints(dropThreshold)} pp</li>
  </ul>`;
}
