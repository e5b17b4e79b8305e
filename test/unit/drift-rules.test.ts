import { describe, expect, it } from 'vitest';
import { evaluateWindow } from '../../server/core/drift-rules/evaluate.js';
import { DRIFT_RULE_DEFAULTS, type DriftRule, type DriftRuleSettings } from '../../server/core/drift-rules/rules.js';
import { closedWindows, rangeWindows, rollingBaselines } from '../../server/core/drift-rules/windows.js';
import { tallyRows, type Tally } from '../../server/core/tally.js';

const W = { start: new Date('2026-03-10T00:00:00Z'), end: new Date('2026-03-11T00:00:00Z') };

interface Spec {
  predicted: string;
  actual?: string | null;
  confidence?: number | null;
  n: number;
}

/** A tally from blocks of identical rows. */
function tally(...specs: Spec[]): Tally {
  const rows = specs.flatMap((s) =>
    Array.from({ length: s.n }, () => ({
      predictedAt: W.start,
      predicted: s.predicted,
      actual: s.actual ?? null,
      confidence: s.confidence ?? null,
    })),
  );
  return tallyRows(rows);
}

const outcome = (
  t: Tally,
  base: Tally,
  rule: DriftRule,
  settings: DriftRuleSettings = DRIFT_RULE_DEFAULTS,
  training = [
    { label: 'a', count: 500 },
    { label: 'b', count: 500 },
  ],
) => evaluateWindow(W, t, base, { kind: 'TRAINING', training }, settings).outcomes.find((o) => o.rule === rule)!;

describe('evaluateWindow', () => {
  it('fires predicted-psi and predicted-js on a large shift confirmed by chi-square; predicted stats are the DriftPoint fields', () => {
    const current = tally({ predicted: 'a', n: 160 }, { predicted: 'b', n: 40 });
    const e = evaluateWindow(
      W,
      current,
      tally(),
      {
        kind: 'TRAINING',
        training: [
          { label: 'a', count: 500 },
          { label: 'b', count: 500 },
        ],
      },
      DRIFT_RULE_DEFAULTS,
    );
    // p = (0.5, 0.5), q = (0.8, 0.2): PSI = 0.3 ln 1.6 + 0.3 ln 2.5.
    expect(e.predicted!.psi).toBeCloseTo(0.3 * Math.log(1.6) + 0.3 * Math.log(2.5), 12);
    expect(e.predicted!.chiSquareP).toBeLessThan(1e-10);
    expect(e.outcomes.filter((o) => o.fired).map((o) => o.rule)).toEqual(['predicted-psi', 'predicted-js']);
    expect(e.drift).toBe(true);
    // Nothing validated, no confidence, empty baseline: those figures are null, not 0.
    expect([e.actual, e.confidence, e.accuracy]).toEqual([null, null, null]);
  });

  it('significance alone never fires: a tiny but highly significant shift on many rows stays quiet', () => {
    const current = tally({ predicted: 'a', n: 52_000 }, { predicted: 'b', n: 48_000 });
    const psi = outcome(current, tally(), 'predicted-psi');
    expect(psi.pValue).toBeLessThan(1e-30);
    expect(psi.value).toBeLessThan(0.01);
    expect(psi.fired).toBe(false);
  });

  it('a large PSI on fewer than minSamples observations does not fire', () => {
    const current = tally({ predicted: 'a', n: 90 }, { predicted: 'b', n: 9 });
    expect(outcome(current, tally(), 'predicted-psi')).toMatchObject({
      fired: false,
      samples: { current: 99, reference: 1000 },
    });
    expect(outcome(current, tally(), 'predicted-psi', { ...DRIFT_RULE_DEFAULTS, minSamples: 50 }).fired).toBe(true);
  });

  it('actual-* compare the true classes of validated predictions; BASELINE compares with the baseline windows', () => {
    const base = tally({ predicted: 'a', actual: 'a', n: 100 }, { predicted: 'b', actual: 'b', n: 100 });
    const current = tally({ predicted: 'a', actual: 'b', n: 150 }, { predicted: 'b', actual: 'b', n: 50 });
    const e = evaluateWindow(W, current, base, { kind: 'BASELINE', training: null }, DRIFT_RULE_DEFAULTS);
    expect(e.predicted!.psi).toBeCloseTo(0.25 * Math.log(1.5) + 0.25 * Math.log(2), 12);
    expect(e.actual!.current).toBe(200);
    // All 'b' against half 'b': the smoothed zero keeps PSI finite and large.
    expect(e.actual!.psi).toBeGreaterThan(2);
    expect(e.outcomes.find((o) => o.rule === 'actual-psi')).toMatchObject({ fired: true, reference: 'BASELINE' });
  });

  it('accuracy-drop: delta against the baseline, flagged only beyond 5 points, p < 0.01 and 100 validated on both sides', () => {
    const base = tally({ predicted: 'a', actual: 'a', n: 360 }, { predicted: 'b', actual: 'a', n: 40 });
    const worse = tally({ predicted: 'a', actual: 'a', n: 156 }, { predicted: 'b', actual: 'a', n: 44 });
    const e = evaluateWindow(W, worse, base, { kind: 'TRAINING', training: null }, DRIFT_RULE_DEFAULTS);
    expect(e.accuracy).toMatchObject({ accuracy: 0.78, baselineAccuracy: 0.9, validated: 200, baselineValidated: 400 });
    expect(e.accuracy!.delta).toBeCloseTo(-0.12, 12);
    expect(e.outcomes.find((o) => o.rule === 'accuracy-drop')).toMatchObject({
      fired: true,
      severity: 'critical',
      reference: 'BASELINE',
    });
    const few = tally({ predicted: 'a', actual: 'a', n: 40 }, { predicted: 'b', actual: 'a', n: 10 });
    expect(outcome(few, base, 'accuracy-drop')).toMatchObject({
      fired: false,
      samples: { current: 50, reference: 400 },
    });
    // Six points worse on 200 is not significant at 0.01: no alert.
    const slightly = tally({ predicted: 'a', actual: 'a', n: 168 }, { predicted: 'b', actual: 'a', n: 32 });
    expect(outcome(slightly, base, 'accuracy-drop')).toMatchObject({ fired: false, severity: null });
  });

  it('class-recall-drop finds a drop confined to one class that overall accuracy hides', () => {
    const row = (label: string, right: number, wrong: number, other: string): Spec[] => [
      { predicted: label, actual: label, n: right },
      { predicted: other, actual: label, n: wrong },
    ];
    const base = tally(...row('a', 1880, 120, 'b'), ...row('b', 5640, 360, 'a'));
    const current = tally(...row('a', 420, 80, 'b'), ...row('b', 1410, 90, 'a'));
    const e = evaluateWindow(W, current, base, { kind: 'TRAINING', training: null }, DRIFT_RULE_DEFAULTS);
    expect(e.outcomes.find((o) => o.rule === 'accuracy-drop')!.fired).toBe(false);
    const recall = e.outcomes.find((o) => o.rule === 'class-recall-drop')!;
    expect(recall).toMatchObject({
      fired: true,
      details: { label: 'a', recall: 0.84, baselineRecall: 0.94, classesTested: 2 },
    });
    expect(recall.value).toBeCloseTo(0.1, 12);
  });

  it('confidence-ks compares the confidence histogram with the baseline windows, whatever the reference', () => {
    const base = tally({ predicted: 'a', confidence: 0.9, n: 400 }, { predicted: 'b', confidence: 0.6, n: 400 });
    const current = tally({ predicted: 'a', confidence: 0.9, n: 100 }, { predicted: 'b', confidence: 0.6, n: 200 });
    const ks = outcome(current, base, 'confidence-ks');
    expect(ks.value).toBeCloseTo(1 / 6, 12);
    expect(ks).toMatchObject({ fired: true, reference: 'BASELINE', samples: { current: 300, reference: 800 } });
  });

  it('only enabled rules are evaluated, and only they make the drift verdict', () => {
    const current = tally({ predicted: 'a', n: 160 }, { predicted: 'b', n: 40 });
    const e = evaluateWindow(
      W,
      current,
      tally(),
      {
        kind: 'TRAINING',
        training: [
          { label: 'a', count: 1 },
          { label: 'b', count: 1 },
        ],
      },
      { ...DRIFT_RULE_DEFAULTS, enabled: ['accuracy-drop'] },
    );
    expect(e.outcomes.map((o) => o.rule)).toEqual(['accuracy-drop']);
    expect(e.drift).toBe(false);
    expect(e.predicted).not.toBeNull();
  });

  it('TRAINING without a training distribution leaves the class distribution rules without a value', () => {
    const e = evaluateWindow(
      W,
      tally({ predicted: 'a', n: 200 }),
      tally(),
      { kind: 'TRAINING', training: [] },
      DRIFT_RULE_DEFAULTS,
    );
    expect(e.predicted).toBeNull();
    expect(e.outcomes.find((o) => o.rule === 'predicted-psi')).toMatchObject({ value: null, fired: false });
  });
});

