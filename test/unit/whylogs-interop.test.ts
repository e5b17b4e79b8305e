import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kllNormalizedRankError } from '../../server/core/sketches/kll.js';
import { encodeProfile, type ProfileInput } from '../../server/core/whylogs/profile.js';
import { runPythonHelper } from '../whylogs/python.js';

// Profiles written here are read back by whylogs 1.6.4 (test/whylogs/read_profiles.py), merged per
// window, and compared with values computed directly from the dataset.

type Prediction = ProfileInput['predictions'][number];
type Validation = ProfileInput['validations'][number];

interface ColumnResult {
  n: number;
  null: number;
  types: Record<string, number>;
  cardinality: number;
  distribution: { n: number; mean: number; quantiles: number[] };
  frequent?: Record<string, [number, number, number]>;
}
interface Scores {
  precision: number;
  recall: number;
  f1: number;
}
interface WindowResult {
  datasetTimestamp: number;
  creationTimestamp: number;
  metadata: Record<string, string>;
  columns: Record<string, ColumnResult>;
  classification: {
    labels: string[];
    counts: number[][];
    accuracy: number;
    macro: Scores;
    perLabel: Record<string, Scores>;
  } | null;
}
interface ReadResult {
  files: {
    format: string;
    datasetTimestamp: number;
    creationTimestamp: number;
    metadata: Record<string, string>;
    hasPerformanceMetrics: boolean;
  }[];
  windows: WindowResult[];
}

const LABELS = ['cat', 'dog', 'None', 'Zoo', 'ｚebra', '🐍 snake', 'élan', ''];
const QUANTILE_RANKS = [0.1, 0.5, 0.9];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function makeWindow(
  seed: number,
  size: number,
  validatedShare: number,
): { predictions: Prediction[]; validations: Validation[] } {
  const random = seeded(seed);
  const pick = (): string => LABELS[Math.floor(random() ** 1.5 * LABELS.length)];
  const predictions = Array.from({ length: size }, () => ({
    predicted: pick(),
    confidence: random() < 0.05 ? null : Math.round(random() ** 0.5 * 1e6) / 1e6,
  }));
  const validations = predictions
    .filter(() => random() < validatedShare)
    .map((row) => ({ predicted: row.predicted, actual: random() < 0.75 ? row.predicted : pick() }));
  return { predictions, validations };
}

const hour = 3_600_000;
const windowA = { start: Date.UTC(2024, 4, 1), ...makeWindow(42, 2500, 0.7) };
const windowB = { start: Date.UTC(2024, 4, 2), ...makeWindow(7, 1800, 0.5) };
const splitA = Math.floor(windowA.validations.length * 0.6);
const profiles: ProfileInput[] = [
  // window A: first profile with predictions and the validations known then, then a delta
  {
    predictions: windowA.predictions,
    validations: windowA.validations.slice(0, splitA),
    creation: windowA.start + hour,
  },
  { predictions: [], validations: windowA.validations.slice(splitA), creation: windowA.start + 5 * hour },
  // window B: predictions before any validation (a WHY1 file), then a validations delta
  { predictions: windowB.predictions, validations: [], creation: windowB.start + 2 * hour },
  { predictions: [], validations: windowB.validations, creation: windowB.start + 3 * hour },
].map(({ predictions, validations, creation }, i) => ({
  datasetTimestamp: new Date(i < 2 ? windowA.start : windowB.start),
  creationTimestamp: new Date(creation),
  predictions,
  validations,
  tags: { model: 'churn-classifier ✓' },
}));

const dir = mkdtempSync(join(tmpdir(), 'clara-whylogs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Read once, on first use inside a test, so a missing Python or whylogs fails every test
// (a failing hook would only mark them skipped).
let cached: ReadResult | undefined;
function readWithWhylogs(): ReadResult {
  if (cached) return cached;
  const paths = profiles.map((profile, i) => {
    const path = join(dir, `profile-${i}.bin`);
    writeFileSync(path, encodeProfile(profile));
    return path;
  });
  cached = runPythonHelper<ReadResult>('read_profiles.py', paths);
  return cached;
}

function tally(values: readonly string[]): Record<string, [number, number, number]> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([value, count]) => [value, [count, count, count]]));
}

