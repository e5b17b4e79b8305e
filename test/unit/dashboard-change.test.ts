import { expect, test } from 'vitest';
import { formatChange, periodChange } from '../../dashboard/src/lib/change.js';

test('counts change relatively', () => {
  const c = periodChange(120, 100, 'count');
  expect(c).toEqual({ delta: 20, relative: 0.2, direction: 'up' });
  expect(formatChange(c, 'count')).toBe('+20.0%');
  expect(formatChange(periodChange(75, 100, 'count'), 'count')).toBe('−25.0%');
});

test('rates change in percentage points', () => {
  const c = periodChange(0.8, 0.85, 'rate');
  expect(c?.direction).toBe('down');
  expect(c?.relative).toBeNull();
  expect(formatChange(c, 'rate')).toBe('−5.0 pp');
});

test('nothing to compare when either period has no value', () => {
  expect(periodChange(null, 0.5, 'rate')).toBeNull();
  expect(periodChange(0.5, null, 'rate')).toBeNull();
  expect(formatChange(null, 'rate')).toBe('no previous data');
});

test('a count that grew from zero has no relative change', () => {
  const c = periodChange(12, 0, 'count');
  expect(c).toEqual({ delta: 12, relative: null, direction: 'up' });
  expect(formatChange(c, 'count')).toBe('+12 (none before)');
});

test('floating-point noise in rates is no change', () => {
  expect(periodChange(0.1 + 0.2, 0.3, 'rate')?.direction).toBe('flat');
  expect(formatChange(periodChange(0.5, 0.5, 'rate'), 'rate')).toBe('±0.0 pp');
  expect(periodChange(5, 5, 'count')?.direction).toBe('flat');
});
