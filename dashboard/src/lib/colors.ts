// Stable, colour-blind-safe colours per class: a label hashes to a slot of a fixed palette, so a
// class keeps its colour on every chart that shows the same classes, on every visit.

/** Okabe & Ito (2008), without black: safe for the common colour-vision deficiencies. */
export const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'] as const;

/** Paul Tol's "muted" scheme: more distinct colours when there are more classes than Okabe–Ito has. */
export const TOL_MUTED = [
  '#332288',
  '#88CCEE',
  '#44AA99',
  '#117733',
  '#999933',
  '#DDCC77',
  '#CC6677',
  '#882255',
  '#AA4499',
] as const;

/** Neutral colour for "other" / unknown classes. */
export const NEUTRAL = '#BBBBBB';

/** FNV-1a, 32 bit: tiny, and spreads similar labels ("class_1", "class_2") well. */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Colours for a set of labels. Up to 7 labels use Okabe–Ito only, more use Okabe–Ito + Tol muted.
 * Labels are placed in sorted order at their hash slot, moving to the next free slot on a
 * collision, so the result depends only on the set (not on the order the labels arrive in).
 * Beyond the palette's size colours repeat.
 */
export function classColors(labels: Iterable<string>): Map<string, string> {
  const unique = [...new Set(labels)].sort();
  const palette: readonly string[] = unique.length <= OKABE_ITO.length ? OKABE_ITO : [...OKABE_ITO, ...TOL_MUTED];
  const colors = new Map<string, string>();
  let taken = new Set<number>();
  for (const label of unique) {
    if (taken.size === palette.length) taken = new Set();
    let slot = hashLabel(label) % palette.length;
    while (taken.has(slot)) slot = (slot + 1) % palette.length;
    taken.add(slot);
    colors.set(label, palette[slot]);
  }
  return colors;
}

/** `#RRGGBB` with an alpha in [0, 1], for bands and heat-map cells. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
  return `${hex}${a.toString(16).padStart(2, '0')}`;
}
