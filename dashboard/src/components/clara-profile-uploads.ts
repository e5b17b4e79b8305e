// <clara-profile-uploads>: whylogs profiles of the range by WhyLabs upload state (Jobs tab).
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ProfileUploadsDocument, type ProfileUploadsQuery } from '../gql/graphql.js';
import { formatCount } from '../lib/format.js';
import { UPLOAD_STATE_LABELS, UPLOAD_STATES, uploadSummary } from '../lib/upload-summary.js';
import { ClaraElement } from './clara-element.js';
import { pendingState, stateStyles } from './panel-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

@customElement('clara-profile-uploads')
export class ClaraProfileUploads extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    css`
      table {
        border-collapse: collapse;
        font-size: 13px;
      }
      th,
      td {
        text-align: left;
        padding: 4px 16px 4px 0;
      }
      td {
        text-align: right;
      }
      th {
        font-weight: normal;
      }
      .error {
        color: var(--_danger);
        font-size: 12px;
        margin: 8px 0 0;
      }
    `,
  ];

  private readonly query = new QueryController<ProfileUploadsQuery>(this, () => {
    const args = this.rangeArgs();
    if (!args) return null;
    return {
      key: args.key,
      run: () => this.client().request(ProfileUploadsDocument, { model: args.model, range: args.range }),
    };
  });

  protected override render() {
    const pending = this.invalid
      ? html`<p class="state error">${this.invalid}</p>`
      : pendingState(this.query, (v) => v.profiles.length === 0, 'No whylogs profiles in this range yet.');
    return html`<section class="card" aria-label="Profile uploads">
      <h3>whylogs profiles: WhyLabs upload</h3>
      ${pending ?? this.body()}
    </section>`;
  }

  private body() {
    const summary = uploadSummary(this.query.value?.profiles ?? []);
    return html`<table data-table="uploads">
        <tbody>
          ${UPLOAD_STATES.map(
            (s) =>
              html`<tr data-upload=${s}>
                <th scope="row">${UPLOAD_STATE_LABELS[s]}</th>
                <td>${formatCount(summary.counts[s])}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${summary.lastError ? html`<p class="error" data-upload-error>Latest reason: ${summary.lastError}</p>` : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-profile-uploads': ClaraProfileUploads;
  }
}
