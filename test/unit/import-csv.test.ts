import { describe, expect, test } from 'vitest';
import { CsvReader, MAX_CSV_FIELD, type CsvRecord } from '../../server/core/import/csv.js';

function read(chunks: string[]): CsvRecord[] {
  const reader = new CsvReader();
  return [...chunks.flatMap((c) => reader.push(c)), ...reader.end()];
}

/** Every way of cutting the text in two must read the same as the whole text. */
function expectChunkingInvariant(text: string): CsvRecord[] {
  const whole = read([text]);
  for (let cut = 0; cut <= text.length; cut++)
    expect(read([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
  expect(read([...text])).toEqual(whole);
  return whole;
}

describe('CsvReader', () => {
  test('reads plain records with the line each starts on', () => {
    expect(expectChunkingInvariant('id,predicted\n1,cat\n2,dog\n')).toEqual([
      { line: 1, fields: ['id', 'predicted'] },
      { line: 2, fields: ['1', 'cat'] },
      { line: 3, fields: ['2', 'dog'] },
    ]);
  });

  test('quoted fields keep commas, doubled quotes and line breaks; later line numbers stay right', () => {
    const text = 'a,b\n"x, y","say ""hi"""\n"two\nlines","three\r\nlines"\nlast,one\n';
    expect(expectChunkingInvariant(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'three\r\nlines'] },
      { line: 6, fields: ['last', 'one'] },
    ]);
  });

  test('drops a leading byte order mark and CRLF line endings', () => {
    expect(expectChunkingInvariant('\ufeffid,x\r\n1,"q"\r\n2,\r\n')).toEqual([
      { line: 1, fields: ['id', 'x'] },
      { line: 2, fields: ['1', 'q'] },
      { line: 3, fields: ['2', ''] },
    ]);
  });

  test('keeps empty fields, reads a last record without newline and skips blank lines', () => {
    expect(expectChunkingInvariant('a,,c\n\n,\n\r\n"",x\nend')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 3, fields: ['', ''] },
      { line: 5, fields: ['', 'x'] },
      { line: 6, fields: ['end'] },
    ]);
  });

  test('keeps unicode exactly', () => {
    expect(read(['ñandú,🦜,"a.b",$x,a b\n'])).toEqual([{ line: 1, fields: ['ñandú', '🦜', 'a.b', '$x', 'a b'] }]);
  });

  test('reports a broken record with its line and reads on from the next line', () => {
    const records = expectChunkingInvariant('ok,1\n"closed"late,2\nmid"quote,3\nok,4\n');
    expect(records).toEqual([
      { line: 1, fields: ['ok', '1'] },
      { line: 2, error: expect.stringContaining('after a closing quote') },
      { line: 3, error: expect.stringContaining('quote inside an unquoted field') },
      { line: 4, fields: ['ok', '4'] },
    ]);
  });

  test('a quote never closed is an error at the end, naming the line it opened on', () => {
    expect(read(['a,b\n1,"open\nmore\n'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: expect.stringContaining('opened on line 2 is never closed') },
    ]);
  });

  test('an endless quoted field is cut off instead of filling memory', () => {
    const records = read(['1,"', 'x'.repeat(MAX_CSV_FIELD + 10), '\n2,ok\n']);
    expect(records).toEqual([
      { line: 1, error: expect.stringContaining('longer than') },
      { line: 2, fields: ['2', 'ok'] },
    ]);
  });
});
