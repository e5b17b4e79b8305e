// <clara-estimate>: accuracy estimated from confidence (before labels arrive) with its 95% band,
// and the realized accuracy on the same chart wherever labels exist.
import type { ChartConfiguration } from 'chart.js';
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { PerformanceEstimateDocument, type PerformanceEstimateQuery } from '../gql/graphql.js';
import { themeColor } from '../charts/css-color.js';
import { estimateSeries, type EstimateSeries } from '../lib/estimate-data.js';
import { OKABE_ITO } from '../lib/colors.js';
import { formatCount, formatInstant, formatPercent } from '../lib/format.js';
import './clara-chart.js';
import { ClaraElement } from './clara-element.js';
import { dataTable } from './data-table.js';
import { pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

const ESTIMATE = themeColor('--_accent', OKABE_ITO[4]);
const BAND = themeColor('--_accent', OKABE_ITO[4], 0.18);
/** Vermillion: apart from the accent blue for every colour-vision deficiency. */
const REALIZED = OKABE_ITO[5];

type Reference = NonNullable<PerformanceEstimateQuery['performanceEstimate']['reference']>;

@customElement('clara-estimate')
export class ClaraEstimate extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    css`
      .note {
        color: var(--_muted);
        font-size: 12px;
        margin: 8px 0 0;
      }
    `,
  ];

  private readonly query = new QueryController<PerformanceEstimateQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args) return null;
    const vars = { model: args.model, range: args.range, granularity: this.bucketSize, timeZone: this.zone };
    return {
      key: `${args.key}|${vars.granularity}|${vars.timeZone}`,
      run: () => this.client().request(PerformanceEstimateDocument, vars),
    };
  });

  protected override render() {
    return html`<section class="card" aria-label="Estimated accuracy">
      <h3>Estimated accuracy (before labels)</h3>
      ${this.invalid ? html`<p class="state error">${this.invalid}</p>` : this.body()}
    </section>`;
  }

  private body() {
    const result = this.query.value?.performanceEstimate;
    const line = result ? estimateSeries(result.series, this.bucketSize, this.zone) : null;
    const pending = pendingState(
      this.query,
      () => !line || line.filled === 0,
      'No predictions with a confidence, and no validated ones, in this range.',
    );
    if (pending !== null || !line) return pending;
    const head = ['Bucket', 'Estimated', '95% low', '95% high', 'Realized'];
    const rows = line.labels.map((label, i) => [
      label,
      formatPercent(line.estimated[i]),
      formatPercent(line.low[i]),
      formatPercent(line.high[i]),
      formatPercent(line.realized[i]),
    ]);
    return html`<clara-chart
        .config=${this.chartConfig(line)}
        label=${`Estimated and realized accuracy per ${this.bucketSize.toLowerCase()}`}
      ></clara-chart>
      ${this.note(result?.reference ?? null)}
      ${dataTable(`Estimated and realized accuracy per ${this.bucketSize.toLowerCase()}`, head, rows)}`;
  }

  private note(reference: Reference | null) {
    if (!reference)
      return html`<p class="note" data-reference>
        No calibration yet: it needs validated predictions with a confidence before this range.
      </p>`;
    const source = reference.stored ? 'fitted by the fit-calibration job' : 'fitted for this range';
    return html`<p class="note" data-reference>
      Calibrated on ${formatCount(reference.samples)} validated predictions from
      ${formatInstant(reference.from, this.zone)} to ${formatInstant(reference.to, this.zone)} (${source}); calibration
      error ${formatPercent(reference.calibrationErrorBefore)} → ${formatPercent(reference.calibrationErrorAfter)}.
    </p>`;
  }

  private chartConfig(line: EstimateSeries): ChartConfiguration<'line'> {
    const common = { pointRadius: 3.5, pointHoverRadius: 5, spanGaps: false, tension: 0, clip: false as const };
    return {
      type: 'line',
      data: {
        labels: line.labels,
        datasets: [
          { label: '95% band', data: line.low, borderWidth: 0, pointRadius: 0, fill: false, spanGaps: false },
          {
            label: '95% band (high)',
            data: line.high,
            borderWidth: 0,
            pointRadius: 0,
            fill: '-1',
            backgroundColor: BAND,
            spanGaps: false,
          },
          {
            ...common,
            label: 'Estimated',
            data: line.estimated,
            borderColor: ESTIMATE,
            backgroundColor: ESTIMATE,
            borderDash: [6, 4],
          },
          {
            ...common,
            label: 'Realized',
            data: line.realized,
            borderColor: REALIZED,
            backgroundColor: REALIZED,
            pointStyle: 'rectRot',
          },
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: true, labels: { filter: (item) => !item.text.startsWith('95% band') } },
          tooltip: {
            filter: (item) => item.datasetIndex >= 2,
            callbacks: {
              label: (item) => {
                const value = `${item.dataset.label}: ${formatPercent(item.parsed.y)}`;
                const lo = line.low[item.dataIndex];
                const hi = line.high[item.dataIndex];
                return item.datasetIndex === 2 && lo !== null && hi !== null
                  ? `${value} (95% band ${formatPercent(lo)} – ${formatPercent(hi)})`
                  : value;
              },
            },
          },
        },
        scales: {
          x: { offset: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
          y: { min: 0, max: 1, ticks: { callback: (v) => `${Math.round(Number(v) * 100)}%` } },
        },
      },
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-estimate': ClaraEstimate;
  }
}
