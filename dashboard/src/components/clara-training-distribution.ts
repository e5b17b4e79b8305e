// <clara-training-distribution>: the training set's classes beside production's, coloured alike.
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { TrainingComparisonDocument, type TrainingComparisonQuery } from '../gql/graphql.js';
import { slices } from '../lib/chart-data.js';
import { ClaraElement } from './clara-element.js';
import { doughnut, doughnutStyles } from './doughnut.js';
import { emptyState, pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

@customElement('clara-training-distribution')
export class ClaraTrainingDistribution extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    doughnutStyles,
    css`
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
        gap: 16px;
      }
      h4 {
        margin: 0 0 4px;
        font-size: 14px;
        font-weight: 600;
      }
    `,
  ];

  private readonly query = new QueryController<TrainingComparisonQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args) return null;
    return {
      key: args.key,
      run: () => this.client().request(TrainingComparisonDocument, { model: args.model, range: args.range }),
    };
  });

  protected override render() {
    const value = this.query.value;
    const pending = this.invalid
      ? html`<p class="state error">${this.invalid}</p>`
      : pendingState(
          this.query,
          (v) => v.trainingDistribution.length === 0 && v.production.every((c) => c.count === 0),
          'No training distribution and no predictions in this range.',
        );
    return html`<section class="card" aria-label="Training data and production">
      <h3>Training data and production</h3>
      ${pending ?? (value ? this.pair(value) : null)}
    </section>`;
  }

  private pair(value: TrainingComparisonQuery) {
    // One palette over both sides: a class has the same colour left and right.
    const labels = [...value.trainingDistribution, ...value.production].map((c) => c.label);
    const production = value.production.filter((c) => c.count > 0);
    return html`<div class="pair">
      <div data-side="training">
        <h4>Training set (true class)</h4>
        ${value.trainingDistribution.length ? doughnut('Training set by true class', slices(value.trainingDistribution, labels)) : emptyState('No training distribution for this model.')}
      </div>
      <div data-side="production">
        <h4>Production (predicted class)</h4>
        ${production.length ? doughnut('Production predictions by predicted class', slices(production, labels)) : emptyState('No predictions in this range.')}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-training-distribution': ClaraTrainingDistribution;
  }
}
