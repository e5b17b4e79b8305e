import { describe, expect, test } from 'vitest';
import { ImportBatcher, type Batch } from '../../server/core/import/batcher.js';
import type { ImportedPrediction, ImportedValidation } from '../../server/core/import/items.js';

const p = (id: string): ImportedPrediction => ({
  id,
  model: 'm',
  predictedAt: new Date(0),
  predicted: 'x',
  confidence: null,
  scores: null,
  actual: null,
});
const v = (id: string): ImportedValidation => ({ id, model: 'm', actual: 'y', validatedAt: null });
const shape = (batches: Batch[]) => batches.map((b) => `${b.kind}:${b.lines.join(',')}`);

describe('ImportBatcher', () => {
  test('fills batches up to the size, predictions before validations', () => {
    const b = new ImportBatcher(3);
    const sent = [
      ...b.addPrediction(1, p('a')),
      ...b.addValidation(2, v('a')),
      ...b.addPrediction(3, p('b')),
      ...b.addValidation(4, v('b')),
    ];
    expect(sent).toEqual([]);
    expect(shape([...b.addPrediction(5, p('c')), ...b.addValidation(6, v('z'))])).toEqual([
      'predictions:1,3,5',
      'validations:2,4,6',
    ]);
    expect(b.flush()).toEqual([]);
  });

  test('a full batch of validations sends the predictions they may need first', () => {
    const b = new ImportBatcher(2);
    b.addPrediction(1, p('a'));
    b.addValidation(2, v('a'));
    expect(shape(b.addValidation(3, v('q')))).toEqual(['predictions:1', 'validations:2,3']);
  });

  test('a prediction after a waiting validation of the same id keeps file order', () => {
    const b = new ImportBatcher(100);
    b.addPrediction(1, p('a'));
    b.addValidation(2, v('a'));
    b.addPrediction(3, p('other'));
    expect(shape(b.addPrediction(4, p('a')))).toEqual(['predictions:1,3', 'validations:2']);
    expect(shape(b.flush())).toEqual(['predictions:4']);
  });

  test('the same id in another model is another prediction', () => {
    const b = new ImportBatcher(100);
    b.addValidation(1, v('a'));
    expect(b.addPrediction(2, { ...p('a'), model: 'n' })).toEqual([]);
    expect(shape(b.flush())).toEqual(['predictions:2', 'validations:1']);
  });
});
