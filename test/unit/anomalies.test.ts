// Volume, silence and job-failure rules on plain data, and their alert lifecycle.
import { describe, expect, it } from 'vitest';
import { advanceAlerts } from '../../server/core/alerts/lifecycle.js';
import { jobFailureEvaluations } from '../../server/core/anomalies/job-failures.js';
import { ANOMALY_DEFAULTS } from '../../server/core/anomalies/rules.js';
import { silenceOutcome, volumeOutcome } from '../../server/core/anomalies/volume.js';
import { Random } from '../../server/core/demo/random.js';

const s = ANOMALY_DEFAULTS;

describe('volume-anomaly', () => {
  it('fires when the count is far from the same hour of previous weeks, in either direction', () => {
    expect(volumeOutcome(100, [100, 110, 90, 100], s)).toMatchObject({ fired: false, value: 0 });
    expect(volumeOutcome(30, [100, 110, 90, 100], s)).toMatchObject({
      fired: true,
      value: 0.7,
      details: { direction: 'down', usual: 100, weeks: 4 },
      reference: 'SAME_TIME_PREVIOUS_WEEKS',
    });
    expect(volumeOutcome(190, [100, 110, 90, 100], s)).toMatchObject({ fired: true, details: { direction: 'up' } });
    expect(volumeOutcome(0, [100, 100], s)).toMatchObject({ fired: true, value: 1, severity: 'critical' });
  });

  it('has no verdict without two weeks of history or below the usual level worth judging', () => {
    expect(volumeOutcome(0, [100], s)).toMatchObject({ fired: false, value: null });
    expect(volumeOutcome(0, [10, 12, 8, 9], s)).toMatchObject({ fired: false, value: null });
  });

  it('allows for weeks that vary more than Poisson', () => {
    // Weekly counts 60–140: 45 is not unusual although Poisson(100) would call it so.
    expect(volumeOutcome(45, [60, 140, 70, 130], s).fired).toBe(false);
  });

  it('raises no false alert over a stationary week of hourly Poisson volumes (seeded)', () => {
    const random = new Random(7);
    let alerts = 0;
    for (let hour = 0; hour < 7 * 24; hour++) {
      const level = 20 + 200 * Math.abs(Math.sin((hour / 24) * Math.PI));
      const history = Array.from({ length: 4 }, () => random.poisson(level));
      if (volumeOutcome(random.poisson(level), history, s).fired) alerts++;
    }
    expect(alerts).toBe(0);
  });
});

describe('prediction-silence', () => {
  it('fires on an empty span that usually has predictions', () => {
    expect(silenceOutcome(0, [20, 25], s)).toMatchObject({ fired: true, value: 22.5, details: { minutes: 60 } });
    expect(silenceOutcome(1, [20, 25], s)).toMatchObject({ fired: false, value: 0 });
    // Usually about 3: an empty hour happens by chance (e^-3 = 5%).
    expect(silenceOutcome(0, [2, 4], s).fired).toBe(false);
    expect(silenceOutcome(0, [], s)).toMatchObject({ fired: false, value: null });
  });
});

describe('job-failures', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
  const runs = (pattern: string) =>
    [...pattern].map((c, i) => ({
      startedAt: at(i * 10),
      finishedAt: at(i * 10 + 1),
      failed: c === 'F',
      error: c === 'F' ? 'boom' : null,
    }));

  it('fires from the Nth failure in a row and resolves after successful runs', () => {
    const evaluations = jobFailureEvaluations(runs('SFFFFSSS'), s);
    expect(evaluations.map((e) => e.drift)).toEqual([false, false, false, true, true, false, false, false]);
    expect(evaluations[3].outcomes[0]).toMatchObject({
      rule: 'job-failures',
      value: 3,
      threshold: 3,
      details: { failuresInARow: 3, lastError: 'boom' },
    });
    const { changes } = advanceAlerts([], evaluations, {
      model: 'check-drift',
      granularity: 'HOUR',
      windowName: 'run',
      timeZone: 'UTC',
      baselineWindows: 4,
      resolveAfter: 3,
      now: at(100),
    });
    expect(changes).toHaveLength(1);
    expect(changes[0].events).toEqual(['opened', 'resolved']);
    expect(changes[0].alert.message).toMatch(
      /^Job "check-drift": failed 4 times in a row \(alerting from 3\); 4 observations, run from /,
    );
  });

  it('two failures are not enough by default', () => {
    expect(jobFailureEvaluations(runs('FFSFF'), s).some((e) => e.drift)).toBe(false);
  });
});
