import { describe, expect, test } from 'vitest';
import { ImportFormatError, ImportReader, type ParsedLine } from '../../server/core/import/reader.js';

function read(text: string, training = false, chunk = 7): { lines: ParsedLine[]; reader: ImportReader } {
  const reader = new ImportReader(training);
  const lines: ParsedLine[] = [];
  for (let i = 0; i < text.length; i += chunk) lines.push(...reader.push(text.slice(i, i + chunk)));
  lines.push(...reader.end());
  return { lines, reader };
}

const errors = (lines: ParsedLine[]) => lines.flatMap((l) => ('error' in l ? [[l.line, l.error]] : []));

describe('ImportReader', () => {
  test('reads a CSV file of predictions and validations by its header, numbering file lines', () => {
    const csv = [
      'Id,Predicted_At,predicted,confidence,actual,validated_at,note',
      '1,2026-01-01T00:00:00Z,"a,b",0.5,,,"multi',
      'line note"',
      '2,,,,ñandú,,',
      '3,2026-01-01T00:00:00Z,x',
      '4,not a date,x,,,,',
      '',
    ].join('\n');
    const { lines, reader } = read(csv);
    expect(reader.ignoredColumns).toEqual(['note']);
    expect(lines.map((l) => [l.line, 'item' in l ? l.item.kind : 'error'])).toEqual([
      [2, 'prediction'],
      [4, 'validation'],
      [5, 'error'],
      [6, 'error'],
    ]);
    expect(lines[0]).toMatchObject({
      item: { prediction: { id: '1', predicted: 'a,b', confidence: 0.5, actual: null } },
    });
    expect(lines[1]).toMatchObject({ item: { validation: { id: '2', actual: 'ñandú' } } });
    expect(errors(lines)).toEqual([
      [5, 'has 3 fields, the header has 7'],
      [6, expect.stringMatching(/^predictedAt: must be an ISO-8601 instant/)],
    ]);
  });

  test('reads JSON Lines, ignoring keys that are not ours and reporting lines that are not objects', () => {
    const jsonl = [
      '  {"id":"1","predictedAt":"2026-01-01T00:00:00Z","predicted":"🦜","_id":"x"}',
      '[1,2]',
      '{"id":',
      '',
      '{"id":"1","actual":"$x"}',
    ].join('\n');
    const { lines } = read(jsonl);
    expect(lines[0]).toMatchObject({ line: 1, item: { kind: 'prediction', prediction: { predicted: '🦜' } } });
    expect(errors(lines)).toEqual([
      [2, 'must be a JSON object'],
      [3, expect.stringMatching(/^not valid JSON/)],
    ]);
    expect(lines[3]).toEqual({
      line: 5,
      item: { kind: 'validation', validation: { id: '1', model: null, actual: '$x', validatedAt: null } },
    });
  });

  test('with --training reads label and count columns', () => {
    const { lines } = read('\ufefflabel,count\na b,3\n"a.b",4\n', true);
    expect(lines).toEqual([
      { line: 2, item: { kind: 'count', count: { model: null, label: 'a b', count: 3 } } },
      { line: 3, item: { kind: 'count', count: { model: null, label: 'a.b', count: 4 } } },
    ]);
  });

  test.each([
    ['predicted,actual\nx,y\n', false, /must name the column id;.*known columns: id, model/],
    ['label,count\nx,1\n', false, /needs --training/],
    ['id,count\n', true, /must name the column label/],
    ['id,ID\n', false, /names the column "id" twice/],
    ['"id\n', false, /cannot be read/],
  ])('a CSV header that cannot work stops the import: %j', (text, training, message) => {
    expect(() => read(text, training)).toThrowError(ImportFormatError);
    expect(() => read(text, training)).toThrowError(message);
  });

  test('an empty file has no lines', () => {
    expect(read(' \n\n').lines).toEqual([]);
  });
});
