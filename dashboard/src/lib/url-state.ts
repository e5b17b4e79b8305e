// The dashboard state lives in the URL query so reload, back/forward and shared links restore it.
import type { DriftReference, Granularity } from '../gql/graphql.js';
import { isDriftReference } from './drift-data.js';
import { relativeRange, suggestedGranularity, type TimeRange } from './ranges.js';
import { isTabId, TABS, type TabId } from './tabs.js';
import { isTimeZone } from './time-zone.js';

export interface DashboardState {
  /** null: the server's default model. */
  model: string | null;
  range: TimeRange;
  granularity: Granularity;
  timeZone: string;
  tab: TabId;
  refresh: boolean;
  /** What the Drift tab compares class distributions with; null: the check-drift job's reference. */
  reference: DriftReference | null;
}

export const GRANULARITIES: readonly Granularity[] = ['HOUR', 'DAY', 'WEEK', 'MONTH'];
export const DEFAULT_RANGE = '7d';

// Instants as ISO-8601 with a zone (Z or ±hh:mm); a bare date is read as UTC midnight.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

function instant(text: string | null): Date | null {
  if (!text || !INSTANT.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function isGranularity(text: string | null): text is Granularity {
  return GRANULARITIES.includes(text as Granularity);
}

/** Reads the state from a query string; anything missing or invalid falls back to a sensible default. */
export function decodeState(search: string, now: Date, fallbackZone: string): DashboardState {
  const q = new URLSearchParams(search);
  const tz = q.get('tz');
  const timeZone = tz && isTimeZone(tz) ? tz : fallbackZone;
  const from = instant(q.get('from'));
  const to = instant(q.get('to'));
  const range = from && to && from < to ? { from, to } : relativeRange(DEFAULT_RANGE, now, timeZone);
  const granularity = q.get('granularity');
  const tab = q.get('tab') ?? '';
  const reference = q.get('reference');
  return {
    model: q.get('model') || null,
    range,
    granularity: isGranularity(granularity) ? granularity : suggestedGranularity(range),
    timeZone,
    tab: isTabId(tab) ? tab : TABS[0].id,
    refresh: q.get('refresh') === '1',
    reference: isDriftReference(reference) ? reference : null,
  };
}

/** The canonical query string for a state (leading "?"); decodeState(encodeState(s)) equals s. */
export function encodeState(state: DashboardState): string {
  const q = new URLSearchParams();
  if (state.model !== null) q.set('model', state.model);
  q.set('from', state.range.from.toISOString());
  q.set('to', state.range.to.toISOString());
  q.set('granularity', state.granularity);
  q.set('tz', state.timeZone);
  q.set('tab', state.tab);
  if (state.refresh) q.set('refresh', '1');
  if (state.reference) q.set('reference', state.reference);
  return `?${q.toString()}`;
}