describe('drift windows', () => {
  it('closedWindows: the last N whole calendar days before now, across a DST change', () => {
    const now = new Date('2026-03-31T10:00:00Z');
    const days = closedWindows(now, 3, 'DAY', 'Europe/Berlin');
    expect(days.map((d) => [d.start.toISOString(), d.end.toISOString()])).toEqual([
      ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z'],
      ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
      ['2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z'],
    ]);
    // At a boundary the window ending there is closed.
    expect(closedWindows(new Date('2026-03-30T22:00:00Z'), 1, 'DAY', 'Europe/Berlin')[0].end.toISOString()).toBe(
      '2026-03-30T22:00:00.000Z',
    );
  });

  it('rangeWindows: points clipped to the range, plus whole baseline buckets before the first', () => {
    const { points, whole } = rangeWindows(
      { start: new Date('2026-03-10T12:00:00Z'), end: new Date('2026-03-12T06:00:00Z') },
      'DAY',
      'UTC',
      2,
      100,
    );
    expect(points.map((p) => p.start.toISOString())).toEqual([
      '2026-03-10T12:00:00.000Z',
      '2026-03-11T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
    ]);
    expect(points[2].end.toISOString()).toBe('2026-03-12T06:00:00.000Z');
    expect(whole.map((w) => w.start.toISOString())).toEqual([
      '2026-03-08T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
      '2026-03-10T00:00:00.000Z',
      '2026-03-11T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
    ]);
    expect(() =>
      rangeWindows(
        { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') },
        'DAY',
        'UTC',
        4,
        30,
      ),
    ).toThrow(/31 buckets/);
  });

  it('rollingBaselines merges the windows before each one', () => {
    const t = (n: number) => tally({ predicted: 'a', n });
    const merged = rollingBaselines([t(1), t(2), t(4), t(8)], 2).map((b) => b.predictions);
    expect(merged).toEqual([0, 1, 3, 6]);
  });
});
