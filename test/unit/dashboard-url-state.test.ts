import { expect, test } from 'vitest';
import { relativeRange } from '../../dashboard/src/lib/ranges.js';
import { tabAfterKey, TABS } from '../../dashboard/src/lib/tabs.js';
import { decodeState, encodeState, type DashboardState } from '../../dashboard/src/lib/url-state.js';

const now = new Date('2026-03-10T12:00:00Z');

test('a state survives the URL unchanged', () => {
  const state: DashboardState = {
    model: 'churn v2',
    range: { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') },
    granularity: 'WEEK',
    timeZone: 'Europe/Berlin',
    tab: 'classes',
    refresh: true,
    reference: 'BASELINE',
  };
  expect(decodeState(encodeState(state), now, 'UTC')).toEqual(state);
  const following = { ...state, tab: 'drift', reference: null } as const;
  expect(encodeState(following)).not.toContain('reference');
  expect(decodeState(encodeState(following), now, 'UTC')).toEqual(following);
});

test('an empty query gives the last 7 days in the fallback zone, default model, first tab', () => {
  const state = decodeState('', now, 'Asia/Tokyo');
  expect(state).toEqual({
    model: null,
    range: relativeRange('7d', now, 'Asia/Tokyo'),
    granularity: 'DAY',
    timeZone: 'Asia/Tokyo',
    tab: TABS[0].id,
    refresh: false,
    reference: null,
  });
});

test('a link built by hand with offsets and bare dates works', () => {
  const state = decodeState('?from=2026-01-01&to=2026-01-02T00:00:00%2B01:00&tab=jobs&tz=UTC', now, 'UTC');
  expect(state.range.from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  expect(state.range.to.toISOString()).toBe('2026-01-01T23:00:00.000Z');
  expect(state.granularity).toBe('HOUR');
  expect(state.tab).toBe('jobs');
});

test('invalid values fall back one by one instead of breaking the page', () => {
  const state = decodeState(
    '?model=&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=YEAR&tz=Mars/Olympus&tab=nope',
    now,
    'UTC',
  );
  expect(state.model).toBeNull();
  expect(state.range).toEqual(relativeRange('7d', now, 'UTC'));
  expect(state.granularity).toBe('DAY');
  expect(state.timeZone).toBe('UTC');
  expect(state.tab).toBe('overview');
  expect(decodeState('?reference=LAST_YEAR', now, 'UTC').reference).toBeNull();
  expect(decodeState('?from=next+tuesday&to=2026-01-01T00:00:00Z', now, 'UTC').range).toEqual(
    relativeRange('7d', now, 'UTC'),
  );
});

test('tab keys: arrows wrap around, Home and End jump, other keys do nothing', () => {
  const first = TABS[0].id;
  const last = TABS[TABS.length - 1].id;
  expect(tabAfterKey(first, 'ArrowRight')).toBe(TABS[1].id);
  expect(tabAfterKey(first, 'ArrowLeft')).toBe(last);
  expect(tabAfterKey(last, 'ArrowRight')).toBe(first);
  expect(tabAfterKey(TABS[2].id, 'Home')).toBe(first);
  expect(tabAfterKey(first, 'End')).toBe(last);
  expect(tabAfterKey(first, 'Enter')).toBeNull();
});
