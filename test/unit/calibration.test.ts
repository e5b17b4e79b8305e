import { describe, expect, it } from 'vitest';
import { calibrationError, fitCalibration, stepIndex } from '../../server/core/calibration.js';
import { estimatePerformance, macroFromScores } from '../../server/core/estimate.js';
import { CONFIDENCE_BINS, tallyRows, type Reliability } from '../../server/core/tally.js';

const reliability = (entries: [number, number, number][]): Map<number, Reliability> =>
  new Map(
    entries.map(([bin, validated, correct]) => [
      bin,
      { validated, correct, confidenceMicros: (validated * (bin + 0.5) * 1_000_000) / CONFIDENCE_BINS },
    ]),
  );

describe('fitCalibration', () => {
  it('pools adjacent violators into a monotone step function covering every bin', () => {
    // 60: 8/10, 70: 6/10 (violates), 90: 9/10.
    const calibration = fitCalibration(
      reliability([
        [60, 10, 8],
        [70, 10, 6],
        [90, 10, 9],
      ]),
      new Map([
        [60, 10],
        [70, 10],
        [90, 30],
        [5, 4],
      ]),
    )!;
    expect(calibration.steps.map((s) => [s.fromBin, s.toBin, s.value])).toEqual([
      [0, 89, 0.7],
      [90, 99, 0.9],
    ]);
    expect(calibration.samples).toBe(30);
    expect(calibration.correct).toBe(23);
    // Bin 5 lies below the first fitted bin and belongs to the first step.
    expect(calibration.steps.map((s) => s.predictions)).toEqual([24, 30]);
    expect(calibration.predictions).toBe(54);
    expect(stepIndex(calibration, 0)).toBe(0);
    expect(stepIndex(calibration, 89)).toBe(0);
    expect(stepIndex(calibration, 99)).toBe(1);
  });

  it('is null without validated predictions that have a confidence', () => {
    expect(fitCalibration(new Map(), new Map([[50, 3]]))).toBeNull();
  });

  it('reports the expected calibration error before and after', () => {
    // Confidence about 0.95 but right half the time: ECE 0.45 before, 0 after (in-sample).
    const bins = reliability([[95, 100, 50]]);
    const calibration = fitCalibration(bins, new Map([[95, 100]]))!;
    expect(calibration.errorBefore).toBeCloseTo(0.455, 6);
    expect(calibration.errorAfter).toBeCloseTo(0, 12);
    expect(calibrationError(bins, calibration)).toEqual({
      before: calibration.errorBefore,
      after: calibration.errorAfter,
    });
  });
});

describe('estimatePerformance', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const calibration = fitCalibration(
    reliability([
      [50, 100, 40],
      [90, 100, 80],
    ]),
    new Map([
      [50, 100],
      [90, 100],
    ]),
  )!;

  it('averages calibrated confidence, with a band from the window size and the calibration', () => {
    const tally = tallyRows([
      ...Array.from({ length: 300 }, () => ({ predictedAt: at, predicted: 'a', confidence: 0.95, actual: null })),
      ...Array.from({ length: 100 }, () => ({ predictedAt: at, predicted: 'b', confidence: 0.55, actual: null })),
      { predictedAt: at, predicted: 'b', confidence: null, actual: null },
    ]);
    const estimate = estimatePerformance(tally, calibration)!;
    expect(estimate.predictions).toBe(400);
    expect(estimate.accuracy).toBeCloseTo((300 * 0.8 + 100 * 0.4) / 400, 12);
    const sampling = (300 * 0.8 * 0.2 + 100 * 0.4 * 0.6) / 400 ** 2;
    const calibrationPart = 0.75 ** 2 * calibration.steps[1].variance + 0.25 ** 2 * calibration.steps[0].variance;
    expect(estimate.standardError).toBeCloseTo(Math.sqrt(sampling + calibrationPart), 12);
    expect(estimate.accuracyHigh - estimate.accuracy).toBeCloseTo(1.959963984540054 * estimate.standardError, 12);
    // No class scores: no precision, recall or F1.
    expect([estimate.precision, estimate.recall, estimate.f1]).toEqual([null, null, null]);
  });

  it('is null when no prediction has a confidence', () => {
    expect(
      estimatePerformance(
        tallyRows([{ predictedAt: at, predicted: 'a', confidence: null, actual: null }]),
        calibration,
      ),
    ).toBeNull();
  });

  it('builds the expected confusion matrix from class scores', () => {
    const scores = (a: number) => [
      { label: 'a', score: a },
      { label: 'b', score: 1 - a },
    ];
    const tally = tallyRows([
      ...Array.from({ length: 10 }, () => ({
        predictedAt: at,
        predicted: 'a',
        confidence: 0.95,
        scores: scores(0.95),
        actual: null,
      })),
      ...Array.from({ length: 10 }, () => ({
        predictedAt: at,
        predicted: 'b',
        confidence: 0.55,
        scores: scores(0.45),
        actual: null,
      })),
    ]);
    // Expected: a→a 8, b(true)→a 2; b→b 4, a(true)→b 6. Precision a 0.8, b 0.4; recall a 8/14, b 4/6.
    const macro = macroFromScores(tally, calibration);
    expect(macro.precision).toBeCloseTo((0.8 + 0.4) / 2, 12);
    expect(macro.recall).toBeCloseTo((8 / 14 + 4 / 6) / 2, 12);
    expect(macro.f1).toBeCloseTo((16 / 24 + 8 / 16) / 2, 12);
  });
});
