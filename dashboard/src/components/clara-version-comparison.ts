// <clara-version-comparison>: two versions of the model over one range, side by side: accuracy and
// the macro averages overall (with the change from A to B), and one of them per bucket for both
// versions on one chart.
import type { ChartConfiguration } from 'chart.js';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  ModelVersionsDocument,
  VersionComparisonDocument,
  type ModelVersionsQuery,
  type VersionComparisonQuery,
} from '../gql/graphql.js';
import { METRIC_LABELS, RATE_METRICS, type RateMetric } from '../lib/chart-data.js';
import { OKABE_ITO } from '../lib/colors.js';
import { formatCount, formatPercent } from '../lib/format.js';
import {
  comparisonRows,
  formatChange,
  pickPair,
  versionLines,
  versionsOf,
  type VersionEntry,
  type VersionLines,
} from '../lib/version-data.js';
import './clara-chart.js';
import { ClaraElement } from './clara-element.js';
import { dataTable } from './data-table.js';
import { emptyState, loadingState, pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

/** Blue and vermillion: apart for every colour-vision deficiency; B is also dashed. */
const COLOR_A = OKABE_ITO[4];
const COLOR_B = OKABE_ITO[5];

@customElement('clara-version-comparison')
export class ClaraVersionComparison extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    css`
      .pickers {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: end;
        margin-bottom: 12px;
      }
      label {
        display: grid;
        gap: 2px;
        font-size: 12px;
        color: var(--_muted);
      }
      .summary {
        border-collapse: collapse;
        font-size: 13px;
        margin-bottom: 12px;
      }
      .summary th,
      .summary td {
        padding: 2px 16px 2px 0;
        text-align: right;
      }
      .summary th[scope='row'],
      .summary thead th:first-child {
        text-align: left;
        font-weight: normal;
      }
    `,
  ];

  /** The first version compared; default: the one before the newest. */
  @property({ attribute: 'version-a' }) versionA: string | null = null;
  /** The second version compared; default: the newest (the one predicting most recently). */
  @property({ attribute: 'version-b' }) versionB: string | null = null;
  /** The metric drawn per bucket: accuracy, precision, recall or f1 (macro averages). */
  @property() metric = 'accuracy';

  private readonly versions = new QueryController<ModelVersionsQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args) return null;
    return {
      key: args.key,
      run: () => this.client().request(ModelVersionsDocument, { model: args.model, range: args.range }),
    };
  });

  private readonly comparison = new QueryController<VersionComparisonQuery>(this, () => {
    const args = this.rangeArgs();
    const pair = this.pair();
    if (!args || !pair) return null;
    const vars = { model: args.model, range: args.range, granularity: this.bucketSize, timeZone: this.zone, ...pair };
    return {
      key: [args.key, vars.granularity, vars.timeZone, pair.a, pair.b].join('|'),
      run: () => this.client().request(VersionComparisonDocument, vars),
    };
  });

  private list(): VersionEntry[] {
    return this.versions.value ? versionsOf(this.versions.value) : [];
  }

  private pair(): { a: string; b: string } | null {
    return pickPair(this.list(), this.versionA, this.versionB);
  }

  private get drawn(): RateMetric {
    return RATE_METRICS.find((m) => m === this.metric) ?? 'accuracy';
  }

  protected override render() {
    return html`<section class="card" aria-label="Versions compared">
      <h3>Versions compared</h3>
      ${this.invalid ? html`<p class="state error">${this.invalid}</p>` : this.body()}
    </section>`;
  }

  private body() {
    const listing = pendingState(
      this.versions,
      (v) => versionsOf(v).length < 2,
      'This model has fewer than two versions: predictions name theirs in `version`.',
    );
    if (listing !== null) return listing;
    const pair = this.pair();
    if (!pair) return emptyState('This model has fewer than two versions.');
    const answer = this.comparison.value;
    const shown = answer && answer.a.version === pair.a && answer.b.version === pair.b ? answer : null;
    // A new pair keeps the previous answer until its own arrives: show loading rather than the old pair's numbers.
    const pending = pendingState(this.comparison, () => false, '');
    return html`${this.pickers(pair)} ${pending ?? (shown ? this.results(shown) : loadingState())}`;
  }

  private pickers(pair: { a: string; b: string }) {
    const options = (selected: string) =>
      this.list().map(
        (v) =>
          html`<option value=${v.name} ?selected=${v.name === selected}>
            ${v.name} (${formatCount(v.predictions)})
          </option>`,
      );
    return html`<div class="pickers">
      <label
        >Version A<select
          data-version="a"
          @change=${(e: Event) => (this.versionA = (e.target as HTMLSelectElement).value)}
        >
          ${options(pair.a)}
        </select></label
      >
      <label
        >Version B<select
          data-version="b"
          @change=${(e: Event) => (this.versionB = (e.target as HTMLSelectElement).value)}
        >
          ${options(pair.b)}
        </select></label
      >
      <label
        >Chart
        <select data-metric @change=${(e: Event) => (this.metric = (e.target as HTMLSelectElement).value)}>
          ${RATE_METRICS.map((m) => html`<option value=${m} ?selected=${m === this.drawn}>${METRIC_LABELS[m]}</option>`)}
        </select></label
      >
    </div>`;
  }

  private results(answer: VersionComparisonQuery) {
    const { a, b } = answer;
    const names = [a.version ?? '', b.version ?? ''];
    const line = versionLines(a, b, this.drawn, this.bucketSize, a.timeZone);
    const title = `${METRIC_LABELS[this.drawn]} per ${this.bucketSize.toLowerCase()}`;
    return html`<table class="summary" data-summary>
        <caption class="sr-only">
          Versions ${names[0]} and ${names[1]} over the range
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">${names[0]}</th>
            <th scope="col">${names[1]}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr data-row="validated">
            <th scope="row">Validated / predictions</th>
            ${[a, b].map((r) => html`<td>${formatCount(r.overall.validated)} / ${formatCount(r.overall.predictions)}</td>`)}
            <td></td>
          </tr>
          ${comparisonRows(a, b).map(
            (r) =>
              html`<tr data-row=${r.metric}>
                <th scope="row">${r.label}</th>
                <td>${formatPercent(r.a)}</td>
                <td>${formatPercent(r.b)}</td>
                <td>${formatChange(r.change)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        line.filled === 0
          ? emptyState('No validated samples of either version in this range.')
          : html`<clara-chart
                .config=${this.chartConfig(line, names)}
                label=${`${title}: ${names[0]} and ${names[1]}`}
              ></clara-chart>
              ${dataTable(
                `${title} (${a.timeZone})`,
                ['Bucket', ...names],
                line.labels.map((label, i) => [label, formatPercent(line.a[i]), formatPercent(line.b[i])]),
              )}`
      }`;
  }

  private chartConfig(line: VersionLines, names: string[]): ChartConfiguration<'line'> {
    const common = { pointRadius: 3.5, pointHoverRadius: 5, spanGaps: false, tension: 0, clip: false as const };
    return {
      type: 'line',
      data: {
        labels: line.labels,
        datasets: [
          { ...common, label: names[0], data: line.a, borderColor: COLOR_A, backgroundColor: COLOR_A },
          {
            ...common,
            label: names[1],
            data: line.b,
            borderColor: COLOR_B,
            backgroundColor: COLOR_B,
            borderDash: [6, 4],
            pointStyle: 'rectRot',
          },
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: true },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.y)}` } },
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
    'clara-version-comparison': ClaraVersionComparison;
  }
}
