// "Change against the previous period" for the overview figures.

/** Counts compare relatively (+12 %); rates in [0, 1] compare in percentage points (+3.1 pp). */
export type ChangeKind = 'count' | 'rate';

export interface Change {
  /** current − previous, in the figure's own unit (a count, or a fraction for rates). */
  delta: number;
  /** delta / previous for counts; null for rates and when previous is 0. */
  relative: number | null;
  direction: 'up' | 'down' | 'flat';
}

/** null when either period has no value (nothing validated), so there is nothing to compare. */
export function periodChange(current: number | null, previous: number | null, kind: ChangeKind): Change | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  // Rates come from floating-point division: treat sub-0.05 pp noise as no change.
  const flat = kind === 'rate' ? Math.abs(delta) < 5e-4 : delta === 0;
  return {
    delta,
    relative: kind === 'count' && previous !== 0 ? delta / previous : null,
    direction: flat ? 'flat' : delta > 0 ? 'up' : 'down',
  };
}

export function formatChange(change: Change | null, kind: ChangeKind): string {
  if (!change) return 'no previous data';
  if (change.direction === 'flat') return kind === 'rate' ? '±0.0 pp' : '±0%';
  const sign = change.delta > 0 ? '+' : '−';
  if (kind === 'rate') return `${sign}${Math.abs(change.delta * 100).toFixed(1)} pp`;
  if (change.relative === null) return `${sign}${Math.abs(change.delta).toLocaleString('en-US')} (none before)`;
  return `${sign}${Math.abs(change.relative * 100).toFixed(1)}%`;
}
