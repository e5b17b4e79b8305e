// A doughnut of class counts with its data table: shared by the distribution elements.
import type { ChartConfiguration } from 'chart.js';
import { css, html, type TemplateResult } from 'lit';
import type { Slice } from '../lib/chart-data.js';
import { formatCount, formatPercent } from '../lib/format.js';
import './clara-chart.js';
import { dataTable } from './data-table.js';

export const doughnutStyles = css`
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    margin: 8px 0 0;
    padding: 0;
    list-style: none;
    font-size: 13px;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .swatch {
    width: 12px;
    height: 12px;
    border-radius: 3px;
    flex: none;
  }
`;

function config(slices: Slice[]): ChartConfiguration<'doughnut'> {
  return {
    type: 'doughnut',
    data: {
      labels: slices.map((s) => s.label),
      datasets: [{ data: slices.map((s) => s.count), backgroundColor: slices.map((s) => s.color), borderWidth: 2 }],
    },
    options: {
      cutout: '55%',
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.label}: ${formatCount(slices[item.dataIndex].count)} (${formatPercent(slices[item.dataIndex].share)})`,
          },
        },
      },
    },
  };
}

/** Chart, a visible legend (the colours alone must not carry meaning) and the hidden table. */
export function doughnut(caption: string, slices: Slice[]): TemplateResult {
  return html`<clara-chart .config=${config(slices)} label=${caption}></clara-chart>
    <ul class="legend">
      ${slices.map((s) => html`<li><span class="swatch" style="background:${s.color}"></span>${s.label} · ${formatPercent(s.share)}</li>`)}
    </ul>
    ${dataTable(
      caption,
      ['Class', 'Count', 'Share'],
      slices.map((s) => [s.label, formatCount(s.count), formatPercent(s.share)]),
    )}`;
}
