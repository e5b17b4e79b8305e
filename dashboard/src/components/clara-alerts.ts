// <clara-alerts>: drift alerts, open first, each with its evidence in words (and as JSON on demand);
// "Acknowledge" when an API token is given.
import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  AcknowledgeAlertDocument,
  AlertsDocument,
  type AlertFieldsFragment,
  type AlertStatus,
  type AlertsQuery,
} from '../gql/graphql.js';
import { evidenceJson, evidenceLines, ruleTitle } from '../lib/alert-evidence.js';
import { formatInstant } from '../lib/format.js';
import { storedToken, tokenField, tokenStyles } from './api-token.js';
import { badgeStyles } from './badge.js';
import { ClaraElement } from './clara-element.js';
import { pendingState, stateStyles } from './panel-state.js';
import { announceError, QueryController } from './query-controller.js';
import { theme } from './theme.js';

const STATUSES: readonly AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];

export interface AlertAcknowledged {
  id: string;
}

@customElement('clara-alerts')
export class ClaraAlerts extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    badgeStyles,
    tokenStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        align-items: baseline;
        justify-content: space-between;
      }
      .muted {
        color: var(--_muted);
      }
      ul.alerts {
        list-style: none;
        margin: 8px 0 0;
        padding: 0;
        display: grid;
        gap: 12px;
      }
      li.alert {
        border: 1px solid var(--_border);
        border-left: 4px solid var(--_muted);
        border-radius: var(--_radius);
        background: var(--_bg);
        padding: 10px 12px;
        min-width: 0;
      }
      li.alert[data-status='OPEN'] {
        border-left-color: var(--_danger);
      }
      li.alert[data-status='ACKNOWLEDGED'] {
        border-left-color: var(--_accent);
      }
      .title {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 8px;
        align-items: center;
      }
      h4 {
        margin: 0;
        font-size: 14px;
        font-weight: 600;
      }
      .badge[data-status='OPEN'],
      .badge[data-severity='critical'] {
        color: var(--_danger);
      }
      .badge[data-status='ACKNOWLEDGED'] {
        color: var(--_accent);
      }
      .badge[data-status='RESOLVED'] {
        color: var(--_muted);
      }
      .badge[data-severity='warning'] {
        color: var(--_bad);
      }
      .message {
        margin: 6px 0;
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
        gap: 6px 16px;
        margin: 8px 0;
        font-size: 13px;
      }
      dl > div {
        min-width: 0;
      }
      dt {
        color: var(--_muted);
        font-size: 12px;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      details {
        font-size: 13px;
      }
      summary {
        cursor: pointer;
        color: var(--_muted);
      }
      pre {
        margin: 6px 0 0;
        padding: 8px;
        overflow-x: auto;
        background: var(--_surface);
        border-radius: 6px;
        font-size: 12px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        justify-content: space-between;
        margin-top: 6px;
      }
      .error {
        color: var(--_danger);
      }
      @media (min-width: 700px) {
        dl {
          grid-template-columns: repeat(auto-fill, minmax(190px, 1fr));
        }
      }
    `,
  ];

  /** OPEN, ACKNOWLEDGED or RESOLVED; default: every alert, open first. */
  @property() status = '';
  /** Most alerts listed (the API allows up to 1000). */
  @property({ type: Number }) limit = 100;
  /** API token enabling "Acknowledge" (mutations need it); without one the button is disabled. */
  @property() token = '';
  /** Shows a token field whose value is kept in sessionStorage (the dashboard uses this). */
  @property({ type: Boolean, attribute: 'ask-token' }) askToken = false;

  @state() private busy: string | null = null;
  @state() private outcome: { text: string; failed: boolean } | null = null;

  private get statusFilter(): AlertStatus | null {
    const wanted = this.status.toUpperCase();
    return STATUSES.find((s) => s === wanted) ?? null;
  }

  private get problem(): string | null {
    if (this.status && !this.statusFilter) return `status="${this.status}" is not one of ${STATUSES.join(', ')}.`;
    return null;
  }

  private readonly query = new QueryController<AlertsQuery>(this, () => {
    if (this.problem) return null;
    const vars = { status: this.statusFilter, model: this.model || null, limit: this.limit };
    return {
      key: [this.endpoint, vars.status, vars.model, vars.limit, this.revision].join('|'),
      run: () => this.client().request(AlertsDocument, vars),
    };
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.askToken && !this.token) this.token = storedToken();
  }

  protected override render() {
    const status = this.statusFilter;
    const pending = this.problem
      ? html`<p class="state error">${this.problem}</p>`
      : pendingState(
          this.query,
          (v) => v.alerts.length === 0,
          status ? `No ${status.toLowerCase()} alerts.` : 'No alerts: no drift rule has fired.',
        );
    const scope = this.model ? `model “${this.model}”` : 'all models';
    return html`<section class="card" aria-label="Alerts">
      <div class="head">
        <h3>Alerts</h3>
        <span class="muted">${status ? `${status.toLowerCase()}, ` : ''}${scope}</span>
      </div>
      ${this.askToken ? tokenField(this.token, 'Needed for “Acknowledge”', (token) => (this.token = token)) : null}
      ${this.outcome ? html`<p role="status" class=${this.outcome.failed ? 'error' : 'muted'} data-outcome>${this.outcome.text}</p>` : null}
      ${
        pending ??
        html`<ul class="alerts">
          ${this.query.value?.alerts.map((a) => this.alert(a))}
        </ul>`
      }
    </section>`;
  }

  private alert(a: AlertFieldsFragment) {
    const tz = this.zone;
    const lines = a.findings ? evidenceLines(a.findings, tz) : [];
    const settled = a.resolvedAt
      ? { label: 'Resolved', at: a.resolvedAt }
      : a.acknowledgedAt
        ? { label: 'Acknowledged', at: a.acknowledgedAt }
        : null;
    return html`<li class="alert" data-alert=${a.id} data-status=${a.status}>
      <div class="title">
        <span class="badge" data-status=${a.status}>${a.status}</span>
        <span class="badge" data-severity=${a.severity}>${a.severity}</span>
        <h4>${ruleTitle(a.kind)}</h4>
        <span class="muted">${a.rule} · ${a.model}</span>
      </div>
      <p class="message">${a.message}</p>
      <dl data-evidence>
        ${[
          { label: 'Opened', value: formatInstant(a.openedAt, tz) },
          { label: 'Last seen', value: formatInstant(a.lastSeenAt, tz) },
          ...(settled ? [{ label: settled.label, value: formatInstant(settled.at, tz) }] : []),
          ...lines,
        ].map(
          (l) =>
            html`<div>
              <dt>${l.label}</dt>
              <dd>${l.value}</dd>
            </div>`,
        )}
      </dl>
      <div class="actions">
        ${
          a.findings
            ? html`<details>
                <summary>Evidence as JSON</summary>
                <pre>${evidenceJson(a.findings)}</pre>
              </details>`
            : html`<span class="muted">Evidence unreadable</span>`
        }
        ${
          a.status === 'OPEN'
            ? html`<button
                type="button"
                ?disabled=${!this.token || this.busy !== null}
                title=${this.token ? '' : 'Enter an API token to acknowledge alerts'}
                @click=${() => this.acknowledge(a.id)}
              >
                ${this.busy === a.id ? 'Acknowledging…' : 'Acknowledge'}
              </button>`
            : null
        }
      </div>
    </li>`;
  }

  private async acknowledge(id: string): Promise<void> {
    this.busy = id;
    this.outcome = null;
    try {
      const { acknowledgeAlert } = await this.client(this.token).request(AcknowledgeAlertDocument, { id });
      this.outcome = {
        failed: false,
        text: `${ruleTitle(acknowledgeAlert.kind)} (${acknowledgeAlert.model}): ${acknowledgeAlert.status}`,
      };
      this.dispatchEvent(
        new CustomEvent<AlertAcknowledged>('clara-alert-acknowledged', {
          detail: { id },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      this.outcome = { failed: true, text: `Could not acknowledge: ${announceError(this, error).message}` };
    } finally {
      this.busy = null;
      this.query.rerun();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-alerts': ClaraAlerts;
  }
}
