// Times the `metrics` query through the server against the naive raw-row answer, and checks both agree.
import type { Collection, Document } from 'mongodb';
import { calendarBuckets, type Window } from '../../server/core/buckets.js';
import type { MetricValues } from '../../server/core/metrics.js';
import { DAY } from './settings.js';
import { naiveMetrics, type NaiveAnswer } from './naive.js';
import type { ServerProcess } from './server-process.js';
import { timeRuns, type Timing } from './timing.js';

const MODEL = 'default';

export interface QuerySpec {
  name: string;
  range: Window;
  granularity: 'DAY' | 'HOUR';
}

export interface QueryFigures {
  name: string;
  points: number;
  metrics: Timing;
  naive: Timing;
  agree: boolean;
}

export const QUERIES = (end: Date): QuerySpec[] => [
  { name: '1 year, DAY', range: { start: new Date(end.getTime() - 365 * DAY), end }, granularity: 'DAY' },
  { name: '90 days, HOUR', range: { start: new Date(end.getTime() - 90 * DAY), end }, granularity: 'HOUR' },
];

const VALUES =
  'predictions validated accuracy accuracyLow accuracyHigh precision recall f1 weightedPrecision weightedRecall weightedF1';
const METRICS = `query($range: TimeRangeInput!, $g: Granularity!) {
  metrics(range: $range, granularity: $g) { asOf overall { ${VALUES} } series { start end values { ${VALUES} } } }
}`;

interface Report {
  metrics: { overall: MetricValues; series: { values: MetricValues }[] };
}

const same = (a: MetricValues, b: MetricValues) =>
  a.predictions === b.predictions &&
  a.validated === b.validated &&
  (a.accuracy === b.accuracy || Math.abs((a.accuracy ?? NaN) - (b.accuracy ?? NaN)) < 1e-12);

function agree(report: Report, naive: NaiveAnswer): boolean {
  const { overall, series } = report.metrics;
  return (
    same(overall, naive.overall) &&
    series.length === naive.series.length &&
    series.every((p, i) => same(p.values, naive.series[i]))
  );
}

export async function measureQueries(
  server: ServerProcess,
  collection: Collection<Document>,
  specs: QuerySpec[],
  naiveBudgetMs: number,
  say: (line: string) => void,
): Promise<QueryFigures[]> {
  const figures: QueryFigures[] = [];
  for (const spec of specs) {
    const variables = {
      range: { from: spec.range.start.toISOString(), to: spec.range.end.toISOString() },
      g: spec.granularity,
    };
    const ask = () => server.gql<Report>(METRICS, variables);
    // 25 runs, or as many as fit a minute (at least 5) when the server is slow.
    const metrics = await timeRuns(ask, { minRuns: 5, maxRuns: 25, warmup: 2, budgetMs: 60_000 });
    say(`  metrics ${spec.name}: p50 ${metrics.p50.toFixed(1)} ms, p95 ${metrics.p95.toFixed(1)} ms`);
    const buckets = calendarBuckets(spec.range.start, spec.range.end, spec.granularity, 'UTC', 10_000);
    let answer: NaiveAnswer | null = null;
    const naiveOnce = async () => (answer = await naiveMetrics(collection, MODEL, spec.range, buckets));
    // The naive scan is slow on big data (minutes at 1M on FerretDB): 1 to 5 runs, as many as fit the budget.
    const naive = await timeRuns(naiveOnce, { minRuns: 1, maxRuns: 5, warmup: 0, budgetMs: naiveBudgetMs });
    say(`  naive   ${spec.name}: p50 ${naive.p50.toFixed(0)} ms over ${naive.runs} runs`);
    figures.push({
      name: spec.name,
      points: buckets.length,
      metrics,
      naive,
      agree: answer !== null && agree(await ask(), answer),
    });
  }
  return figures;
}
