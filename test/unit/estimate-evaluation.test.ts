// The issue's "done when" for confidence-based estimation, on seeded streams with known truth:
// over-confident scores, 14 labelled reference days (half validated), then labels withheld; with a
// covariate shift at day 30 (accuracy about 0.80 → 0.66) or none. 2,000 predictions a day.
// Figures are printed for the record.
import { describe, expect, it } from 'vitest';
import { fitCalibration, type Calibration } from '../../server/core/calibration.js';
import { DRIFT_RULE_DEFAULTS } from '../../server/core/drift-rules/rules.js';
import { estimatePerformance } from '../../server/core/estimate.js';
import { mergeAll, tallyRows } from '../../server/core/tally.js';
import { SETTINGS, replayDailyChecks } from '../support/drift-streams.js';
import { estimateDays, trueMacro, type EstimateDay } from '../support/estimate-streams.js';

const DAYS = 60;
const REFERENCE = 14;
const ONSET = 30;
const PER_DAY = 2000;
const SEEDS = [101, 102, 103, 104, 105];

const stream = (seed: number, shift: boolean): EstimateDay[] =>
  estimateDays(seed, DAYS, (d) => ({
    predictions: PER_DAY,
    validated: d < REFERENCE ? 0.5 : 0,
    shift: shift && d >= ONSET ? -0.8 : 0,
  }));

function calibrate(days: readonly EstimateDay[]): Calibration {
  const reference = mergeAll(days.slice(0, REFERENCE).map((d) => tallyRows(d.rows)));
  const calibration = fitCalibration(reference.reliability, reference.confidence);
  if (!calibration) throw new Error('no calibration');
  return calibration;
}

describe('estimated accuracy against the truth, daily windows after the reference', () => {
  it.each(SEEDS)('seed %i: within 0.03 in ≥ 90% of windows, inside the band in ≥ 80%', (seed) => {
    const days = stream(seed, true);
    const calibration = calibrate(days);
    const windows = days
      .slice(REFERENCE)
      .map((d) => ({ truth: d.accuracy, estimate: estimatePerformance(tallyRows(d.rows), calibration)! }));
    const close = windows.filter((w) => Math.abs(w.estimate.accuracy - w.truth) <= 0.03).length / windows.length;
    const covered =
      windows.filter((w) => w.estimate.accuracyLow <= w.truth && w.truth <= w.estimate.accuracyHigh).length /
      windows.length;
    const worst = Math.max(...windows.map((w) => Math.abs(w.estimate.accuracy - w.truth)));
    const width = windows.reduce((s, w) => s + w.estimate.accuracyHigh - w.estimate.accuracyLow, 0) / windows.length;
    console.log(
      `estimate seed ${seed}: ${windows.length} windows, within 0.03: ${(close * 100).toFixed(1)}%, in band: ${(covered * 100).toFixed(1)}%, worst error ${worst.toFixed(4)}, mean band width ${width.toFixed(4)}; ECE ${calibration.errorBefore.toFixed(3)} → ${calibration.errorAfter.toFixed(3)} on ${calibration.samples} labels`,
    );
    expect(close).toBeGreaterThanOrEqual(0.9);
    expect(covered).toBeGreaterThanOrEqual(0.8);
    // Raw confidence alone would be far off: the calibration is what makes the estimate right.
    expect(calibration.errorBefore).toBeGreaterThan(0.1);
    expect(calibration.errorAfter).toBeLessThan(0.01);
  });

  it('macro precision, recall and F1 from class scores track the truth', () => {
    const days = stream(SEEDS[0], true);
    const calibration = calibrate(days);
    const errors = days.slice(REFERENCE).map((d) => {
      const estimate = estimatePerformance(tallyRows(d.rows), calibration)!;
      const truth = trueMacro(d);
      return Math.max(
        Math.abs(estimate.precision! - truth.precision),
        Math.abs(estimate.recall! - truth.recall),
        Math.abs(estimate.f1! - truth.f1),
      );
    });
    const worst = Math.max(...errors);
    console.log(`macro precision/recall/F1: worst daily error ${worst.toFixed(4)}`);
    expect(worst).toBeLessThan(0.06);
  });
});

describe('estimated-accuracy-drop over 60 days, labels withheld after day 14', () => {
  const settings = { ...SETTINGS, rules: { ...DRIFT_RULE_DEFAULTS, enabled: ['estimated-accuracy-drop' as const] } };

  it.each(SEEDS)('seed %i: shift at day 30 alerts within 2 days, nothing before', (seed) => {
    const days = stream(seed, true);
    const { opened } = replayDailyChecks(days, { settings, calibration: calibrate(days) });
    const first = opened.find((o) => o.window >= ONSET);
    console.log(
      `estimated drift seed ${seed}: alert ${first ? `for day ${first.window}, opened by the run after day ${first.run} (delay ${first.run - ONSET + 1} days)` : 'none'}; before onset: ${opened.filter((o) => o.window < ONSET).length}`,
    );
    expect(first).toBeDefined();
    // The run after day ONSET closes is 1 day after the shift began.
    expect(first!.run - ONSET + 1).toBeLessThanOrEqual(2);
    expect(opened.filter((o) => o.window < ONSET)).toEqual([]);
  });

  it.each(SEEDS)('seed %i: no shift, no alert', (seed) => {
    const days = stream(seed, false);
    const { opened } = replayDailyChecks(days, { settings, calibration: calibrate(days) });
    console.log(`estimated drift seed ${seed}, no shift: ${opened.length} alerts over ${DAYS} days`);
    expect(opened).toEqual([]);
  });
});
