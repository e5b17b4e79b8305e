// <clara-dashboard>: header controls and tabs; the state lives in the URL query (lib/url-state.ts).
import { css, html, LitElement, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { sharedClient } from '../client/graphql-client.js';
import { OpenAlertsDocument, type OpenAlertsQuery } from '../gql/graphql.js';
import { badgeText } from '../lib/alert-evidence.js';
import { matchPreset, relativeRange } from '../lib/ranges.js';
import { tabAfterKey, TABS, type TabId } from '../lib/tabs.js';
import { browserTimeZone } from '../lib/time-zone.js';
import { decodeState, encodeState, type DashboardState } from '../lib/url-state.js';
import './clara-alerts.js';
import './clara-class-distribution.js';
import './clara-class-metrics.js';
import './clara-confusion-matrix.js';
import './clara-controls.js';
import type { StateChange } from './clara-controls.js';
import './clara-drift.js';
import type { ReferenceChange } from './clara-drift.js';
import './clara-jobs.js';
import './clara-estimate.js';
import './clara-metric-chart.js';
import './clara-profile-uploads.js';
import './clara-overview.js';
import './clara-training-distribution.js';
import './clara-version-comparison.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

const REFRESH_MS = 60_000;

/** The panel of each tab (TypeScript insists on one per TabId). */
const PANELS: Record<TabId, (s: DashboardState, revision: number) => TemplateResult> = {
  overview: (s, r) =>
    html`<clara-overview
      .model=${s.model}
      .from=${iso(s.range.from)}
      .to=${iso(s.range.to)}
      .timeZone=${s.timeZone}
      .revision=${r}
    ></clara-overview>`,
  metrics: (s, r) =>
    html`<div class="grid">
      ${(['precision', 'accuracy', 'recall', 'f1'] as const).map(
        (m) =>
          html`<clara-metric-chart
            metric=${m}
            .model=${s.model}
            .from=${iso(s.range.from)}
            .to=${iso(s.range.to)}
            .granularity=${s.granularity}
            .timeZone=${s.timeZone}
            .revision=${r}
          ></clara-metric-chart>`,
      )}
      <clara-estimate
        .model=${s.model}
        .from=${iso(s.range.from)}
        .to=${iso(s.range.to)}
        .granularity=${s.granularity}
        .timeZone=${s.timeZone}
        .revision=${r}
      ></clara-estimate>
    </div>`,
  versions: (s, r) =>
    html`<clara-version-comparison
      .model=${s.model}
      .from=${iso(s.range.from)}
      .to=${iso(s.range.to)}
      .granularity=${s.granularity}
      .timeZone=${s.timeZone}
      .revision=${r}
    ></clara-version-comparison>`,
  samples: (s, r) =>
    html`<clara-class-distribution
      .model=${s.model}
      .from=${iso(s.range.from)}
      .to=${iso(s.range.to)}
      .timeZone=${s.timeZone}
      .revision=${r}
    ></clara-class-distribution>`,
  classes: (s, r) =>
    html`<div class="stack">
      <clara-class-metrics
        .model=${s.model}
        .from=${iso(s.range.from)}
        .to=${iso(s.range.to)}
        .timeZone=${s.timeZone}
        .revision=${r}
      ></clara-class-metrics>
      <clara-confusion-matrix
        .model=${s.model}
        .from=${iso(s.range.from)}
        .to=${iso(s.range.to)}
        .timeZone=${s.timeZone}
        .revision=${r}
      ></clara-confusion-matrix>
    </div>`,
  training: (s, r) =>
    html`<clara-training-distribution
      .model=${s.model}
      .from=${iso(s.range.from)}
      .to=${iso(s.range.to)}
      .timeZone=${s.timeZone}
      .revision=${r}
    ></clara-training-distribution>`,
  drift: (s, r) =>
    html`<div class="stack">
      <clara-drift
        .model=${s.model}
        .from=${iso(s.range.from)}
        .to=${iso(s.range.to)}
        .granularity=${s.granularity}
        .timeZone=${s.timeZone}
        .reference=${s.reference ?? ''}
        .revision=${r}
      ></clara-drift>
      <clara-alerts ask-token limit="50" .model=${s.model} .timeZone=${s.timeZone} .revision=${r}></clara-alerts>
    </div>`,
  jobs: (s, r) =>
    html`<div class="stack">
      <clara-jobs ask-token .timeZone=${s.timeZone} .revision=${r}></clara-jobs>
      <clara-profile-uploads
        .model=${s.model}
        .from=${iso(s.range.from)}
        .to=${iso(s.range.to)}
        .timeZone=${s.timeZone}
        .revision=${r}
      ></clara-profile-uploads>
    </div>`,
};

function iso(date: Date): string {
  return date.toISOString();
}

@customElement('clara-dashboard')
export class ClaraDashboard extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        max-width: 1280px;
        margin: 0 auto;
        padding: 16px;
        box-sizing: border-box;
      }
      header {
        display: flex;
        flex-direction: column;
        gap: 12px;
        margin-bottom: 16px;
      }
      h1 {
        font-size: 20px;
        margin: 0;
      }
      [role='tablist'] {
        display: flex;
        gap: 4px;
        border-bottom: 1px solid var(--_border);
        margin-bottom: 16px;
        overflow-x: auto;
        scrollbar-width: thin;
      }
      [role='tab'] {
        /* Holds the badge's visually hidden text inside the scrolling strip. */
        position: relative;
        border: none;
        border-bottom: 3px solid transparent;
        border-radius: 0;
        background: none;
        padding: 8px 12px;
        white-space: nowrap;
        color: var(--_muted);
      }
      [role='tab'][aria-selected='true'] {
        color: var(--_fg);
        border-bottom-color: var(--_accent);
        font-weight: 600;
      }
      .count {
        display: inline-block;
        min-width: 1.5em;
        margin-left: 6px;
        padding: 0 6px;
        border-radius: 999px;
        background: var(--_danger);
        color: var(--_bg);
        font-size: 12px;
        font-weight: 600;
        line-height: 1.5;
        text-align: center;
        box-sizing: border-box;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 480px), 1fr));
        gap: 16px;
      }
      .stack {
        display: grid;
        gap: 16px;
      }
      @media (max-width: 600px) {
        :host {
          padding: 8px;
        }
      }
    `,
  ];

  @state() private state: DashboardState = decodeState(location.search, new Date(), browserTimeZone());
  @state() private revision = 0;
  /** The relative range ("7d") the current range follows, so auto-refresh moves it forward. */
  private live: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onPopState = () => this.apply(decodeState(location.search, new Date(), browserTimeZone()));
  /** Open alerts of the model (all models for the default), for the badge on the Drift tab; follows the auto-refresh. */
  private readonly openAlerts = new QueryController<OpenAlertsQuery>(this, () => ({
    key: `${this.state.model}|${this.revision}`,
    run: () => sharedClient().request(OpenAlertsDocument, { model: this.state.model }),
  }));

  constructor() {
    super();
    this.addEventListener('clara-alert-acknowledged', () => this.openAlerts.rerun());
    this.addEventListener('clara-reference-change', (e) =>
      this.navigate({ reference: (e as CustomEvent<ReferenceChange>).detail.reference }),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', this.onPopState);
    this.apply(this.state);
    history.replaceState(history.state, '', encodeState(this.state));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.onPopState);
    this.schedule(false);
  }

  protected override render() {
    const s = this.state;
    return html`<header>
        <h1>clara-monitor</h1>
        <clara-controls .state=${s} @clara-state-change=${this.onChange}></clara-controls>
      </header>
      <div role="tablist" aria-label="Dashboard sections" @keydown=${this.onTabKey}>
        ${TABS.map(
          (t) =>
            html`<button
              role="tab"
              id=${`tab-${t.id}`}
              aria-controls=${`panel-${t.id}`}
              aria-selected=${String(t.id === s.tab)}
              tabindex=${t.id === s.tab ? 0 : -1}
              @click=${() => this.navigate({ tab: t.id })}
            >
              ${t.label}${t.id === 'drift' ? this.badge() : null}
            </button>`,
        )}
      </div>
      ${TABS.map(
        (t) =>
          html`<div
            role="tabpanel"
            id=${`panel-${t.id}`}
            aria-labelledby=${`tab-${t.id}`}
            tabindex="0"
            ?hidden=${t.id !== s.tab}
          >
            ${t.id === s.tab ? PANELS[t.id](s, this.revision) : null}
          </div>`,
      )}`;
  }

  private badge() {
    const open = this.openAlerts.value?.alerts.length ?? 0;
    const text = badgeText(open);
    if (!text) return null;
    return html`<span class="count" data-open-alerts=${open} aria-hidden="true">${text}</span
      ><span class="sr-only">, ${open} open alert${open === 1 ? '' : 's'}</span>`;
  }

  protected override updated(): void {
    // On narrow screens the tab strip scrolls: keep the selected tab in view.
    this.renderRoot
      .querySelector('[role=tab][aria-selected=true]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  private onChange(event: CustomEvent<StateChange>): void {
    const change = { ...event.detail };
    // A relative range stays relative when the zone changes: "last 7 days" in the new zone.
    if (change.timeZone && !change.range && this.live)
      change.range = relativeRange(this.live, new Date(), change.timeZone);
    this.navigate(change);
  }

  /** A user's change: a new history entry, so back/forward walk through the states. */
  private navigate(change: StateChange): void {
    const next = { ...this.state, ...change };
    history.pushState(null, '', encodeState(next));
    this.apply(next);
  }

  private apply(next: DashboardState): void {
    this.state = next;
    this.live = matchPreset(next.range, new Date(), next.timeZone);
    this.schedule(next.refresh);
  }

  private schedule(on: boolean): void {
    if (on && this.timer) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = on ? setInterval(() => this.tick(), REFRESH_MS) : null;
  }

  private tick(): void {
    if (this.live) {
      const range = relativeRange(this.live, new Date(), this.state.timeZone);
      if (range.from.getTime() !== this.state.range.from.getTime()) {
        this.state = { ...this.state, range };
        history.replaceState(history.state, '', encodeState(this.state));
      }
    }
    this.revision++;
  }

  private onTabKey(event: KeyboardEvent): void {
    const next = tabAfterKey(this.state.tab, event.key);
    if (!next) return;
    event.preventDefault();
    this.navigate({ tab: next });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-dashboard': ClaraDashboard;
  }
}
