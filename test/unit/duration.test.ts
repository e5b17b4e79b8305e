import { expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../server/core/duration.js';

test('reads durations the way people write them in settings', () => {
  expect(parseDuration('1 minute')).toBe(60_000);
  expect(parseDuration('5 minutes')).toBe(300_000);
  expect(parseDuration('1 hour')).toBe(3_600_000);
  expect(parseDuration(' 2h ')).toBe(7_200_000);
  expect(parseDuration('30s')).toBe(30_000);
  expect(parseDuration('1.5 seconds')).toBe(1_500);
  expect(parseDuration('250 ms')).toBe(250);
  expect(parseDuration('1 Day')).toBe(86_400_000);
});

test('rejects what is not a duration', () => {
  for (const text of [
    '',
    '5',
    'minutes',
    'five minutes',
    '5 fortnights',
    '-1 hour',
    '1e3 ms',
    '0.5 ms',
    '1 hour 5 minutes',
  ]) {
    expect(parseDuration(text), text).toBeNull();
  }
});

test('writes a duration in the largest unit that divides it', () => {
  expect(formatDuration(60_000)).toBe('1 minute');
  expect(formatDuration(300_000)).toBe('5 minutes');
  expect(formatDuration(3_600_000)).toBe('1 hour');
  expect(formatDuration(90_000)).toBe('90 seconds');
  expect(formatDuration(1_500)).toBe('1500 ms');
  expect(formatDuration(172_800_000)).toBe('2 days');
  for (const ms of [1, 999, 61_000, 5_400_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
});
