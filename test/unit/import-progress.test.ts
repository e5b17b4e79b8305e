import { describe, expect, test } from 'vitest';
import { progressReporter } from '../../server/cli/progress.js';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe('progressReporter', () => {
  test('on a terminal redraws one bar in place, at most every 100 ms, and ends the line when done', () => {
    let now = 0;
    const out = sink(true);
    const progress = progressReporter(out, 4096, () => now);
    progress.update(1024, 10);
    now = 50;
    progress.update(2048, 20);
    now = 1000;
    progress.update(4096, 40);
    progress.done();
    expect(out.writes).toHaveLength(4);
    expect(out.writes[0]).toMatch(/^\r\[#{6}-{18}\] 25% {2}1\.0 KiB \/ 4\.0 KiB {2}10 lines, 10,000 lines\/s/);
    expect(out.writes[1]).toMatch(/^\r\[#{24}\] 100% {2}4\.0 KiB \/ 4\.0 KiB {2}40 lines, 40 lines\/s/);
    expect(out.writes[3]).toBe('\n');
    expect(out.writes.join('')).not.toContain('2.0 KiB');
  });

  test('elsewhere writes a plain line per tenth of the file, never a carriage return', () => {
    let now = 0;
    const out = sink(false);
    const progress = progressReporter(out, 1000, () => now);
    for (let bytes = 10; bytes <= 1000; bytes += 10) {
      now += 10;
      progress.update(bytes, bytes);
    }
    progress.done();
    expect(out.writes).toHaveLength(10);
    expect(out.writes[0]).toBe('import: 10%  100 B / 1000 B  100 lines, 1,000 lines/s\n');
    expect(out.writes.join('')).not.toContain('\r');
  });
});
