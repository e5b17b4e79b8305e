// <clara-confusion-matrix>: counts of true class × predicted class as a heat-map table.
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ConfusionMatrixDocument, type ConfusionMatrixQuery } from '../gql/graphql.js';
import { heatMap } from '../lib/chart-data.js';
import { formatCount, formatPercent } from '../lib/format.js';
import { ClaraElement } from './clara-element.js';
import { pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

@customElement('clara-confusion-matrix')
export class ClaraConfusionMatrix extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    css`
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 6px 10px;
        border: 1px solid var(--_border);
        text-align: right;
      }
      th {
        font-weight: 600;
        background: var(--_bg);
      }
      td {
        /* The cell's share of its row (the true class), on the accent colour. */
        background: color-mix(in srgb, var(--_accent) calc(var(--share) * 85%), var(--_bg));
      }
      td.strong {
        color: var(--_bg);
      }
      td.diagonal {
        font-weight: 700;
      }
      .corner {
        font-weight: 400;
        color: var(--_muted);
        font-size: 12px;
        text-align: left;
      }
      .note {
        color: var(--_muted);
        font-size: 12px;
        margin: 8px 0 0;
      }
    `,
  ];

  private readonly query = new QueryController<ConfusionMatrixQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args) return null;
    return {
      key: args.key,
      run: () => this.client().request(ConfusionMatrixDocument, { model: args.model, range: args.range }),
    };
  });

  protected override render() {
    const matrix = this.query.value?.confusionMatrix;
    const pending = this.invalid
      ? html`<p class="state error">${this.invalid}</p>`
      : pendingState(this.query, (v) => v.confusionMatrix.labels.length === 0, 'No validated samples in this range.');
    return html`<section class="card" aria-label="Confusion matrix">
      <h3>Confusion matrix</h3>
      ${pending ?? (matrix ? this.table(matrix.labels, matrix.counts) : null)}
    </section>`;
  }

  private table(labels: string[], counts: number[][]) {
    const cells = heatMap(counts);
    return html`<div class="scroll">
        <table data-table>
          <caption class="sr-only">
            Confusion matrix: rows are true classes, columns predicted classes
          </caption>
          <thead>
            <tr>
              <th scope="col" class="corner">true ↓ predicted →</th>
              ${labels.map((l) => html`<th scope="col">${l}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${labels.map(
              (label, i) =>
                html`<tr>
                  <th scope="row">${label}</th>
                  ${cells[i].map(
                    (c) =>
                      html`<td
                        class=${`${c.diagonal ? 'diagonal' : ''} ${c.rowShare > 0.55 ? 'strong' : ''}`}
                        style=${`--share:${c.rowShare}`}
                        title=${`${formatPercent(c.rowShare)} of true ${label}`}
                      >
                        ${formatCount(c.count)}
                      </td>`,
                  )}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="note">Shading: share of each true class (row) predicted as each class.</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-confusion-matrix': ClaraConfusionMatrix;
  }
}
