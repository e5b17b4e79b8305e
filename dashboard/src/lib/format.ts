// Display formats shared by cards, tooltips and the data tables.
import type { Granularity } from '../gql/graphql.js';

export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

const bucketFormats: Record<Granularity, Intl.DateTimeFormatOptions> = {
  HOUR: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  DAY: { month: 'short', day: 'numeric' },
  WEEK: { month: 'short', day: 'numeric' },
  MONTH: { month: 'short', year: 'numeric' },
};

/** A bucket's start as shown on the axis, read on the clocks of `timeZone`. */
export function formatBucket(startIso: string, granularity: Granularity, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { ...bucketFormats[granularity], timeZone }).format(new Date(startIso));
  return granularity === 'WEEK' ? `wk ${text}` : text;
}

/** A range as shown in the header, e.g. "1 Jan 2026, 00:00 – 8 Jan 2026, 00:00". */
export function formatRange(from: Date, to: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return `${f.format(from)} – ${f.format(to)}`;
}

export function formatInstant(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(new Date(iso));
}
