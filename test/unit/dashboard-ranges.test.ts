import { describe, expect, test } from 'vitest';
import { matchPreset, previousRange, relativeRange, suggestedGranularity } from '../../dashboard/src/lib/ranges.js';
import { fromLocalInput, startOfDay, toLocalInput, zonedInstant } from '../../dashboard/src/lib/time-zone.js';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('relative ranges', () => {
  test('7d is today and the six days before, from local midnight to local midnight', () => {
    const r = relativeRange('7d', at('2026-01-15T10:30:00Z'), 'Europe/Berlin');
    expect(r.from.toISOString()).toBe('2026-01-08T23:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-01-15T23:00:00.000Z');
  });

  test('a range over the spring DST change is one hour short', () => {
    const r = relativeRange('30d', at('2026-04-10T12:00:00Z'), 'Europe/Berlin');
    expect(r.to.getTime() - r.from.getTime()).toBe((30 * 24 - 1) * H);
    expect(toLocalInput(r.from.getTime(), 'Europe/Berlin')).toBe('2026-03-12T00:00');
  });

  test('24h ends at the next full local hour, also in half-hour zones', () => {
    const utc = relativeRange('24h', at('2026-01-15T10:30:00Z'), 'UTC');
    expect(utc.to.toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(utc.to.getTime() - utc.from.getTime()).toBe(24 * H);
    const kolkata = relativeRange('24h', at('2026-01-15T10:20:00Z'), 'Asia/Kolkata');
    expect(kolkata.to.toISOString()).toBe('2026-01-15T10:30:00.000Z');
  });

  test('an instant exactly on the hour still includes the hour that just began', () => {
    expect(relativeRange('24h', at('2026-01-15T10:00:00Z'), 'UTC').to.toISOString()).toBe('2026-01-15T11:00:00.000Z');
  });

  test('rejects anything that is not <n>h or <n>d', () => {
    expect(() => relativeRange('7w', new Date(), 'UTC')).toThrow(RangeError);
    expect(() => relativeRange('0d', new Date(), 'UTC')).toThrow(RangeError);
  });

  test('matchPreset recognises a preset only at the moment it describes', () => {
    const now = at('2026-01-15T10:30:00Z');
    expect(matchPreset(relativeRange('30d', now, 'UTC'), now, 'UTC')).toBe('30d');
    expect(matchPreset(relativeRange('30d', now, 'UTC'), at('2026-01-17T10:30:00Z'), 'UTC')).toBeNull();
    expect(matchPreset({ from: at('2026-01-01T00:00:00Z'), to: at('2026-01-02T00:00:00Z') }, now, 'UTC')).toBeNull();
  });

  test('the previous period has the same length and ends where the range starts', () => {
    const p = previousRange({ from: at('2026-01-08T00:00:00Z'), to: at('2026-01-15T00:00:00Z') });
    expect(p).toEqual({ from: at('2026-01-01T00:00:00Z'), to: at('2026-01-08T00:00:00Z') });
  });

  test('suggested granularity keeps the number of points readable', () => {
    const span = (days: number) => ({
      from: at('2026-01-01T00:00:00Z'),
      to: new Date(Date.parse('2026-01-01T00:00:00Z') + days * 24 * H),
    });
    expect(suggestedGranularity(span(1))).toBe('HOUR');
    expect(suggestedGranularity(span(7))).toBe('DAY');
    expect(suggestedGranularity(span(90))).toBe('DAY');
    expect(suggestedGranularity(span(365))).toBe('WEEK');
    expect(suggestedGranularity(span(1500))).toBe('MONTH');
  });
});

describe('zone arithmetic', () => {
  test('a day that starts at 01:00 because DST begins at midnight (Santiago)', () => {
    // Chile moved clocks from 00:00 to 01:00 on 2025-09-07: the day's first instant is 01:00 local.
    expect(new Date(startOfDay(Date.parse('2025-09-07T15:00:00Z'), 'America/Santiago')).toISOString()).toBe(
      '2025-09-07T04:00:00.000Z',
    );
  });

  test('datetime-local text round-trips through an instant in the zone', () => {
    const instant = fromLocalInput('2026-07-01T09:15', 'America/New_York');
    expect(instant).toBe(Date.parse('2026-07-01T13:15:00Z'));
    expect(toLocalInput(instant ?? 0, 'America/New_York')).toBe('2026-07-01T09:15');
    expect(fromLocalInput('yesterday', 'UTC')).toBeNull();
  });

  test('overflowing fields roll over like the calendar', () => {
    expect(zonedInstant({ year: 2026, month: 1, day: 32, hour: 0, minute: 0 }, 'UTC')).toBe(
      Date.parse('2026-02-01T00:00:00Z'),
    );
  });
});
