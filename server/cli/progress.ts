// Progress of a long command on stderr: a bar redrawn in place on a terminal, an occasional plain
// line otherwise (logs and CI output must not fill up with carriage returns).

export interface Progress {
  update(bytes: number, lines: number): void;
  done(): void;
}

interface Sink {
  isTTY?: boolean;
  write(text: string): unknown;
}

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 10_000;
const BAR_WIDTH = 24;

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function progressReporter(sink: Sink, total: number, now: () => number = Date.now): Progress {
  const started = now();
  let last = started;
  let lastTenth = 0;
  let drawn = false;
  let state = { bytes: 0, lines: 0 };

  const describe = (): { share: number; text: string } => {
    const share = total > 0 ? Math.min(1, state.bytes / total) : 1;
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = Math.round(state.lines / seconds).toLocaleString('en-US');
    return {
      share,
      text: `${Math.floor(share * 100)}%  ${formatBytes(state.bytes)} / ${formatBytes(total)}  ${state.lines.toLocaleString('en-US')} lines, ${rate} lines/s`,
    };
  };

  const draw = (): void => {
    const { share, text } = describe();
    const filled = Math.round(share * BAR_WIDTH);
    sink.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${text}\x1b[K`);
    drawn = true;
  };

  return {
    update(bytes, lines) {
      state = { bytes, lines };
      const t = now();
      if (sink.isTTY) {
        if (!drawn || t - last >= REDRAW_MS) {
          last = t;
          draw();
        }
        return;
      }
      const { share, text } = describe();
      // A line per tenth of the file, or every few seconds when a tenth takes long.
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth || t - last >= PLAIN_EVERY_MS) {
        last = t;
        lastTenth = tenth;
        sink.write(`import: ${text}\n`);
      }
    },
    done() {
      if (!sink.isTTY || !drawn) return;
      draw();
      sink.write('\n');
    },
  };
}
