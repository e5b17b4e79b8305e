// Base of every data panel: the attributes they share (endpoint, model, range …), the resolved time
// window, and a client. Not an element itself.
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DEFAULT_ENDPOINT, sharedClient, type GraphQLClient } from '../client/graphql-client.js';
import type { Granularity } from '../gql/graphql.js';
import { isRangeSpec, rangeVariables, relativeRange, suggestedGranularity, type TimeRange } from '../lib/ranges.js';
import { browserTimeZone, isTimeZone } from '../lib/time-zone.js';
import { GRANULARITIES } from '../lib/url-state.js';

export abstract class ClaraElement extends LitElement {
  /** GraphQL URL; default: /graphql on the host that served the script. */
  @property() endpoint = '';
  /** Model name; default: the server's default model. */
  @property() model: string | null = null;
  /** Relative range such as 24h, 7d, 30d, 90d (ignored when from and to are set). */
  @property() range = '30d';
  /** ISO-8601 instants of a fixed range [from, to). */
  @property() from: string | null = null;
  @property() to: string | null = null;
  @property({ attribute: 'time-zone' }) timeZone: string | null = null;
  /** HOUR, DAY, WEEK or MONTH; default: suits the range. */
  @property() granularity: string | null = null;
  /** Seconds between automatic reloads; 0 (default) never reloads. */
  @property({ type: Number }) refresh = 0;
  /** Bumped by the dashboard to reload every panel at once. */
  @property({ type: Number, attribute: false }) revision = 0;

  @state() protected window: TimeRange | null = null;
  /** What is wrong with the attributes, shown instead of a chart. */
  @state() protected invalid: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  protected get zone(): string {
    return this.timeZone && isTimeZone(this.timeZone) ? this.timeZone : browserTimeZone();
  }

  protected get bucketSize(): Granularity {
    const g = this.granularity?.toUpperCase() as Granularity | undefined;
    if (g && GRANULARITIES.includes(g)) return g;
    return this.window ? suggestedGranularity(this.window) : 'DAY';
  }

  protected client(token: string | null = null): GraphQLClient {
    return sharedClient(this.endpoint || DEFAULT_ENDPOINT, token);
  }

  /** Variables every range query takes, and the key that changes when any of them does. */
  protected rangeArgs(): { model: string | null; range: { from: string; to: string }; key: string } | null {
    if (!this.window || this.invalid) return null;
    const range = rangeVariables(this.window);
    return {
      model: this.model || null,
      range,
      key: [this.endpoint, this.model, range.from, range.to, this.revision].join('|'),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('refresh')) this.schedule();
    if (['range', 'from', 'to', 'timeZone', 'revision'].some((p) => changed.has(p))) this.resolveWindow();
  }

  private resolveWindow(): void {
    this.invalid = null;
    if (this.from || this.to) {
      const from = new Date(this.from ?? '');
      const to = new Date(this.to ?? '');
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
        this.invalid = 'from and to must both be ISO-8601 instants, from before to.';
        return;
      }
      this.window = { from, to };
      return;
    }
    if (!isRangeSpec(this.range)) {
      this.invalid = `range="${this.range}" is not a relative range such as 24h, 7d or 30d.`;
      return;
    }
    this.window = relativeRange(this.range, new Date(), this.zone);
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.isConnected && this.refresh > 0)
      this.timer = setInterval(() => this.revision++, Math.max(5, this.refresh) * 1000);
  }
}
