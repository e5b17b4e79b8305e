import { expect, test } from 'vitest';
import { parseWithDates, stringifyWithDates } from '../../server/store/json-dates.js';

test('Dates come back as Dates at any depth; strings that look like dates stay strings', () => {
  const value = {
    at: new Date('2026-05-01T10:00:00.123Z'),
    rows: [
      { id: '2026-05-01T10:00:00Z', predictedAt: new Date(0), validatedAt: null, scores: [{ label: 'a', score: 0.5 }] },
    ],
    nested: [[new Date('1999-12-31T23:59:59Z')]],
  };
  const back = parseWithDates<typeof value>(stringifyWithDates(value));
  expect(back).toEqual(value);
  expect(back.at).toBeInstanceOf(Date);
  expect(back.rows[0].predictedAt).toBeInstanceOf(Date);
  expect(typeof back.rows[0].id).toBe('string');
});
