// Shared styles: every element is themable through --clara-* custom properties (docs/embedding.md lists them);
// the private --_* names hold the resolved value, with light and dark defaults.
import { css } from 'lit';

export const theme = css`
  :host {
    --_fg: var(--clara-fg, #1f2328);
    --_muted: var(--clara-muted, #59636e);
    --_bg: var(--clara-bg, #ffffff);
    --_surface: var(--clara-surface, #f6f8fa);
    --_border: var(--clara-border, #d1d9e0);
    --_accent: var(--clara-accent, #0072b2);
    --_good: var(--clara-good, #0072b2);
    --_bad: var(--clara-bad, #c2410c);
    --_danger: var(--clara-danger, #b3261e);
    --_radius: var(--clara-radius, 8px);
    --_font: var(--clara-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_chart-height: var(--clara-chart-height, 260px);
    display: block;
    /* Keeps the absolutely positioned .sr-only tables inside the element, not widening the page. */
    position: relative;
    color: var(--_fg);
    font-family: var(--_font);
    font-size: 14px;
    line-height: 1.4;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_fg: var(--clara-fg, #e6edf3);
      --_muted: var(--clara-muted, #9198a1);
      --_bg: var(--clara-bg, #0d1117);
      --_surface: var(--clara-surface, #151b23);
      --_border: var(--clara-border, #3d444d);
      --_accent: var(--clara-accent, #56b4e9);
      --_good: var(--clara-good, #56b4e9);
      --_bad: var(--clara-bad, #f0a35e);
      --_danger: var(--clara-danger, #ff8a80);
    }
  }
  [hidden] {
    display: none !important;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  .card {
    position: relative;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 12px 16px;
    min-width: 0;
  }
  h2,
  h3 {
    font-size: 15px;
    font-weight: 600;
    margin: 0 0 8px;
  }
  button,
  select,
  input {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 4px 8px;
    min-height: 32px;
    box-sizing: border-box;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;

/** The resolved theme colours of an element, for Chart.js (which draws on a canvas, outside CSS). */
export function readTheme(element: Element): { fg: string; muted: string; border: string; bg: string } {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: read('--_fg', '#1f2328'),
    muted: read('--_muted', '#59636e'),
    border: read('--_border', '#d1d9e0'),
    bg: read('--_bg', '#ffffff'),
  };
}