// Python's sorted() on str compares code points; whylogs then moves "None" last
function pythonLabelOrder(labels: Iterable<string>): string[] {
  const codePoints = (s: string): number[] => [...s].map((c) => c.codePointAt(0) ?? 0);
  const compare = (a: string, b: string): number => {
    const [x, y] = [codePoints(a), codePoints(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  };
  const sorted = [...new Set(labels)].filter((label) => label !== 'None').sort(compare);
  return new Set(labels).has('None') ? [...sorted, 'None'] : sorted;
}

function expectedScores(
  pairs: readonly Validation[],
  labels: readonly string[],
): { perLabel: Record<string, Scores>; macro: Scores } {
  const perLabel: Record<string, Scores> = {};
  for (const label of labels) {
    const truePositives = pairs.filter((p) => p.predicted === label && p.actual === label).length;
    const predicted = pairs.filter((p) => p.predicted === label).length;
    const actual = pairs.filter((p) => p.actual === label).length;
    const precision = predicted ? truePositives / predicted : 0;
    const recall = actual ? truePositives / actual : 0;
    perLabel[label] = {
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    };
  }
  const mean = (key: keyof Scores): number =>
    labels.reduce((sum, label) => sum + perLabel[label][key], 0) / labels.length;
  return { perLabel, macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') } };
}

function expectScoresClose(actual: Scores, expected: Scores, what: string): void {
  for (const key of ['precision', 'recall', 'f1'] as const)
    expect(actual[key], `${what} ${key}`).toBeCloseTo(expected[key], 12);
}

describe('profiles read back by whylogs 1.6.4', () => {
  it('writes WHY1 without validations and v0 (with the confusion matrix) with them, all stamped as written', () => {
    const result = readWithWhylogs();
    expect(result.files.map((file) => [file.format, file.hasPerformanceMetrics])).toEqual([
      ['v0', true],
      ['v0', true],
      ['WHY1', false],
      ['v0', true],
    ]);
    result.files.forEach((file, i) => {
      expect(file.datasetTimestamp).toBe(profiles[i].datasetTimestamp.getTime());
      expect(file.creationTimestamp).toBe(profiles[i].creationTimestamp.getTime());
      expect(file.metadata).toEqual({ model: 'churn-classifier ✓' });
    });
  });

  it.each([
    ['A', 0, windowA],
    ['B', 1, windowB],
  ] as const)('merges window %s into the window totals, counting each row once', (_name, index, window) => {
    const result = readWithWhylogs();
    const merged = result.windows[index];
    const windowProfiles = profiles.filter((p) => p.datasetTimestamp.getTime() === window.start);
    expect(result.windows).toHaveLength(2);
    expect(merged.datasetTimestamp).toBe(window.start);
    expect(merged.creationTimestamp).toBe(Math.min(...windowProfiles.map((p) => p.creationTimestamp.getTime())));
    expect(merged.metadata).toEqual({ model: 'churn-classifier ✓' });

    const { predictions, validations } = window;
    const predicted = predictions.map((p) => p.predicted);
    const actual = validations.map((v) => v.actual);
    const confidences = predictions.flatMap((p) => (p.confidence === null ? [] : [p.confidence]));

    const { predicted: predictedColumn, actual: actualColumn, confidence } = merged.columns;
    expect([predictedColumn.n, predictedColumn.null, predictedColumn.types.string]).toEqual([
      predicted.length,
      0,
      predicted.length,
    ]);
    expect(predictedColumn.frequent).toEqual(tally(predicted));
    expect(actualColumn.n).toBe(actual.length);
    expect(actualColumn.frequent).toEqual(tally(actual));
    // DataSketches ignores the empty string when counting distinct values
    expect(predictedColumn.cardinality).toBeCloseTo(new Set(predicted.filter(Boolean)).size, 3);

    expect([confidence.n, confidence.null]).toEqual([predictions.length, predictions.length - confidences.length]);
    expect([confidence.types.fractional, confidence.distribution.n]).toEqual([confidences.length, confidences.length]);
    expect(confidence.distribution.mean).toBeCloseTo(confidences.reduce((a, b) => a + b, 0) / confidences.length, 10);
    const sorted = [...confidences].sort((a, b) => a - b);
    const epsilon = kllNormalizedRankError(1024);
    QUANTILE_RANKS.forEach((rank, i) => {
      const value = confidence.distribution.quantiles[i];
      const below = sorted.filter((x) => x < value).length / sorted.length;
      const atOrBelow = sorted.filter((x) => x <= value).length / sorted.length;
      expect(below - epsilon, `q${rank}`).toBeLessThanOrEqual(rank);
      expect(atOrBelow + epsilon, `q${rank}`).toBeGreaterThanOrEqual(rank);
    });
  });

  it.each([
    ['A', 0, windowA],
    ['B', 1, windowB],
  ] as const)('gives the confusion matrix and metrics of all validations of window %s', (_name, index, window) => {
    const classification = readWithWhylogs().windows[index].classification;
    const pairs = window.validations;
    const labels = pythonLabelOrder(pairs.flatMap((p) => [p.actual, p.predicted]));
    expect(classification?.labels).toEqual(labels);
    const counts = labels.map((p) =>
      labels.map((a) => pairs.filter((v) => v.predicted === p && v.actual === a).length),
    );
    expect(classification?.counts).toEqual(counts);
    expect(classification?.accuracy).toBeCloseTo(
      pairs.filter((p) => p.actual === p.predicted).length / pairs.length,
      12,
    );
    const expected = expectedScores(pairs, labels);
    expectScoresClose(classification!.macro, expected.macro, 'macro');
    for (const label of labels) expectScoresClose(classification!.perLabel[label], expected.perLabel[label], label);
  });
});
