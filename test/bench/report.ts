// Prints the benchmark's figures as plain-text tables, with each target and PASS/MISS.
import type { Loaded } from './load.js';
import type { QueryFigures } from './queries.js';

export interface PhaseFigures {
  size: number;
  rows: number;
  http: Loaded;
  direct: Loaded[];
  refresh: { directRows: number; ms: number; rowsScanned: number; blocks: number }[];
  queries: QueryFigures[];
  peakRss?: number;
}

export interface Summary {
  database: string;
  cpus: number;
  spanDays: number;
  end: Date;
  httpBudgetMs: number;
  peakRss: number;
  phases: PhaseFigures[];
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number) => (n < 100 ? n.toFixed(1) : int(n));
const size = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${int(bytes / 2 ** 20)} MB`);
const perSecond = (rows: number, millis: number) => (rows === 0 ? NaN : rows / (millis / 1000));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, c) => cell.padEnd(widths[c])).join('   ').trimEnd()).join('\n');
}

function httpCell(p: PhaseFigures): string {
  return p.http.rows === 0 ? 'none' : `${int(perSecond(p.http.rows, p.http.ms))}/s (${int(p.http.rows)} rows, ${p.http.batches} batches, ${ms(p.http.ms / 1000)} s)`;
}

function refreshCell(p: PhaseFigures): string {
  if (p.refresh.length === 0) return 'none';
  const rows = sum(p.refresh.map((r) => r.directRows));
  const millis = sum(p.refresh.map((r) => r.ms));
  return `${int(perSecond(rows, millis))} rows/s (${int(rows)} rows, ${ms(millis / 1000)} s, ${int(sum(p.refresh.map((r) => r.blocks)))} blocks, ${int(sum(p.refresh.map((r) => r.rowsScanned)))} rows scanned)`;
}

function directCell(p: PhaseFigures): string {
  const rows = sum(p.direct.map((d) => d.rows));
  return rows === 0 ? 'none' : `${int(perSecond(rows, sum(p.direct.map((d) => d.ms))))}/s (${int(rows)} rows)`;
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

export function printSummary(s: Summary): void {
  const { phases } = s;
  const head = ['', ...phases.map((p) => size(p.size))];
  const out: string[] = [
    'clara-monitor benchmark',
    `  database: ${s.database}; ${s.cpus} CPUs; node ${process.version}`,
    `  data: demo generator (6 classes, ~85% validated), ${s.spanDays} days ending ${s.end.toISOString()}; query ranges end there (whole UTC days)`,
    `  HTTP ingest: recordPredictions, chronological batches of 5,000, one request at a time, at most ${s.httpBudgetMs / 1000} s per size;`,
    '  the rest of each size is written with insertMany straight into the collection and picked up by refresh().',
    '',
    'Loading',
    table([
      head,
      ['rows in the database', ...phases.map((p) => int(p.rows))],
      ['HTTP ingest', ...phases.map(httpCell)],
      ['direct insertMany', ...phases.map(directCell)],
      ['refresh of direct rows', ...phases.map(refreshCell)],
      ['server peak RSS so far', ...phases.map((p) => mb(p.peakRss))],
    ]),
    '',
    'metrics query (ms; through GraphQL over HTTP) vs the naive raw-row answer (see test/bench/naive.ts)',
  ];
  const queryRows: string[][] = [head];
  for (const [q, query] of phases[0].queries.entries()) {
    const at = (p: PhaseFigures) => p.queries[q];
    queryRows.push(
      [`${query.name} (${query.points} points): metrics p50 / p95`, ...phases.map((p) => `${ms(at(p).metrics.p50)} / ${ms(at(p).metrics.p95)} (${at(p).metrics.runs} runs)`)],
      [`${query.name}: naive p50 / p95`, ...phases.map((p) => `${ms(at(p).naive.p50)} / ${ms(at(p).naive.p95)} (${at(p).naive.runs} runs)`)],
      [`${query.name}: naive / metrics (p50)`, ...phases.map((p) => `${int(at(p).naive.p50 / at(p).metrics.p50)}×`)],
      [`${query.name}: same answer`, ...phases.map((p) => (at(p).agree ? 'yes' : 'NO'))],
    );
  }
  out.push(table(queryRows), '', 'Targets');
  const first = phases[0];
  const last = phases[phases.length - 1];
  const targets: string[][] = [];
  for (const [q, query] of first.queries.entries()) {
    const growth = last.queries[q].metrics.p50 / first.queries[q].metrics.p50;
    const speedup = last.queries[q].naive.p50 / last.queries[q].metrics.p50;
    targets.push([`metrics ${query.name}: t(${size(last.size)}) / t(${size(first.size)}) (p50)`, growth.toFixed(2), '≤ 1.3', verdict(growth <= 1.3)]);
    targets.push([`metrics ${query.name}: faster than naive at ${size(last.size)}`, `${int(speedup)}×`, '≥ 100×', verdict(speedup >= 100)]);
  }
  for (const p of phases) {
    const r = perSecond(p.http.rows, p.http.ms);
    targets.push([`HTTP ingest at ${size(p.size)}`, `${int(r)}/s`, '≥ 10,000/s', verdict(r >= 10_000)]);
  }
  targets.push(['server peak RSS (VmHWM)', mb(s.peakRss), '≤ 300 MB', verdict(s.peakRss <= 300 * 2 ** 20)]);
  out.push(table(targets), '');
  process.stdout.write(out.join('\n') + '\n');
}
