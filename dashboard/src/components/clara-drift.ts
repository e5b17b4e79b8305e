// <clara-drift>: PSI and Jensen–Shannon distance of the predicted classes over time against their
// thresholds, and the accuracy change against the previous windows with its significance.
import { css, html, type TemplateResult, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { DriftDocument, DriftReferenceSettingDocument, type DriftQuery, type DriftReference } from '../gql/graphql.js';
import {
  driftRows,
  formatP,
  formatPoints,
  formatStatistic,
  isDriftReference,
  isEmptyDrift,
  REFERENCE_LABELS,
  yesNo,
  type DriftRow,
} from '../lib/drift-data.js';
import { formatCount, formatPercent } from '../lib/format.js';
import './clara-chart.js';
import { ClaraElement } from './clara-element.js';
import { dataTable } from './data-table.js';
import { accuracyChart, accuracyLegend, driftLegendStyles, statisticChart, statisticLegend } from './drift-charts.js';
import { pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

type Pending = TemplateResult | typeof nothing | null;

export interface ReferenceChange {
  reference: DriftReference;
}

@customElement('clara-drift')
export class ClaraDrift extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    driftLegendStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        align-items: center;
        margin-bottom: 12px;
      }
      .bar label {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .note {
        color: var(--_muted);
        font-size: 12px;
        margin: 0;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr));
        gap: 16px;
      }
    `,
  ];

  /** TRAINING or BASELINE: what class distributions are compared with; default: the check-drift job's reference. */
  @property() reference = '';
  /** Hides the reference selector. */
  @property({ type: Boolean, attribute: 'no-reference-picker' }) noReferencePicker = false;

  /** The job's reference, asked once per endpoint. */
  private jobReference: { endpoint: string; answer: Promise<DriftReference> } | null = null;

  private readonly query = new QueryController<DriftQuery & { reference: DriftReference }>(this, () => {
    const args = this.rangeArgs();
    if (!args || this.referenceError) return null;
    const chosen = isDriftReference(this.reference) ? this.reference : null;
    const vars = { model: args.model, range: args.range, granularity: this.bucketSize, timeZone: this.zone };
    return {
      key: `${args.key}|${vars.granularity}|${vars.timeZone}|${chosen}`,
      run: async () => {
        const reference = chosen ?? (await this.defaultReference());
        return { ...(await this.client().request(DriftDocument, { ...vars, reference })), reference };
      },
    };
  });

  private get referenceError(): string | null {
    return this.reference && !isDriftReference(this.reference)
      ? `reference="${this.reference}" is not TRAINING or BASELINE.`
      : null;
  }

  private defaultReference(): Promise<DriftReference> {
    const endpoint = this.endpoint;
    if (this.jobReference?.endpoint !== endpoint) {
      const answer = this.client()
        .request(DriftReferenceSettingDocument, {})
        .then((v) => v.driftSettings.reference);
      // A failure is not remembered: the next attempt asks again.
      answer.catch(() => (this.jobReference = null));
      this.jobReference = { endpoint, answer };
    }
    return this.jobReference.answer;
  }

  protected override render() {
    const value = this.query.value;
    const reference = isDriftReference(this.reference) ? this.reference : (value?.reference ?? null);
    const rows = value ? driftRows(value.drift, value.driftSettings, this.bucketSize, this.zone) : null;
    const problem = this.invalid ?? this.referenceError;
    const pending = problem
      ? html`<p class="state error">${problem}</p>`
      : pendingState(this.query, () => rows === null || isEmptyDrift(rows), 'No predictions in this range.');
    return html`${this.noReferencePicker ? null : this.picker(reference)}
      <div class="grid">
        ${this.statisticCard('psi', 'PSI', 'Population stability index of predicted classes', pending, rows, value)}
        ${this.statisticCard('js', 'JS distance', 'Jensen–Shannon distance of predicted classes', pending, rows, value)}
        ${this.accuracyCard(pending, rows, value)}
      </div>`;
  }

  private picker(reference: DriftReference | null) {
    const baseline = this.query.value?.driftSettings.baselineWindows;
    return html`<div class="bar">
      <label
        >Compare classes with
        <select id="reference" @change=${this.pick}>
          ${(['TRAINING', 'BASELINE'] as const).map((r) => html`<option value=${r} ?selected=${reference === r}>${REFERENCE_LABELS[r]}</option>`)}
        </select>
      </label>
      <p class="note">Accuracy is always compared with the ${baseline ? `${baseline} ` : ''}previous windows.</p>
    </div>`;
  }

  private pick(event: Event): void {
    const reference = (event.target as HTMLSelectElement).value as DriftReference;
    this.reference = reference;
    this.dispatchEvent(
      new CustomEvent<ReferenceChange>('clara-reference-change', {
        detail: { reference },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private caption(what: string, value: { reference: DriftReference } | null): string {
    const against = value ? ` against the ${REFERENCE_LABELS[value.reference].toLowerCase()}` : '';
    return `${what}${against} per ${this.bucketSize.toLowerCase()} (${this.zone})`;
  }

  private statisticCard(
    key: 'psi' | 'js',
    name: string,
    title: string,
    pending: Pending,
    rows: DriftRow[] | null,
    value: (DriftQuery & { reference: DriftReference }) | null,
  ) {
    const threshold = value ? (key === 'psi' ? value.driftSettings.psiThreshold : value.driftSettings.jsThreshold) : 0;
    const fired = (r: DriftRow) => (key === 'psi' ? r.psiFired : r.jsFired);
    const caption = this.caption(title, value);
    return html`<section class="card" aria-label=${title} data-chart=${key}>
      <h3>${title}</h3>
      ${
        pending ??
        (rows
          ? html`<clara-chart .config=${statisticChart(rows, key, name, threshold)} label=${caption}></clara-chart>
              ${statisticLegend(threshold)}
              ${dataTable(
                caption,
                ['Bucket', name, 'Threshold', 'Rule fired', 'Predictions'],
                rows.map((r) => [
                  r.label,
                  formatStatistic(r[key]),
                  String(threshold),
                  yesNo(fired(r)),
                  formatCount(r.predictions),
                ]),
              )}`
          : null)
      }
    </section>`;
  }

  private accuracyCard(pending: Pending, rows: DriftRow[] | null, value: DriftQuery | null) {
    const title = 'Accuracy change against the previous windows';
    const settings = value?.driftSettings;
    const caption = `${title} per ${this.bucketSize.toLowerCase()} (${this.zone})`;
    return html`<section class="card" aria-label=${title} data-chart="accuracy">
      <h3>${title}</h3>
      ${
        pending ??
        (rows && settings
          ? html`<clara-chart
                .config=${accuracyChart(rows, settings.accuracyDropThreshold)}
                label=${caption}
              ></clara-chart>
              ${accuracyLegend(settings.accuracyDropThreshold, settings.pValue)}
              ${dataTable(
                caption,
                [
                  'Bucket',
                  'Accuracy change',
                  'Accuracy',
                  'Baseline accuracy',
                  'p-value',
                  `Significant (p < ${settings.pValue})`,
                  'Rule fired',
                  'Validated',
                ],
                rows.map((r) => [
                  r.label,
                  formatPoints(r.delta),
                  formatPercent(r.accuracy),
                  formatPercent(r.baselineAccuracy),
                  formatP(r.p),
                  yesNo(r.significant),
                  yesNo(r.accuracyFired),
                  formatCount(r.validated),
                ]),
              )}`
          : null)
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-drift': ClaraDrift;
  }
}
