// <clara-class-metrics>: precision, recall and F1 per class as sorted bars, with each class's support
// and the 95% Wilson intervals of precision and recall; below, the macro, weighted and micro averages.
import type { ChartConfiguration } from 'chart.js';
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ClassMetricsDocument, type ClassMetricsQuery } from '../gql/graphql.js';
import { sortedByMetric, type ClassRow } from '../lib/chart-data.js';
import { classColors, NEUTRAL } from '../lib/colors.js';
import { formatCount, formatPercent } from '../lib/format.js';
import './clara-chart.js';
import { ClaraElement } from './clara-element.js';
import { dataTable } from './data-table.js';
import { pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

const METRICS = [
  { key: 'precision', title: 'Precision' },
  { key: 'recall', title: 'Recall' },
  { key: 'f1', title: 'F1' },
] as const;

/** The 95% Wilson interval of a class's precision or recall (F1 has none). */
function intervalOf(metric: (typeof METRICS)[number]['key']): ((r: ClassRow) => [number | null, number | null]) | null {
  if (metric === 'precision') return (r) => [r.precisionLow, r.precisionHigh];
  if (metric === 'recall') return (r) => [r.recallLow, r.recallHigh];
  return null;
}

@customElement('clara-class-metrics')
export class ClaraClassMetrics extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
        gap: 16px;
      }
      h4 {
        margin: 0 0 4px;
        font-size: 14px;
        font-weight: 600;
      }
      .note {
        color: var(--_muted);
        font-size: 12px;
        margin: 8px 0 0;
      }
      .averages {
        margin-top: 12px;
        border-collapse: collapse;
        font-size: 13px;
      }
      .averages caption {
        text-align: left;
        font-weight: 600;
        padding-bottom: 4px;
      }
      .averages th,
      .averages td {
        padding: 2px 12px 2px 0;
        text-align: right;
      }
      .averages th[scope='row'],
      .averages thead th:first-child {
        text-align: left;
        font-weight: normal;
      }
    `,
  ];

  private readonly query = new QueryController<ClassMetricsQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args) return null;
    return {
      key: args.key,
      run: () => this.client().request(ClassMetricsDocument, { model: args.model, range: args.range }),
    };
  });

  protected override render() {
    const rows = this.query.value?.metricsByClass ?? [];
    const pending = this.invalid
      ? html`<p class="state error">${this.invalid}</p>`
      : pendingState(this.query, (v) => v.metricsByClass.length === 0, 'No validated samples in this range.');
    return html`<section class="card" aria-label="Metrics by class">
      <h3>Metrics by class</h3>
      ${
        pending ??
        html`<div class="grid">${METRICS.map((m) => this.bars(m.key, m.title, rows))}</div>
          <p class="note">n = support: validated samples whose true class is the label.</p>
          ${this.averages()}`
      }
    </section>`;
  }

  private bars(metric: (typeof METRICS)[number]['key'], title: string, rows: ClassRow[]) {
    const sorted = sortedByMetric(rows, metric);
    const colors = classColors(rows.map((r) => r.label));
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: sorted.map((r) => `${r.label} (n=${formatCount(r.support)})`),
        datasets: [
          {
            label: title,
            data: sorted.map((r) => r[metric]),
            backgroundColor: sorted.map((r) => colors.get(r.label) ?? NEUTRAL),
            borderRadius: 3,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const bounds = interval?.(sorted[item.dataIndex]);
                return `${title}: ${formatPercent(item.parsed.x)}${bounds ? ` (95% CI ${formatPercent(bounds[0])} – ${formatPercent(bounds[1])})` : ''}`;
              },
            },
          },
        },
        scales: {
          x: { min: 0, max: 1, ticks: { callback: (v) => `${Math.round(Number(v) * 100)}%` } },
          y: { ticks: { autoSkip: false } },
        },
      },
    };
    const height = `${Math.max(140, 30 * sorted.length + 48)}px`;
    const interval = intervalOf(metric);
    return html`<div data-metric=${metric}>
      <h4>${title}</h4>
      <clara-chart
        style=${`--clara-chart-height:${height}`}
        .config=${config}
        label=${`${title} per class, best first`}
      ></clara-chart>
      ${dataTable(
        `${title} per class, best first`,
        ['Class', title, ...(interval ? ['95% low', '95% high'] : []), 'Support'],
        sorted.map((r) => [
          r.label,
          formatPercent(r[metric]),
          ...(interval ? interval(r).map((v) => formatPercent(v)) : []),
          formatCount(r.support),
        ]),
      )}
    </div>`;
  }

  /** Macro (every class alike), weighted (by support) and micro (every sample alike: accuracy, for one label per sample). */
  private averages() {
    const overall = this.query.value?.metrics.overall;
    if (!overall) return null;
    const rows = [
      ['Macro', overall.precision, overall.recall, overall.f1],
      ['Weighted by support', overall.weightedPrecision, overall.weightedRecall, overall.weightedF1],
      ['Micro (= accuracy)', overall.microPrecision, overall.microRecall, overall.microF1],
    ] as const;
    return html`<table class="averages" data-averages>
      <caption>
        Averages over the classes
      </caption>
      <thead>
        <tr>
          <th scope="col">Average</th>
          ${METRICS.map((m) => html`<th scope="col">${m.title}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([name, ...values]) =>
            html`<tr>
              <th scope="row">${name}</th>
              ${values.map((v) => html`<td>${formatPercent(v)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-class-metrics': ClaraClassMetrics;
  }
}
