// Collects the benchmark's figures as they are measured and prints them as one table: each figure
// with where it was taken, its target, and PASS or MISS. Details (rates, counts) print above it.
import { say } from './settings.js';

export type Verdict = 'PASS' | 'MISS';

export interface Figure {
  name: string;
  /** Stored predictions when measured ('100k', '1M'), or '-' for figures of their own setup. */
  at: string;
  measured: string;
  target: string;
  verdict: Verdict;
  note: string;
}

export const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
export const millis = (n: number): string =>
  !Number.isFinite(n) ? 'n/a' : n < 100 ? `${n.toFixed(1)} ms` : `${int(n)} ms`;
export const secs = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'n/a');
export const mb = (bytes: number): string => `${int(bytes / 2 ** 20)} MB`;
export const sizeName = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

type Format = (n: number) => string;

export const RSS_FIGURE = 'server peak RSS (VmHWM)';
export const RSS_LIMIT = 300 * 2 ** 20;

export class Figures {
  readonly targets: Figure[] = [];
  readonly details: string[] = [];

  /** A figure that must not exceed `limit`; NaN (not measured) is a MISS, and so is `valid: false`. */
  atMost(
    name: string,
    at: string,
    value: number,
    limit: number,
    format: Format,
    { note = '', valid = true } = {},
  ): void {
    this.add(name, at, format(value), `≤ ${format(limit)}`, valid && value <= limit, note);
  }

  atLeast(
    name: string,
    at: string,
    value: number,
    limit: number,
    format: Format,
    { note = '', valid = true } = {},
  ): void {
    this.add(name, at, format(value), `≥ ${format(limit)}`, valid && value >= limit, note);
  }

  /** A figure the run could not take to its end (its phase failed or ran out of budget): a MISS. */
  miss(name: string, at: string, measured: string, target: string, note: string): void {
    this.add(name, at, measured, target, false, note);
  }

  private add(name: string, at: string, measured: string, target: string, pass: boolean, note: string): void {
    const figure: Figure = { name, at, measured, target, verdict: pass ? 'PASS' : 'MISS', note };
    this.targets.push(figure);
    // Said at once too, so a run cut short still leaves every figure it took in its log.
    say(`figure: ${name} at ${at}: ${measured} (target ${target}) ${figure.verdict}${note ? `; ${note}` : ''}`);
  }

  detail(line: string): void {
    this.details.push(line);
    say(line);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map(
      (r) =>
        '  ' +
        r
          .map((cell, c) => cell.padEnd(widths[c]))
          .join('   ')
          .trimEnd(),
    )
    .join('\n');
}

/** Each figure's rows together (100k next to 1M), figures in `order`, then any other in the order taken. */
function grouped(targets: Figure[], order: string[]): Figure[] {
  const byName = new Map<string, Figure[]>();
  for (const f of targets) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...byName.entries()].sort(([a], [b]) => rank(a) - rank(b)).flatMap(([, rows]) => rows);
}

export function printReport(header: string[], figures: Figures, order: string[]): void {
  const rows = grouped(figures.targets, order).map((f) => [f.name, f.at, f.measured, f.target, f.verdict, f.note]);
  const passed = figures.targets.filter((f) => f.verdict === 'PASS').length;
  const out = [
    'clara-monitor benchmark',
    ...header.map((line) => `  ${line}`),
    '',
    'Details',
    ...figures.details.map((line) => `  ${line}`),
    '',
    `Targets (${passed} of ${figures.targets.length} PASS)`,
    table([['figure', 'stored', 'measured', 'target', '', 'note'], ...rows]),
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
}
