// §5 evaluation: the check-drift job's core replayed day by day over seeded synthetic streams.
// Detection delay = index of the run that opened the alert − onset day (0: the check right after
// the onset day closed). Figures are printed for the record.
import { describe, expect, it } from 'vitest';
import type { DriftRule } from '../../server/core/drift-rules/rules.js';
import {
  CLASSES,
  replayDailyChecks,
  streamDays,
  type Day,
  type DayPlan,
  type Opened,
  type StreamClass,
} from '../support/drift-streams.js';

const DAYS = 100;
const ONSET = 60;
const SIGNIFICANCE_RULES: readonly DriftRule[] = ['accuracy-drop', 'class-recall-drop'];

const plan = (predictions: number, validated: number, classes: readonly StreamClass[] = CLASSES): DayPlan => ({
  predictions,
  validated,
  classes,
});

/** Letters become five times as frequent: the predicted mix moves, the model is as good as before. */
const SHIFTED = CLASSES.map((c) => ({ ...c, share: c.label === 'letter' ? 0.3 : (c.share * 0.7) / 0.94 }));
/** Invoice recall falls 10 points (0.94 → 0.84); overall accuracy falls about 3.4 points. */
const DEGRADED = CLASSES.map((c) => (c.label === 'invoice' ? { ...c, recall: c.recall - 0.1 } : c));

function byRule(opened: readonly Opened[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of opened) counts[o.rule] = (counts[o.rule] ?? 0) + 1;
  return counts;
}

const firstAfterOnset = (opened: readonly Opened[], rules: readonly DriftRule[]) =>
  opened.find((o) => o.window >= ONSET && rules.includes(o.rule));

describe('stationary streams (training distribution, 100 daily windows)', () => {
  it.each([11, 12, 13])('seed %i: at most 2 false alerts across all rules', (seed) => {
    const days = streamDays(seed, DAYS, () => plan(1000, 0.6));
    const { opened } = replayDailyChecks(days);
    console.log(`stationary seed ${seed}: ${opened.length} false alerts`, byRule(opened));
    expect(opened.length).toBeLessThanOrEqual(2);
  });
});

describe('prediction-distribution shift at day 60', () => {
  it.each([21, 22, 23])('seed %i: a distribution alert within 1 window of onset, none before', (seed) => {
    const days = streamDays(seed, DAYS, (d) => plan(1000, 0.6, d < ONSET ? CLASSES : SHIFTED));
    const { opened, runs } = replayDailyChecks(days);
    const alert = firstAfterOnset(opened, ['predicted-psi', 'predicted-js']);
    const onset = runs[ONSET].at(-1)!;
    console.log(
      `shift seed ${seed}: delay ${alert ? alert.run - ONSET : 'none'} windows (${alert?.rule}); onset PSI ${onset.predicted?.psi.toFixed(3)}, JS ${onset.predicted?.jsDistance.toFixed(3)}; false alerts before onset ${opened.filter((o) => o.window < ONSET).length}`,
      byRule(opened),
    );
    expect(alert).toBeDefined();
    expect(alert!.run - ONSET).toBeLessThanOrEqual(1);
    expect(opened.filter((o) => o.window < ONSET)).toEqual([]);
  });
});

describe('accuracy drop of 10 points on one class at day 60', () => {
  it.each([31, 32, 33])('seed %i, ≥ 500 validated a day: an alert within 2 windows', (seed) => {
    const days = streamDays(seed, DAYS, (d) => plan(900, 0.6, d < ONSET ? CLASSES : DEGRADED));
    const { opened } = replayDailyChecks(days);
    const alert = firstAfterOnset(opened, [...SIGNIFICANCE_RULES, 'page-hinkley']);
    console.log(
      `accuracy drop seed ${seed} (540 validated/day): delay ${alert ? alert.run - ONSET : 'none'} windows (${alert?.rule})`,
      byRule(opened),
    );
    expect(alert).toBeDefined();
    expect(alert!.run - ONSET).toBeLessThanOrEqual(2);
    expect(opened.filter((o) => o.window < ONSET)).toEqual([]);
  });

  it.each([41, 42, 43])('seed %i, 20 validated a day: no significance-based alert', (seed) => {
    const days = streamDays(seed, DAYS, (d) => plan(20, 1, d < ONSET ? CLASSES : DEGRADED));
    const { opened } = replayDailyChecks(days);
    console.log(`accuracy drop seed ${seed} (20 validated/day): ${opened.length} alerts`, byRule(opened));
    expect(opened.filter((o) => SIGNIFICANCE_RULES.includes(o.rule))).toEqual([]);
  });
});

describe('late validations', () => {
  /** Each day's first check sees only every tenth validation; the next check sees them all. */
  const late = (day: Day, index: number, run: number): Day =>
    index < run
      ? day
      : {
          ...day,
          rows: day.rows.map((r, i) =>
            i % 10 === 0 || r.actual === null ? r : { ...r, actual: null, validatedAt: null },
          ),
        };

  it('update a window verdict on the next run, and open the alert then', () => {
    // A clear drop (20 points), so the verdict depends on the validations seen, not on chance.
    const worse = CLASSES.map((c) => (c.label === 'invoice' ? { ...c, recall: c.recall - 0.2 } : c));
    const days = streamDays(51, 70, (d) => plan(900, 0.6, d < ONSET ? CLASSES : worse));
    const { runs, opened } = replayDailyChecks(days, { view: late });
    const evaluation = (run: number, window: number) =>
      runs[run].find((e) => e.start.getTime() === days[window].start.getTime())!;
    const verdict = (run: number, window: number) =>
      evaluation(run, window).outcomes.find((o) => o.rule === 'class-recall-drop')!;
    const first = verdict(ONSET, ONSET);
    const second = verdict(ONSET + 1, ONSET);
    console.log(
      `late validations: day ${ONSET} first checked with ${evaluation(ONSET, ONSET).validated} validated → class-recall-drop ${first.fired}; re-checked with ${evaluation(ONSET + 1, ONSET).validated} → ${second.fired}`,
    );
    expect(first.fired).toBe(false);
    expect(second.fired).toBe(true);
    expect(opened.find((o) => o.rule === 'class-recall-drop')).toMatchObject({ window: ONSET, run: ONSET + 1 });
  });
});
