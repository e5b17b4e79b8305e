// Rollups must always equal a recomputation from raw rows, whatever the zone, range or history.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { expectedValues, expectValuesClose, type PlainRow } from '../support/expected.js';
import { naiveBuckets, type NaiveGranularity } from '../support/naive-calendar.js';
import { pick, seeded } from '../support/random.js';

const LABELS = ['cat', 'dog', 'a.b', '$x', 'ñandú', '🦜'];
const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN_DAYS = 31; // crosses the March DST changes in America (8th) and Europe (29th)
const SPAN_MS = SPAN_DAYS * 24 * 3600 * 1000;
// Most rows sit in the UTC hours where some zone's day starts (New York, Lord Howe, Kathmandu and
// Kolkata, Berlin), so few rollup blocks exercise every boundary; the rest are spread anywhere.
const BOUNDARY_HOURS = [4, 5, 13, 18, 22, 23];
const rows: (PlainRow & { id: string; confidence: number })[] = [];

let app: TestApp;
const METRICS = `query($r: TimeRangeInput!, $g: Granularity, $tz: String) {
  metrics(range: $r, granularity: $g, timeZone: $tz) {
    timeZone asOf
    overall { predictions validated accuracy accuracyLow accuracyHigh precision recall f1 weightedPrecision weightedRecall weightedF1 microPrecision microRecall microF1 }
    series { start end values { predictions validated accuracy accuracyLow accuracyHigh precision recall f1 weightedPrecision weightedRecall weightedF1 microPrecision microRecall microF1 } }
  }
}`;

interface Report {
  metrics: {
    series: { start: string; end: string; values: Record<string, number | null> }[];
    overall: Record<string, number | null>;
  };
}

beforeAll(async () => {
  app = await startTestApp('rollups');
  const random = seeded(7);
  for (let i = 0; i < 2000; i++) {
    const actual = pick(random, LABELS);
    const predicted = random() < 0.7 ? actual : pick(random, LABELS);
    const day = Math.floor(random() * SPAN_DAYS) * 86_400_000;
    const predictedAt =
      random() < 0.85
        ? START + day + pick(random, BOUNDARY_HOURS) * 3_600_000 + Math.floor(random() * 3_600_000)
        : START + Math.floor(random() * SPAN_MS);
    rows.push({
      id: `r${i}`,
      predictedAt: new Date(predictedAt),
      predicted,
      actual: random() < 0.8 ? actual : null,
      confidence: Math.round(random() * 1000) / 1000,
    });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000).map((r) => ({
      id: r.id,
      predictedAt: r.predictedAt.toISOString(),
      predicted: r.predicted,
      actual: r.actual,
      confidence: r.confidence,
    }));
    const res = await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, {
      p: batch,
    });
    expect(res.errors).toBeUndefined();
  }
}, 600_000);
afterAll(() => app.close());

async function checkAgainstRaw(from: Date, to: Date, granularity: NaiveGranularity, timeZone: string): Promise<void> {
  const res = await app.gql<Report>(METRICS, {
    r: { from: from.toISOString(), to: to.toISOString() },
    g: granularity,
    tz: timeZone,
  });
  expect(res.errors).toBeUndefined();
  const series = res.data!.metrics.series;
  const buckets = naiveBuckets(from, to, granularity, timeZone);
  expect(series.map((p) => [p.start, p.end])).toEqual(buckets.map((b) => [b.start.toISOString(), b.end.toISOString()]));
  series.forEach((point, i) =>
    expectValuesClose(
      point.values,
      expectedValues(rows, buckets[i].start, buckets[i].end),
      `${timeZone} ${granularity} ${point.start}`,
    ),
  );
  expectValuesClose(res.data!.metrics.overall, expectedValues(rows, from, to), `${timeZone} overall`);
}

describe('metrics equal a recomputation from raw rows', () => {
  const from = new Date(START - 3600_000);
  const to = new Date(START + SPAN_MS + 3600_000);
  for (const zone of [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
  ]) {
    test(`DAY buckets in ${zone}`, () => checkAgainstRaw(from, to, 'DAY', zone));
  }
  test('WEEK and MONTH buckets in Europe/Berlin', async () => {
    await checkAgainstRaw(from, to, 'WEEK', 'Europe/Berlin');
    await checkAgainstRaw(from, to, 'MONTH', 'Europe/Berlin');
  });
  test('HOUR buckets over three days across a DST change, Asia/Kathmandu and America/New_York', async () => {
    await checkAgainstRaw(
      new Date('2026-03-07T00:00:00Z'),
      new Date('2026-03-10T00:00:00Z'),
      'HOUR',
      'America/New_York',
    );
    await checkAgainstRaw(new Date('2026-03-07T00:00:00Z'), new Date('2026-03-10T00:00:00Z'), 'HOUR', 'Asia/Kathmandu');
  });
  test('an arbitrary from/to instant gives exact counts (edge slices from raw rows)', async () => {
    await checkAgainstRaw(
      new Date('2026-03-03T10:07:13.250Z'),
      new Date('2026-03-21T23:59:59.999Z'),
      'DAY',
      'Asia/Kolkata',
    );
    await checkAgainstRaw(new Date('2026-03-05T00:00:00.001Z'), new Date('2026-03-05T00:14:59.999Z'), 'HOUR', 'UTC');
  });
});
