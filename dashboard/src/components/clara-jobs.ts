// <clara-jobs>: the scheduler's jobs and their recent runs; "Run now" when an API token is given.
import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { JobsDocument, RunJobDocument, type JobsQuery } from '../gql/graphql.js';
import { formatInstant } from '../lib/format.js';
import { ClaraElement } from './clara-element.js';
import { emptyState, pendingState, stateStyles } from './panel-state.js';
import { announceError, QueryController } from './query-controller.js';
import { storedToken, tokenField, tokenStyles } from './api-token.js';
import { badgeStyles } from './badge.js';
import { theme } from './theme.js';

type Job = JobsQuery['jobs'][number];
type Run = JobsQuery['jobRuns'][number];

@customElement('clara-jobs')
export class ClaraJobs extends ClaraElement {
  static override styles = [
    theme,
    stateStyles,
    badgeStyles,
    tokenStyles,
    css`
      .stack {
        display: grid;
        gap: 16px;
      }
      :host {
        container-type: inline-size;
      }
      .scroll {
        position: relative;
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 13px;
      }
      th,
      td {
        text-align: left;
        padding: 6px 8px;
        border-bottom: 1px solid var(--_border);
        vertical-align: top;
      }
      th {
        color: var(--_muted);
        font-weight: 600;
      }
      .badge[data-status='SUCCEEDED'] {
        color: var(--_good);
      }
      .badge[data-status='FAILED'] {
        color: var(--_danger);
      }
      .badge[data-status='RUNNING'] {
        color: var(--_accent);
      }
      .badge[data-status='SCHEDULED'],
      .badge[data-status='DISABLED'] {
        color: var(--_muted);
      }
      .muted {
        color: var(--_muted);
        font-weight: 400;
      }
      td:last-child {
        white-space: nowrap;
      }
      .error {
        color: var(--_danger);
      }
      tbody th {
        color: var(--_fg);
      }
      /* Narrow: each row becomes a small card of labelled fields. */
      @container (max-width: 640px) {
        table,
        tbody,
        tr,
        th,
        td {
          display: block;
        }
        thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0, 0, 0, 0);
        }
        tr {
          padding: 8px 0;
          border-bottom: 1px solid var(--_border);
        }
        th,
        td {
          border: none;
          padding: 2px 0;
        }
        td[data-label]::before {
          content: attr(data-label) ': ';
          color: var(--_muted);
        }
      }
    `,
  ];

  /** API token for "Run now" (mutations need it); without one the button is disabled. */
  @property() token = '';
  /** Shows a token field whose value is kept in sessionStorage (the dashboard uses this). */
  @property({ type: Boolean, attribute: 'ask-token' }) askToken = false;
  /** How many recent runs to list. */
  @property({ type: Number }) runs = 20;

  @state() private running: string | null = null;
  @state() private outcome: { job: string; text: string; failed: boolean } | null = null;

  private readonly query = new QueryController<JobsQuery>(this, () => ({
    key: [this.endpoint, this.runs, this.revision].join('|'),
    run: () => this.client().request(JobsDocument, { limit: this.runs }),
  }));

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.askToken && !this.token) this.token = storedToken();
  }

  protected override render() {
    const value = this.query.value;
    const pending = pendingState(this.query, () => false, '');
    return html`<div class="stack">
      ${this.askToken ? tokenField(this.token, 'Needed for “Run now”', (token) => (this.token = token)) : null}
      <section class="card" aria-label="Jobs">
        <h3>Jobs</h3>
        ${this.outcome ? html`<p role="status" class=${this.outcome.failed ? 'error' : 'muted'} data-outcome>${this.outcome.text}</p>` : null}
        ${pending ?? (value ? this.jobs(value.jobs) : null)}
      </section>
      <section class="card" aria-label="Recent runs">
        <h3>Recent runs</h3>
        ${pending ?? (value ? this.runList(value.jobRuns) : null)}
      </section>
    </div>`;
  }

  private jobs(jobs: Job[]) {
    if (jobs.length === 0) return emptyState('No jobs are registered.');
    const tz = this.zone;
    return html`<div class="scroll">
      <table data-table="jobs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Last run</th>
            <th scope="col">Next run</th>
            <th scope="col">Failures</th>
            <th scope="col"><span class="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${jobs.map(
            (j) =>
              html`<tr data-job=${j.name}>
                <th scope="row">
                  ${j.name}
                  <div class="muted">${j.description}${j.interval ? ` · every ${j.interval}` : ''}</div>
                </th>
                <td><span class="badge" data-status=${j.status}>${j.status}</span></td>
                <td data-label="Last run">${formatInstant(j.lastRunAt, tz)}</td>
                <td data-label="Next run">${formatInstant(j.nextRunAt, tz)}</td>
                <td data-label="Failures">
                  ${j.failCount}${j.failReason ? html`<div class="error">${j.failReason}</div>` : null}
                </td>
                <td>
                  <button
                    type="button"
                    ?disabled=${!this.token || this.running !== null}
                    title=${this.token ? '' : 'Enter an API token to run jobs'}
                    @click=${() => this.runNow(j.name)}
                  >
                    ${this.running === j.name ? 'Running…' : 'Run now'}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private runList(runs: Run[]) {
    if (runs.length === 0) return emptyState('No runs recorded yet.');
    const tz = this.zone;
    return html`<div class="scroll">
      <table data-table="runs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Finished</th>
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          ${runs.map(
            (r) =>
              html`<tr data-run=${r.id}>
                <th scope="row">${r.job}</th>
                <td><span class="badge" data-status=${r.status}>${r.status}</span></td>
                <td data-label="Started">${formatInstant(r.startedAt, tz)}</td>
                <td data-label="Finished">${formatInstant(r.finishedAt, tz)}</td>
                <td>${r.summary ?? ''}${r.error ? html`<div class="error">${r.error}</div>` : null}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private async runNow(name: string): Promise<void> {
    this.running = name;
    this.outcome = null;
    try {
      const { runJob } = await this.client(this.token).request(RunJobDocument, { name });
      const failed = runJob.status === 'FAILED';
      this.outcome = {
        job: name,
        failed,
        text: `${name}: ${runJob.status}${runJob.summary ? ` — ${runJob.summary}` : ''}${runJob.error ? ` — ${runJob.error}` : ''}`,
      };
    } catch (error) {
      this.outcome = { job: name, failed: true, text: `${name}: ${announceError(this, error).message}` };
    } finally {
      this.running = null;
      this.revision++;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-jobs': ClaraJobs;
  }
}
