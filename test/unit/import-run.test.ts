// The import use case over a stand-in ingest service that keeps predictions in a map.
import { describe, expect, test } from 'vitest';
import { InputError } from '../../server/core/errors.js';
import type { IngestService, PredictionItem, ValidationItem } from '../../server/services/ingest.js';
import { importText } from '../../server/services/importer.js';

class FakeIngest {
  readonly rows = new Map<string, { predicted: string; actual: string | null }>();
  readonly calls: string[] = [];
  training = new Map<string, { label: string; count: number }[]>();

  readonly received: PredictionItem[] = [];

  async recordPredictions(items: PredictionItem[]) {
    this.calls.push(`predictions:${items.map((i) => i.id).join(',')}`);
    this.received.push(...items);
    const rejected = items.flatMap((item, index) =>
      item.predicted === 'BAD' ? [{ index, id: item.id, message: `predictions[${index}].predicted: is bad` }] : [],
    );
    for (const item of items)
      if (item.predicted !== 'BAD')
        this.rows.set(`${item.model}/${item.id}`, {
          predicted: item.predicted,
          actual: item.actual ?? this.rows.get(`${item.model}/${item.id}`)?.actual ?? null,
        });
    return { accepted: items.length - rejected.length, rejected };
  }

  async recordValidations(items: ValidationItem[]) {
    this.calls.push(`validations:${items.map((i) => i.id).join(',')}`);
    const rejected = [];
    for (const [index, item] of items.entries()) {
      const row = this.rows.get(`${item.model}/${item.id}`);
      if (row) row.actual = item.actual;
      else rejected.push({ index, id: item.id, message: `validations[${index}].id: no prediction "${item.id}"` });
    }
    return { accepted: items.length - rejected.length, rejected };
  }

  async setTrainingDistribution(model: string, counts: { label: string; count: number }[]) {
    if (model === 'huge') throw new InputError('counts', 'too many');
    this.training.set(model, counts);
    return counts;
  }
}

async function* chunks(text: string, size = 5): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function run(text: string, options: { training?: boolean; batchSize?: number } = {}) {
  const ingest = new FakeIngest();
  const summary = await importText(chunks(text), ingest as unknown as IngestService, {
    training: false,
    model: 'm',
    batchSize: 2,
    ...options,
  });
  return { ingest, summary };
}

describe('importText', () => {
  test('sends predictions before the validations below them and maps rejections to file lines', async () => {
    const text = [
      'id,predictedAt,predicted,actual,validatedAt',
      '1,2026-01-01T00:00:00Z,cat,,',
      '1,,,dog,',
      '2,2026-01-01T00:00:00Z,BAD,,',
      'ghost,,,cat,',
      '3,2026-01-01T00:00:00Z,cat,,',
      '',
    ].join('\n');
    const { ingest, summary } = await run(text);
    expect(summary.lines).toBe(5);
    expect(summary.rejected.first).toEqual([
      { line: 4, message: 'predicted: is bad' },
      { line: 5, message: 'id: no prediction "ghost"' },
    ]);
    expect(ingest.rows.get('m/1')).toEqual({ predicted: 'cat', actual: 'dog' });
    expect(ingest.calls).toEqual(['predictions:1,2', 'validations:1,ghost', 'predictions:3']);
  });

  test('a prediction with a label and its own validatedAt is stored with both at once; a refused one is reported once', async () => {
    const long = 'x'.repeat(300);
    const text = [
      '{"id":"a","predictedAt":"2026-01-01T00:00:00Z","predicted":"cat","actual":"dog","validatedAt":"2026-01-02T00:00:00Z"}',
      '{"id":"b","predictedAt":"2026-01-01T00:00:00Z","predicted":"BAD","actual":"dog","validatedAt":"2026-01-02T00:00:00Z","model":"x"}',
      '{"id":"c","predictedAt":"2026-01-01T00:00:00Z","predicted":"BAD","actual":"dog","validatedAt":"2026-01-02T00:00:00Z"}',
      `{"id":"d","predictedAt":"2026-01-01T00:00:00Z","predicted":"cat","actual":"${long}","validatedAt":"2026-01-02T00:00:00Z"}`,
    ].join('\n');
    const { ingest, summary } = await run(text);
    expect(ingest.rows.get('m/a')).toEqual({ predicted: 'cat', actual: 'dog' });
    expect(ingest.received.find((i) => i.id === 'a')?.validatedAt).toEqual(new Date('2026-01-02T00:00:00Z'));
    expect(summary.rejected.count).toBe(2);
    expect(summary.rejected.first.map((r) => r.line)).toEqual([2, 3]);
    // Only the bad label travels on its own, after its prediction, so the prediction is kept.
    expect(ingest.received.find((i) => i.id === 'd')?.actual).toBeNull();
    expect(ingest.calls.filter((c) => c.startsWith('validations'))).toEqual(['validations:d']);
  });

  test('with --training stores one distribution per model and refuses a label counted twice', async () => {
    const { ingest, summary } = await run('label,count,model\nx,1,\ny,2,\nx,5,\nz,3,other\n', { training: true });
    expect(ingest.training.get('m')).toEqual([
      { label: 'x', count: 1 },
      { label: 'y', count: 2 },
    ]);
    expect(ingest.training.get('other')).toEqual([{ label: 'z', count: 3 }]);
    expect(summary.rejected.first).toEqual([{ line: 4, message: 'label: "x" is already counted on line 2' }]);
    expect(summary.training).toEqual([
      { model: 'm', classes: 2 },
      { model: 'other', classes: 1 },
    ]);
  });

  test('a distribution the service refuses rejects every line of it', async () => {
    const { summary } = await run('label,count,model\nx,1,huge\ny,2,huge\n', { training: true });
    expect(summary.rejected.first).toEqual([
      { line: 2, message: 'counts: too many' },
      { line: 3, message: 'counts: too many' },
    ]);
    expect(summary.training).toEqual([]);
  });
});
