// <clara-metric-chart metric="f1">: one metric over time; accuracy carries its 95% interval as a band.
import type { ChartConfiguration } from 'chart.js';
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { MetricSeriesDocument, type MetricSeriesQuery } from '../gql/graphql.js';
import { isMetric, isRate, lineSeries, METRIC_LABELS, type LineSeries, type Metric } from '../lib/chart-data.js';
import { intervalWhiskers } from '../charts/interval-whiskers.js';
import { themeColor } from '../charts/css-color.js';
import { OKABE_ITO } from '../lib/colors.js';
import { formatCount, formatPercent } from '../lib/format.js';
import './clara-chart.js';
import { ClaraElement } from './clara-element.js';
import { dataTable } from './data-table.js';
import { pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

// The theme's accent (readable on light and dark backgrounds), Okabe–Ito blue by default.
const LINE = themeColor('--_accent', OKABE_ITO[4]);
const BAND = themeColor('--_accent', OKABE_ITO[4], 0.18);
const WHISKER = themeColor('--_accent', OKABE_ITO[4], 0.7);

@customElement('clara-metric-chart')
export class ClaraMetricChart extends ClaraElement {
  static override styles = [theme, stateStyles];

  /** accuracy, precision, recall, f1 (macro averages), predictions or validated. */
  @property() metric = 'accuracy';

  private readonly query = new QueryController<MetricSeriesQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args || !isMetric(this.metric)) return null;
    const vars = { model: args.model, range: args.range, granularity: this.bucketSize, timeZone: this.zone };
    return {
      key: `${args.key}|${vars.granularity}|${vars.timeZone}`,
      run: () => this.client().request(MetricSeriesDocument, vars),
    };
  });

  protected override render() {
    const metric = this.metric;
    const title = isMetric(metric) ? METRIC_LABELS[metric] : metric;
    return html`<section class="card" aria-label=${title}>
      <h3>${title}</h3>
      ${this.invalid || !isMetric(metric) ? html`<p class="state error">${this.invalid ?? `metric="${metric}" is not one of ${Object.keys(METRIC_LABELS).join(', ')}.`}</p>` : this.body(metric)}
    </section>`;
  }

  private body(metric: Metric) {
    const report = this.query.value?.metrics;
    const line = report ? lineSeries(report.series, metric, this.bucketSize, report.timeZone) : null;
    const pending = pendingState(
      this.query,
      () => !line || line.filled === 0,
      isRate(metric) ? 'No validated samples in this range.' : 'No predictions in this range.',
    );
    if (pending !== null || !line) return pending;
    const format = (v: number | null) => (v === null ? '—' : isRate(metric) ? formatPercent(v) : formatCount(v));
    const head = ['Bucket', METRIC_LABELS[metric], ...(line.band ? ['95% low', '95% high'] : [])];
    const rows = line.labels.map((label, i) => [
      label,
      format(line.values[i]),
      ...(line.band ? [format(line.band.low[i]), format(line.band.high[i])] : []),
    ]);
    return html`<clara-chart
        .config=${this.chartConfig(metric, line)}
        label=${`${METRIC_LABELS[metric]} per ${this.bucketSize.toLowerCase()}`}
      ></clara-chart>
      ${dataTable(`${METRIC_LABELS[metric]} per ${this.bucketSize.toLowerCase()} (${report?.timeZone})`, head, rows)}`;
  }

  private chartConfig(metric: Metric, line: LineSeries): ChartConfiguration<'line'> {
    const rate = isRate(metric);
    const main = {
      label: METRIC_LABELS[metric],
      data: line.values,
      borderColor: LINE,
      backgroundColor: LINE,
      pointRadius: 3.5,
      pointHoverRadius: 5,
      spanGaps: false,
      tension: 0,
      borderJoinStyle: 'round' as const,
      clip: false as const,
    };
    const band = line.band
      ? [
          { label: '95% interval', data: line.band.low, borderWidth: 0, pointRadius: 0, fill: false, spanGaps: false },
          {
            label: '95% interval (high)',
            data: line.band.high,
            borderWidth: 0,
            pointRadius: 0,
            fill: '-1',
            backgroundColor: BAND,
            spanGaps: false,
          },
        ]
      : [];
    return {
      type: 'line',
      data: { labels: line.labels, datasets: [...band, main] },
      plugins: line.band ? [intervalWhiskers({ low: 0, high: 1, value: 2 }, WHISKER)] : [],
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: (item) => item.datasetIndex === band.length,
            callbacks: {
              label: (item) => {
                const value = `${item.dataset.label}: ${rate ? formatPercent(item.parsed.y) : formatCount(item.parsed.y ?? 0)}`;
                const lo = line.band?.low[item.dataIndex];
                const hi = line.band?.high[item.dataIndex];
                return lo != null && hi != null
                  ? `${value} (95% CI ${formatPercent(lo)} – ${formatPercent(hi)})`
                  : value;
              },
            },
          },
        },
        scales: {
          x: { offset: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
          y: rate
            ? { min: 0, max: 1, ticks: { callback: (v) => `${Math.round(Number(v) * 100)}%` } }
            : { beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-metric-chart': ClaraMetricChart;
  }
}
