// A chart colour taken from the element's theme (--_accent …) when Chart.js draws, so a theme or
// colour-scheme change needs no new configuration.
import { withAlpha } from '../lib/colors.js';

export function themeColor(
  property: string,
  fallback: string,
  alpha = 1,
): (context: { chart: { canvas: HTMLCanvasElement } }) => string {
  return ({ chart }) => {
    const value = getComputedStyle(chart.canvas).getPropertyValue(property).trim() || fallback;
    // Only hex colours can take an alpha here; other notations are used as given.
    return alpha < 1 && /^#[0-9a-f]{6}$/i.test(value) ? withAlpha(value, alpha) : value;
  };
}
