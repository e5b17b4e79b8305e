import { describe, expect, it } from 'vitest';
import {
  advanceAlerts,
  type AlertChange,
  type LifecycleContext,
  type RuleSlot,
} from '../../server/core/alerts/lifecycle.js';
import { ruleOutcome, type WindowEvaluation } from '../../server/core/drift-rules/evaluate.js';
import { DRIFT_RULE_DEFAULTS, type DriftRule } from '../../server/core/drift-rules/rules.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

/** Day `d` with the given rules firing at `value` (threshold 0.2). */
function day(d: number, firing: Partial<Record<DriftRule, number>> = {}): WindowEvaluation {
  const rules: DriftRule[] = ['predicted-psi', 'accuracy-drop'];
  const outcomes = rules.map((rule) => {
    const value = firing[rule];
    return ruleOutcome(
      rule,
      {
        value: value ?? 0.01,
        threshold: 0.2,
        pValue: 1e-6,
        alpha: 0.01,
        reference: 'TRAINING',
        samples: { current: 500, reference: 60_000 },
        fired: value !== undefined,
        details: {},
      },
      DRIFT_RULE_DEFAULTS,
    );
  });
  return {
    start: new Date(T0 + d * DAY),
    end: new Date(T0 + (d + 1) * DAY),
    predictions: 500,
    validated: 300,
    predicted: null,
    actual: null,
    confidence: null,
    accuracy: null,
    outcomes,
    drift: outcomes.some((o) => o.fired),
  };
}

const context = (run: number): LifecycleContext => ({
  model: 'm',
  granularity: 'DAY',
  timeZone: 'UTC',
  baselineWindows: 4,
  resolveAfter: 3,
  now: new Date(T0 + (run + 1) * DAY + 60_000),
});

/** Runs the lifecycle once per day over 7-day horizons, as the job does. */
function runDays(days: WindowEvaluation[], from = 0): { slots: RuleSlot[]; changes: AlertChange[][] } {
  let slots: RuleSlot[] = [];
  const changes: AlertChange[][] = [];
  for (let run = from; run < days.length; run++) {
    const result = advanceAlerts(slots, days.slice(Math.max(0, run - 6), run + 1), context(run));
    slots = result.slots;
    changes.push(result.changes);
  }
  return { slots, changes };
}

const events = (changes: AlertChange[][]) =>
  changes.flatMap((cs, run) => cs.flatMap((c) => c.events.map((e) => `${run}:${c.alert.rule}:${e}`)));

describe('alert lifecycle', () => {
  it('opens once per (model, rule), updates while firing, resolves after 3 quiet windows', () => {
    const days = [
      day(0),
      day(1, { 'predicted-psi': 0.3 }),
      day(2, { 'predicted-psi': 0.5 }),
      day(3),
      day(4),
      day(5),
      day(6),
    ];
    const { slots, changes } = runDays(days);
    expect(events(changes)).toEqual(['1:predicted-psi:opened', '5:predicted-psi:resolved']);
    const updated = changes[2].find((c) => c.alert.rule === 'predicted-psi')!.alert;
    expect(updated).toMatchObject({
      id: `predicted-psi:${T0 + DAY}:m`,
      firedWindows: 2,
      severity: 'critical',
      firstWindow: { start: days[1].start, end: days[1].end },
    });
    expect(updated.lastWindow.start).toEqual(days[2].start);
    expect(updated.lastSeenAt).toEqual(context(2).now);
    expect(updated.openedAt).toEqual(context(1).now);
    expect(JSON.parse(updated.evidence)).toMatchObject({
      value: 0.5,
      threshold: 0.2,
      reference: 'TRAINING',
      samples: { current: 500, reference: 60_000 },
      firedWindows: 2,
    });
    expect(updated.message).toContain('PSI 0.5 > 0.2');
    expect(slots.find((s) => s.rule === 'predicted-psi')).toEqual({
      rule: 'predicted-psi',
      open: null,
      coveredUntil: days[5].start,
    });
  });

  it('a repeated run over the same windows changes nothing and notifies nothing', () => {
    const days = [day(0), day(1, { 'accuracy-drop': 0.3 }), day(2)];
    const first = advanceAlerts([], days, context(2));
    const again = advanceAlerts(first.slots, days, context(2));
    expect(first.changes.map((c) => c.events)).toEqual([['opened']]);
    expect(again.changes).toEqual([]);
    expect(again.slots).toEqual(first.slots);
  });

  it('severity is the worst reached: warning below twice the threshold, then critical', () => {
    const warning = advanceAlerts([], [day(0, { 'predicted-psi': 0.39 })], context(0));
    expect(warning.changes[0].alert.severity).toBe('warning');
    const critical = advanceAlerts(
      warning.slots,
      [day(0, { 'predicted-psi': 0.39 }), day(1, { 'predicted-psi': 0.4 }), day(2, { 'predicted-psi': 0.21 })],
      context(2),
    );
    expect(critical.changes[0].alert.severity).toBe('critical');
  });

  it('a window that fires only on re-check (late validations) opens the alert on that run', () => {
    const before = advanceAlerts([], [day(0), day(1)], context(1));
    expect(before.changes).toEqual([]);
    const after = advanceAlerts(before.slots, [day(0), day(1, { 'accuracy-drop': 0.3 }), day(2)], context(2));
    expect(after.changes.map((c) => [c.alert.id, c.events])).toEqual([[`accuracy-drop:${T0 + DAY}:m`, ['opened']]]);
  });

  it('windows judged by a resolved alert never reopen it; a later firing window opens a new one', () => {
    const days = [
      day(0, { 'predicted-psi': 0.3 }),
      day(1),
      day(2),
      day(3),
      day(4),
      day(5, { 'predicted-psi': 0.3 }),
      day(6),
    ];
    const { changes } = runDays(days);
    expect(events(changes)).toEqual(['0:predicted-psi:opened', '3:predicted-psi:resolved', '5:predicted-psi:opened']);
    const ids = changes
      .flat()
      .filter((c) => c.events.includes('opened'))
      .map((c) => c.alert.id);
    expect(new Set(ids).size).toBe(2);
  });

  it('an episode already over when first seen opens and resolves in one run; a rule no longer evaluated resolves', () => {
    const once = advanceAlerts([], [day(0, { 'predicted-psi': 0.3 }), day(1), day(2), day(3)], context(3));
    expect(once.changes.map((c) => c.events)).toEqual([['opened', 'resolved']]);
    const open = advanceAlerts([], [day(0, { 'accuracy-drop': 0.3 })], context(0));
    const silent = (d: number): WindowEvaluation => ({ ...day(d), outcomes: [] });
    const later = advanceAlerts(
      open.slots,
      [day(0, { 'accuracy-drop': 0.3 }), silent(1), silent(2), silent(3)],
      context(3),
    );
    expect(later.changes.map((c) => [c.alert.rule, c.events])).toEqual([['accuracy-drop', ['resolved']]]);
  });
});
