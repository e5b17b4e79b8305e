// <clara-class-distribution>: validated samples by true class, or all predictions by predicted class.
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SampleDistributionDocument, type ClassField, type SampleDistributionQuery } from '../gql/graphql.js';
import { slices } from '../lib/chart-data.js';
import { ClaraElement } from './clara-element.js';
import { doughnut, doughnutStyles } from './doughnut.js';
import { pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

const TITLES: Record<ClassField, string> = {
  ACTUAL: 'Validated samples by true class',
  PREDICTED: 'All predictions by predicted class',
};

@customElement('clara-class-distribution')
export class ClaraClassDistribution extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    doughnutStyles,
    css`
      .head {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 8px;
        flex-wrap: wrap;
      }
      label {
        display: inline-flex;
        gap: 6px;
        align-items: center;
        color: var(--_muted);
      }
      input {
        min-height: auto;
      }
    `,
  ];

  /** ACTUAL (validated samples by true class, default) or PREDICTED (all predictions by predicted class). */
  @property() by: ClassField = 'ACTUAL';
  /** Hides the switch between the two views. */
  @property({ type: Boolean, attribute: 'no-toggle' }) noToggle = false;

  private readonly query = new QueryController<SampleDistributionQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args) return null;
    const by: ClassField = this.by === 'PREDICTED' ? 'PREDICTED' : 'ACTUAL';
    return {
      key: `${args.key}|${by}`,
      run: () => this.client().request(SampleDistributionDocument, { model: args.model, range: args.range, by }),
    };
  });

  protected override render() {
    const by: ClassField = this.by === 'PREDICTED' ? 'PREDICTED' : 'ACTUAL';
    const counts = this.query.value?.sampleDistribution ?? [];
    const pending = this.invalid
      ? html`<p class="state error">${this.invalid}</p>`
      : pendingState(
          this.query,
          (v) => v.sampleDistribution.every((c) => c.count === 0),
          by === 'ACTUAL' ? 'No validated samples in this range.' : 'No predictions in this range.',
        );
    return html`<section class="card" aria-label=${TITLES[by]}>
      <div class="head">
        <h3>${TITLES[by]}</h3>
        ${
          this.noToggle
            ? null
            : html`<label
                ><input type="checkbox" .checked=${by === 'PREDICTED'} @change=${this.toggle} />All predictions (by
                predicted class)</label
              >`
        }
      </div>
      ${pending ?? doughnut(TITLES[by], slices(counts))}
    </section>`;
  }

  private toggle(event: Event): void {
    this.by = (event.target as HTMLInputElement).checked ? 'PREDICTED' : 'ACTUAL';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-class-distribution': ClaraClassDistribution;
  }
}
