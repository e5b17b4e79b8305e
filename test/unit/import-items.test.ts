import { describe, expect, test } from 'vitest';
import { InputError } from '../../server/core/errors.js';
import { fieldName, readLine, type Values } from '../../server/core/import/items.js';

const values = (o: Record<string, unknown>): Values => new Map(Object.entries(o));

function fieldOfError(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.field;
    throw error;
  }
  return null;
}

describe('fieldName', () => {
  test('ignores case, underscores, dashes and spaces', () => {
    expect(['predictedAt', 'predicted_at', 'PREDICTED-AT', 'Predicted At'].map((n) => fieldName(n, false))).toEqual(
      Array(4).fill('predictedAt'),
    );
    expect(fieldName('label', false)).toBeNull();
    expect(fieldName('label', true)).toBe('label');
    expect(fieldName('id', true)).toBeNull();
  });
});

describe('readLine', () => {
  test('a line with a predicted label is a prediction, typed from CSV text', () => {
    expect(
      readLine(
        values({
          id: '7',
          predictedAt: '2026-01-02T03:04:05+01:00',
          predicted: 'cat',
          confidence: '0.25',
          actual: 'dog',
          model: 'm',
          version: '2.1',
        }),
        false,
      ),
    ).toEqual({
      kind: 'prediction',
      prediction: {
        id: '7',
        model: 'm',
        version: '2.1',
        predictedAt: new Date('2026-01-02T02:04:05Z'),
        predicted: 'cat',
        confidence: 0.25,
        scores: null,
        actual: 'dog',
      },
      validation: null,
    });
  });

  test('empty cells are absent: a row with only id and actual is a validation', () => {
    expect(
      readLine(
        values({ id: '7', predictedAt: '', predicted: '', confidence: '', actual: '$x', validatedAt: '' }),
        false,
      ),
    ).toEqual({
      kind: 'validation',
      validation: { id: '7', model: null, actual: '$x', validatedAt: null },
    });
  });

  test('ground truth with its own validatedAt travels with its prediction, keeping that date', () => {
    const line = readLine(
      values({
        id: 'a',
        predictedAt: '2026-01-01T00:00:00Z',
        predicted: 'x',
        actual: 'y',
        validatedAt: '2026-01-03T00:00:00Z',
      }),
      false,
    );
    expect(line).toEqual({
      kind: 'prediction',
      prediction: {
        id: 'a',
        model: null,
        version: null,
        predictedAt: new Date('2026-01-01T00:00:00Z'),
        predicted: 'x',
        confidence: null,
        scores: null,
        actual: 'y',
        validatedAt: new Date('2026-01-03T00:00:00Z'),
      },
      validation: null,
    });
  });

  test('a bad label with its own validatedAt becomes a validation after the prediction, which is kept', () => {
    const line = readLine(
      values({
        id: 'a',
        predictedAt: '2026-01-01T00:00:00Z',
        predicted: 'x',
        actual: 'y'.repeat(300),
        validatedAt: '2026-01-03T00:00:00Z',
      }),
      false,
    );
    expect(line).toMatchObject({
      kind: 'prediction',
      prediction: { id: 'a', actual: null },
      validation: { id: 'a', actual: 'y'.repeat(300), validatedAt: new Date('2026-01-03T00:00:00Z') },
    });
  });

  test('JSON numbers are accepted as ids and labels, other types are refused', () => {
    const line = readLine(
      values({ id: 12, predictedAt: '2026-01-01T00:00:00Z', predicted: 1, confidence: 0.5, actual: null }),
      false,
    );
    expect(line).toMatchObject({ prediction: { id: '12', predicted: '1', confidence: 0.5, actual: null } });
    expect(
      fieldOfError(() => readLine(values({ id: '1', predictedAt: '2026-01-01T00:00:00Z', predicted: true }), false)),
    ).toBe('predicted');
  });

  test.each([
    [{ predictedAt: '2026-01-01T00:00:00Z', predicted: 'x' }, 'id'],
    [{ id: '1', predicted: 'x' }, 'predictedAt'],
    [{ id: '1', predictedAt: '2026-01-01T00:00:00Z' }, 'predicted'],
    [{ id: '1', predictedAt: 'yesterday', predicted: 'x' }, 'predictedAt'],
    [{ id: '1', predictedAt: '2026-01-01T00:00:00', predicted: 'x' }, 'predictedAt'],
    [{ id: '1', predictedAt: '2026-01-01T00:00:00Z', predicted: 'x', confidence: 'high' }, 'confidence'],
    [{ id: '1', predictedAt: '2026-01-01T00:00:00Z', predicted: 'x', confidence: 'NaN' }, 'confidence'],
    [{ id: '1', actual: 'x', validatedAt: 'soon' }, 'validatedAt'],
    [{ id: '1', predictedAt: '2026-01-01T00:00:00Z', predicted: 'x', scores: 'x=1' }, 'scores'],
    [{ id: '1', predictedAt: '2026-01-01T00:00:00Z', predicted: 'x', scores: '[{"label": "x"}]' }, 'scores[0]'],
    [{ id: '1' }, 'predicted'],
    [{ id: '1', actual: 'x', model: 'm'.repeat(257) }, 'model'],
    [{ id: '1', predictedAt: '2026-01-01T00:00:00Z', predicted: 'x', version: 'v'.repeat(257) }, 'version'],
    [{ id: '1', predictedAt: '2026-01-01T00:00:00Z', predicted: 'x', version: true }, 'version'],
  ])('%o is refused naming %s', (given, field) => {
    expect(fieldOfError(() => readLine(values(given), false))).toBe(field);
  });

  test('class scores come as a list of {label, score} or an object, in CSV as JSON text', () => {
    const base = { id: '1', predictedAt: '2026-01-01T00:00:00Z', predicted: 'x' };
    const expected = [
      { label: 'x', score: 0.75 },
      { label: 'y', score: 0.25 },
    ];
    expect(readLine(values({ ...base, scores: expected }), false)).toMatchObject({ prediction: { scores: expected } });
    expect(readLine(values({ ...base, scores: { x: 0.75, y: 0.25 } }), false)).toMatchObject({
      prediction: { scores: expected },
    });
    expect(readLine(values({ ...base, scores: '{"x": 0.75, "y": 0.25}' }), false)).toMatchObject({
      prediction: { scores: expected },
    });
  });

  test('with --training a line is a class count', () => {
    expect(readLine(values({ label: 'ñandú', count: '42' }), true)).toEqual({
      kind: 'count',
      count: { model: null, label: 'ñandú', count: 42 },
    });
    expect(readLine(values({ label: 'a.b', count: 0, model: 'm' }), true)).toEqual({
      kind: 'count',
      count: { model: 'm', label: 'a.b', count: 0 },
    });
  });

  test.each([
    [{ count: '1' }, 'label'],
    [{ label: 'x'.repeat(257), count: '1' }, 'label'],
    [{ label: 'x' }, 'count'],
    [{ label: 'x', count: '-1' }, 'count'],
    [{ label: 'x', count: '1.5' }, 'count'],
    [{ label: 'x', count: 'many' }, 'count'],
  ])('the class count %o is refused naming %s', (given, field) => {
    expect(fieldOfError(() => readLine(values(given), true))).toBe(field);
  });
});
