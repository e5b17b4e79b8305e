import { describe, expect, test } from 'vitest';
import { LineSplitter, MAX_LINE, type TextLine } from '../../server/core/import/lines.js';

function split(chunks: string[]): TextLine[] {
  const splitter = new LineSplitter();
  return [...chunks.flatMap((c) => splitter.push(c)), ...splitter.end()];
}

describe('LineSplitter', () => {
  test('numbers lines as an editor does, skipping blank ones, whatever the chunking', () => {
    const text = '\ufeff{"a":1}\r\n\n  \n{"b":"ñandú 🦜"}\n{"c":3}';
    const whole = split([text]);
    expect(whole).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":"ñandú 🦜"}' },
      { line: 5, text: '{"c":3}' },
    ]);
    for (let cut = 0; cut <= text.length; cut++) expect(split([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    expect(split([...text])).toEqual(whole);
  });

  test('reports a line that is too long and goes on with the next one', () => {
    const long = 'x'.repeat(MAX_LINE / 4);
    expect(split(['{}\n', long, long, long, long, long, '\n{"ok":1}\n'])).toEqual([
      { line: 1, text: '{}' },
      { line: 2, error: expect.stringContaining('longer than') },
      { line: 3, text: '{"ok":1}' },
    ]);
  });
});
