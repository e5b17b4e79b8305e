// <clara-overview>: the headline figures of the range, each against the previous period of equal length.
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { OverviewDocument, type OverviewQuery } from '../gql/graphql.js';
import { formatChange, periodChange, type ChangeKind } from '../lib/change.js';
import { formatCount, formatPercent, formatRange } from '../lib/format.js';
import { previousRange, rangeVariables } from '../lib/ranges.js';
import { ClaraElement } from './clara-element.js';
import { pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

type Values = OverviewQuery['current']['overall'];

interface Stat {
  id: string;
  label: string;
  kind: ChangeKind;
  pick: (v: Values) => number | null;
  detail?: (v: Values) => string | null;
}

const coverage = (v: Values) => (v.predictions === 0 ? null : v.validated / v.predictions);

const STATS: Stat[] = [
  { id: 'predictions', label: 'Predictions', kind: 'count', pick: (v) => v.predictions },
  { id: 'validated', label: 'Validated samples', kind: 'count', pick: (v) => v.validated },
  { id: 'coverage', label: 'Label coverage', kind: 'rate', pick: coverage, detail: () => 'validated / predictions' },
  {
    id: 'accuracy',
    label: 'Accuracy',
    kind: 'rate',
    pick: (v) => v.accuracy,
    detail: (v) =>
      v.accuracyLow === null || v.accuracyHigh === null
        ? null
        : `95% CI ${formatPercent(v.accuracyLow)} – ${formatPercent(v.accuracyHigh)}`,
  },
  { id: 'precision', label: 'Precision (macro)', kind: 'rate', pick: (v) => v.precision },
  { id: 'recall', label: 'Recall (macro)', kind: 'rate', pick: (v) => v.recall },
  { id: 'f1', label: 'F1 (macro)', kind: 'rate', pick: (v) => v.f1 },
];

@customElement('clara-overview')
export class ClaraOverview extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: 12px;
        margin: 0;
      }
      .stat {
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      dt {
        color: var(--_muted);
        font-size: 13px;
      }
      dd {
        margin: 0;
      }
      .value {
        font-size: 26px;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .detail,
      .change {
        font-size: 12px;
        color: var(--_muted);
      }
      .change[data-tone='good'] {
        color: var(--_good);
      }
      .change[data-tone='bad'] {
        color: var(--_bad);
      }
      .note {
        margin: 12px 0 0;
        font-size: 12px;
        color: var(--_muted);
      }
    `,
  ];

  private readonly query = new QueryController<OverviewQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args || !this.window) return null;
    const previous = rangeVariables(previousRange(this.window));
    const vars = { model: args.model, range: args.range, previous, timeZone: this.zone };
    return { key: args.key, run: () => this.client().request(OverviewDocument, vars) };
  });

  protected override render() {
    const pending = this.invalid
      ? html`<p class="state error">${this.invalid}</p>`
      : pendingState(this.query, (v) => v.current.overall.predictions === 0, 'No predictions in this range.');
    const value = this.query.value;
    const before = this.window ? previousRange(this.window) : null;
    return html`<section aria-label="Overview">
      ${pending ?? (value ? this.stats(value.current.overall, value.previous.overall) : null)}
      ${before && !pending ? html`<p class="note">Changes compare with the previous period of equal length: ${formatRange(before.from, before.to, this.zone)}.</p>` : null}
    </section>`;
  }

  private stats(current: Values, previous: Values) {
    return html`<dl>
      ${STATS.map((s) => {
        const now = s.pick(current);
        const change = periodChange(now, s.pick(previous), s.kind);
        // Higher rates are better; for counts more is neither good nor bad.
        const tone =
          s.kind === 'count' || !change || change.direction === 'flat'
            ? 'neutral'
            : change.direction === 'up'
              ? 'good'
              : 'bad';
        const arrow = !change || change.direction === 'flat' ? '' : change.direction === 'up' ? '▲ ' : '▼ ';
        return html`<div class="stat card" data-stat=${s.id}>
          <dt>${s.label}</dt>
          <dd class="value">${now === null ? '—' : s.kind === 'count' ? formatCount(now) : formatPercent(now)}</dd>
          ${s.detail?.(current) ? html`<dd class="detail">${s.detail(current)}</dd>` : null}
          <dd class="change" data-tone=${tone}>
            ${arrow}${formatChange(change, s.kind)} <span class="sr-only">against the previous period</span>
          </dd>
        </div>`;
      })}
    </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-overview': ClaraOverview;
  }
}
