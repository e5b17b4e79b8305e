import { describe, expect, it } from 'vitest';
import { pageHinkleyScan } from '../../server/core/drift/index.js';
import {
  pageHinkleyOutcome,
  replayPageHinkley,
  type PageHinkleyCheckpoint,
  type ValidatedRow,
} from '../../server/core/drift-rules/page-hinkley-replay.js';
import { DRIFT_RULE_DEFAULTS } from '../../server/core/drift-rules/rules.js';
import { Random } from '../../server/core/demo/random.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const window = (d: number) => ({ start: new Date(T0 + d * DAY), end: new Date(T0 + (d + 1) * DAY) });

/** 400 validated rows a day, error rate 0.08, 0.25 from day `change`; rows shuffled. */
function days(count: number, change: number): ValidatedRow[][] {
  const random = new Random(7);
  return Array.from({ length: count }, (_, d) => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      at: T0 + d * DAY + Math.floor(random.next() * DAY),
      id: `${d}-${i}`,
      error: (random.chance(d >= change ? 0.25 : 0.08) ? 1 : 0) as 0 | 1,
    }));
    return rows.sort(() => random.next() - 0.5);
  });
}

describe('Page–Hinkley replay over re-checked windows', () => {
  const all = days(20, 12);
  const sorted = all.flat().sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));

  it('daily runs over a 7-window horizon, each resuming from the stored checkpoint, find the alarms of one uninterrupted scan', () => {
    const whole = pageHinkleyScan(sorted.map((r) => r.error));
    const alarmDays = new Set(whole.alarms.map((i) => Math.floor((sorted[i].at - T0) / DAY)));
    let stored: PageHinkleyCheckpoint[] = [];
    const fired = new Set<number>();
    for (let run = 0; run < 20; run++) {
      const first = Math.max(0, run - 6);
      const indexes = Array.from({ length: run - first + 1 }, (_, k) => first + k);
      const replay = replayPageHinkley(
        indexes.map(window),
        indexes.map((d) => all[d]),
        JSON.parse(JSON.stringify(stored)) as PageHinkleyCheckpoint[],
        DRIFT_RULE_DEFAULTS,
      );
      expect(replay.resumed).toBe(run > 0);
      replay.windows.forEach((w, k) => w.alarms > 0 && fired.add(indexes[k]));
      stored = replay.checkpoints;
    }
    expect(alarmDays.size).toBeGreaterThan(0);
    expect([...alarmDays].every((d) => d >= 12)).toBe(true);
    expect(fired).toEqual(alarmDays);
  });

  it('validations that arrive while their window is re-checked reach the detector on the next run', () => {
    const early = all.map((rows, d) => (d === 13 ? rows.slice(0, 40) : rows));
    const horizon = [8, 9, 10, 11, 12, 13];
    const first = replayPageHinkley(
      horizon.map(window),
      horizon.map((d) => early[d]),
      [],
      DRIFT_RULE_DEFAULTS,
    );
    const second = replayPageHinkley(
      horizon.map(window),
      horizon.map((d) => all[d]),
      first.checkpoints,
      DRIFT_RULE_DEFAULTS,
    );
    expect(first.windows[5].validated).toBe(40);
    expect(second.windows[5].validated).toBe(400);
    expect(second.windows[5].errors).toBeGreaterThan(first.windows[5].errors);
  });

  it('without a checkpoint for its first window (the job missed the horizon) it starts afresh', () => {
    const stale = [{ at: T0, state: { count: 5000, mean: 0.5, sum: 10 } }];
    const replay = replayPageHinkley([window(10)], [all[10]], stale, DRIFT_RULE_DEFAULTS);
    expect(replay.resumed).toBe(false);
    expect(replay.windows[0].before).toEqual({ count: 0, mean: 0, sum: 0 });
  });

  it('the outcome counts alarms: one fires, two or more are critical', () => {
    const quiet = pageHinkleyOutcome(
      { alarms: 0, validated: 400, errors: 30, before: { count: 800, mean: 0.08, sum: 3 } },
      DRIFT_RULE_DEFAULTS,
    );
    expect(quiet).toMatchObject({
      rule: 'page-hinkley',
      fired: false,
      severity: null,
      reference: 'RUNNING_MEAN',
      samples: { current: 400, reference: 800 },
    });
    expect(quiet.details).toMatchObject({ errorRate: 0.075, runningErrorRate: 0.08, lambda: 50 });
    expect(
      pageHinkleyOutcome(
        { alarms: 1, validated: 400, errors: 100, before: { count: 800, mean: 0.08, sum: 3 } },
        DRIFT_RULE_DEFAULTS,
      ).severity,
    ).toBe('warning');
    expect(
      pageHinkleyOutcome(
        { alarms: 2, validated: 400, errors: 100, before: { count: 0, mean: 0, sum: 0 } },
        DRIFT_RULE_DEFAULTS,
      ).severity,
    ).toBe('critical');
  });
});
