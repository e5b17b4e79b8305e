// A Chart.js canvas as an element: give it a configuration, it draws in the host's theme colours.
import type { ChartConfiguration, ChartOptions } from 'chart.js';

/** The chart kinds the panels draw (and charts/register.ts registers). */
export type PanelChart = ChartConfiguration<'line'> | ChartConfiguration<'bar'> | ChartConfiguration<'doughnut'>;
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { Chart } from '../charts/register.js';
import { readTheme, theme } from './theme.js';

const dark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function themed(config: PanelChart, colors: ReturnType<typeof readTheme>): ChartConfiguration {
  const options = (config.options ?? {}) as ChartOptions;
  const scales: Record<string, unknown> = {};
  for (const [id, scale] of Object.entries(options.scales ?? {})) {
    const s = (scale ?? {}) as Record<string, Record<string, unknown> | undefined>;
    scales[id] = {
      ...s,
      ticks: { color: colors.muted, ...s.ticks },
      grid: { color: colors.border, ...s.grid },
      border: { color: colors.border },
    };
  }
  // Slices are separated by the page background, whatever the theme.
  const data =
    config.type === 'doughnut'
      ? { ...config.data, datasets: config.data.datasets.map((d) => ({ ...d, borderColor: colors.bg })) }
      : config.data;
  return {
    ...config,
    data,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Redraws follow data refreshes; animating them adds motion without information.
      animation: false,
      color: colors.fg,
      borderColor: colors.border,
      ...options,
      scales,
    },
  } as ChartConfiguration;
}

@customElement('clara-chart')
export class ClaraChart extends LitElement {
  static override styles = [
    theme,
    css`
      .box {
        position: relative;
        height: var(--_chart-height);
      }
    `,
  ];

  @property({ attribute: false }) config: PanelChart | null = null;
  /** Accessible name of the drawing; the data itself is in the owner's data table. */
  @property() label = '';

  @query('canvas') private canvas!: HTMLCanvasElement;
  private chart: Chart | null = null;
  private drawnType: string | null = null;
  private readonly redraw = () => this.draw(true);

  override connectedCallback(): void {
    super.connectedCallback();
    dark?.addEventListener('change', this.redraw);
    if (this.hasUpdated) this.draw(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    dark?.removeEventListener('change', this.redraw);
    this.chart?.destroy();
    this.chart = null;
  }

  protected override render() {
    return html`<div class="box"><canvas role="img" aria-label=${this.label}></canvas></div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('config')) this.draw(false);
  }

  private draw(recreate: boolean): void {
    if (!this.config || !this.canvas) return;
    const config = themed(this.config, readTheme(this));
    // Updates swap data and options in place; inline plugins stay those of the first configuration,
    // so they must read what they draw from the chart (see charts/interval-whiskers.ts).
    if (this.chart && !recreate && this.drawnType === config.type) {
      this.chart.data = config.data;
      this.chart.options = config.options ?? {};
      this.chart.update();
      return;
    }
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, config);
    this.drawnType = config.type;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clara-chart': ClaraChart;
  }
}
