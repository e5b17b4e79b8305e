// The dashboard header: model, range (presets or custom), granularity, time zone, auto-refresh.
// It owns no state: it shows the state it is given and asks for changes with `clara-state-change`.
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sharedClient } from '../client/graphql-client.js';
import { ModelsDocument, type Granularity, type ModelsQuery } from '../gql/graphql.js';
import { formatRange } from '../lib/format.js';
import { matchPreset, PRESETS, relativeRange, suggestedGranularity } from '../lib/ranges.js';
import { fromLocalInput, toLocalInput } from '../lib/time-zone.js';
import { GRANULARITIES, type DashboardState } from '../lib/url-state.js';
import { QueryController } from './query-controller.js';
import { theme } from './theme.js';

export type StateChange = Partial<DashboardState>;

const PRESET_LABELS: Record<(typeof PRESETS)[number], string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};

function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...known])].sort();
}

@customElement('clara-controls')
export class ClaraControls extends LitElement {
  static override styles = [
    theme,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: flex-end;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 2px;
        font-size: 12px;
        color: var(--_muted);
      }
      label.inline {
        flex-direction: row;
        align-items: center;
        gap: 6px;
        min-height: 32px;
      }
      select,
      input {
        max-width: 100%;
      }
      .custom {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .invalid {
        color: var(--_danger);
        margin: 0;
        align-self: center;
      }
      .range {
        flex-basis: 100%;
        font-size: 12px;
        color: var(--_muted);
        margin: 0;
      }
      @media (max-width: 600px) {
        label:not(.inline) {
          flex: 1 1 140px;
        }
      }
    `,
  ];

  @property({ attribute: false }) state!: DashboardState;
  /** Set while a custom range is being picked, so the choice does not snap back to a preset. */
  @state() private customOpen = false;
  @state() private customError: string | null = null;

  private readonly models = new QueryController<ModelsQuery>(this, () => ({
    key: 'models',
    run: () => sharedClient().request(ModelsDocument, {}),
  }));

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new state (a pick, back/forward) shows whichever preset it matches.
    if (changed.has('state')) this.customOpen = false;
  }

  private emit(change: StateChange): void {
    this.dispatchEvent(
      new CustomEvent<StateChange>('clara-state-change', { detail: change, bubbles: true, composed: true }),
    );
  }

  protected override render() {
    const s = this.state;
    const preset = this.customOpen ? null : matchPreset(s.range, new Date(), s.timeZone);
    const names = this.models.value?.models.map((m) => m.name) ?? [];
    if (s.model && !names.includes(s.model)) names.push(s.model);
    return html`<form @submit=${(e: Event) => e.preventDefault()}>
      <label
        >Model
        <select id="model" @change=${(e: Event) => this.emit({ model: (e.target as HTMLSelectElement).value || null })}>
          <option value="" ?selected=${s.model === null}>Default model</option>
          ${names.map((n) => html`<option value=${n} ?selected=${s.model === n}>${n}</option>`)}
        </select>
      </label>
      <label
        >Range
        <select id="preset" @change=${this.pickPreset}>
          ${PRESETS.map((p) => html`<option value=${p} ?selected=${preset === p}>${PRESET_LABELS[p]}</option>`)}
          <option value="custom" ?selected=${preset === null}>Custom…</option>
        </select>
      </label>
      ${
        preset === null
          ? html`<div class="custom">
              <label
                >From
                <input
                  id="from"
                  type="datetime-local"
                  .value=${toLocalInput(s.range.from.getTime(), s.timeZone)}
                  @change=${this.pickCustom}
              /></label>
              <label
                >To
                <input
                  id="to"
                  type="datetime-local"
                  .value=${toLocalInput(s.range.to.getTime(), s.timeZone)}
                  @change=${this.pickCustom}
                  aria-invalid=${this.customError ? 'true' : 'false'}
              /></label>
              ${this.customError ? html`<p class="invalid" role="alert">${this.customError}</p>` : null}
            </div>`
          : null
      }
      <label
        >Granularity
        <select
          id="granularity"
          @change=${(e: Event) => this.emit({ granularity: (e.target as HTMLSelectElement).value as Granularity })}
        >
          ${GRANULARITIES.map((g) => html`<option value=${g} ?selected=${s.granularity === g}>${g.charAt(0) + g.slice(1).toLowerCase()}</option>`)}
        </select>
      </label>
      <label
        >Time zone
        <select id="tz" @change=${(e: Event) => this.emit({ timeZone: (e.target as HTMLSelectElement).value })}>
          ${zones(s.timeZone).map((z) => html`<option value=${z} ?selected=${s.timeZone === z}>${z}</option>`)}
        </select>
      </label>
      <label class="inline"
        ><input
          id="refresh"
          type="checkbox"
          .checked=${s.refresh}
          @change=${(e: Event) => this.emit({ refresh: (e.target as HTMLInputElement).checked })}
        />Auto-refresh (1 min)</label
      >
      <p class="range" id="range-text">${formatRange(s.range.from, s.range.to, s.timeZone)} (${s.timeZone})</p>
    </form>`;
  }

  private pickPreset(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.customOpen = value === 'custom';
    if (value === 'custom') return;
    const range = relativeRange(value, new Date(), this.state.timeZone);
    this.emit({ range, granularity: suggestedGranularity(range) });
  }

  private pickCustom(): void {
    const read = (id: string) =>
      fromLocalInput((this.renderRoot.querySelector(`#${id}`) as HTMLInputElement).value, this.state.timeZone);
    const from = read('from');
    const to = read('to');
    this.customError =
      from === null || to === null ? 'Enter both dates.' : from >= to ? '“From” must be before “To”.' : null;
    if (this.customError || from === null || to === null) return;
    this.emit({ range: { from: new Date(from), to: new Date(to) } });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-controls': ClaraControls;
  }
}
