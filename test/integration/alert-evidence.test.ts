// The typed contract of alert evidence: one alert of every rule kind, its evidence written by the
// rules' own code (as check-drift and check-anomalies write it), read back over GraphQL as the
// object type of its kind, next to the deprecated JSON string.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { alertEvidence } from '../../server/core/alerts/describe.js';
import type { AlertRecord } from '../../server/core/alerts/lifecycle.js';
import { jobFailureEvaluations } from '../../server/core/anomalies/job-failures.js';
import { ANOMALY_DEFAULTS } from '../../server/core/anomalies/rules.js';
import { silenceOutcome, volumeOutcome } from '../../server/core/anomalies/volume.js';
import { estimatedAccuracyOutcome } from '../../server/core/drift-rules/estimated-accuracy.js';
import { evaluateWindow, type RuleOutcome } from '../../server/core/drift-rules/evaluate.js';
import { pageHinkleyOutcome } from '../../server/core/drift-rules/page-hinkley-replay.js';
import { DRIFT_RULE_DEFAULTS } from '../../server/core/drift-rules/rules.js';
import { emptyTally } from '../../server/core/tally.js';
import { startTestApp, type TestApp } from '../support/app.js';

const first = { start: new Date('2026-03-10T00:00:00Z'), end: new Date('2026-03-11T00:00:00Z') };
const last = { start: new Date('2026-03-11T00:00:00Z'), end: new Date('2026-03-12T00:00:00Z') };
const context = { model: 'default', granularity: 'DAY', timeZone: 'UTC', baselineWindows: 4 } as const;

function outcomes(): RuleOutcome[] {
  const window = evaluateWindow(
    last,
    emptyTally(),
    emptyTally(),
    { kind: 'TRAINING', training: null },
    DRIFT_RULE_DEFAULTS,
  );
  const failing = jobFailureEvaluations(
    [
      {
        startedAt: last.start,
        finishedAt: last.end,
        failed: true,
        error: 'DATABASE_UNAVAILABLE: the database did not answer',
      },
    ],
    { ...ANOMALY_DEFAULTS, jobFailures: 1 },
  );
  return [
    ...window.outcomes,
    pageHinkleyOutcome(
      { alarms: 1, validated: 200, errors: 50, before: { count: 1000, mean: 0.1, sum: 0 } },
      DRIFT_RULE_DEFAULTS,
    ),
    estimatedAccuracyOutcome(emptyTally(), null, DRIFT_RULE_DEFAULTS),
    volumeOutcome(10, [40, 44, 36], ANOMALY_DEFAULTS),
    silenceOutcome(0, [40, 44, 36], ANOMALY_DEFAULTS),
    ...failing.flatMap((w) => w.outcomes),
  ];
}

const alertOf = (outcome: RuleOutcome): AlertRecord => ({
  id: `${outcome.rule}:test`,
  model: 'default',
  rule: outcome.rule,
  severity: 'critical',
  openedAt: last.end,
  lastSeenAt: last.end,
  resolvedAt: null,
  firstWindow: first,
  lastWindow: last,
  firedWindows: 2,
  message: `${outcome.rule} fired`,
  evidence: alertEvidence(outcome, last, context, { firstWindow: first, firedWindows: 2 }),
});

const QUERY = `{ alerts { rule kind severity evidence findings {
  __typename statistic value threshold pValue alpha reference baselineWindows
  window { start end granularity timeZone } samples { current reference } firstWindow { start end } firedWindows
  ... on DistributionEvidence { minSamples }
  ... on AccuracyDropEvidence { accuracy baselineAccuracy minSamples }
  ... on ClassRecallDropEvidence { label recall baselineRecall classesTested minSamples }
  ... on PageHinkleyEvidence { errors errorRate runningErrorRate lambda delta }
  ... on EstimatedAccuracyDropEvidence { estimatedAccuracy referenceEstimatedAccuracy calibrationSamples minSamples }
  ... on VolumeAnomalyEvidence { predictions usual direction weeks }
  ... on PredictionSilenceEvidence { minutes predictions usual weeks }
  ... on JobFailuresEvidence { failuresInARow lastError }
} } }`;

interface Findings extends Record<string, unknown> {
  __typename: string;
}
interface Alert {
  rule: string;
  kind: string;
  severity: string;
  evidence: string;
  findings: Findings | null;
}

let app: TestApp;
let alerts: Map<string, Alert>;
beforeAll(async () => {
  app = await startTestApp('alert_evidence');
  await app.runtime.services.alerts.record(outcomes().map((o) => ({ alert: alertOf(o), events: [] })));
  const res = await app.gql<{ alerts: Alert[] }>(QUERY);
  expect(res.errors).toBeUndefined();
  alerts = new Map(res.data!.alerts.map((a) => [a.rule, a]));
}, 120_000);
afterAll(() => app?.close());

const common = (reference: string, baselineWindows: number | null = null) => ({
  reference,
  baselineWindows,
  window: { start: last.start.toISOString(), end: last.end.toISOString(), granularity: 'DAY', timeZone: 'UTC' },
  firstWindow: { start: first.start.toISOString(), end: first.end.toISOString() },
  firedWindows: 2,
});

test('every rule kind: its enum, a lower-case severity, and its evidence as the object type of its kind', () => {
  expect([...alerts.keys()].sort()).toEqual([...DRIFT_RULE_DEFAULTS.enabled].sort());
  for (const a of alerts.values()) {
    expect(a.kind).toBe(a.rule.toUpperCase().replaceAll('-', '_'));
    expect(a.severity).toBe('critical');
  }
  for (const rule of ['predicted-psi', 'predicted-js', 'actual-psi', 'actual-js']) {
    expect(alerts.get(rule)!.findings).toEqual({
      __typename: 'DistributionEvidence',
      statistic: rule.endsWith('psi') ? 'psi' : 'js-distance',
      value: null,
      threshold: rule.endsWith('psi') ? 0.2 : 0.1,
      pValue: null,
      alpha: 0.01,
      samples: { current: 0, reference: 0 },
      minSamples: 100,
      ...common('TRAINING'),
    });
  }
  expect(alerts.get('confidence-ks')!.findings).toMatchObject({
    __typename: 'DistributionEvidence',
    statistic: 'ks-statistic',
    minSamples: 100,
    ...common('BASELINE', 4),
  });
  expect(alerts.get('accuracy-drop')!.findings).toMatchObject({
    __typename: 'AccuracyDropEvidence',
    accuracy: null,
    baselineAccuracy: null,
    minSamples: 100,
    ...common('BASELINE', 4),
  });
  expect(alerts.get('class-recall-drop')!.findings).toMatchObject({
    __typename: 'ClassRecallDropEvidence',
    statistic: 'recall-drop',
    alpha: 0.001,
    label: null,
    recall: null,
    baselineRecall: null,
    classesTested: 0,
    minSamples: 100,
    ...common('BASELINE', 4),
  });
  expect(alerts.get('page-hinkley')!.findings).toMatchObject({
    __typename: 'PageHinkleyEvidence',
    value: 1,
    threshold: 1,
    alpha: null,
    samples: { current: 200, reference: 1000 },
    errors: 50,
    errorRate: 0.25,
    runningErrorRate: 0.1,
    lambda: DRIFT_RULE_DEFAULTS.pageHinkley.lambda,
    delta: DRIFT_RULE_DEFAULTS.pageHinkley.delta,
    ...common('RUNNING_MEAN'),
  });
  expect(alerts.get('estimated-accuracy-drop')!.findings).toMatchObject({
    __typename: 'EstimatedAccuracyDropEvidence',
    estimatedAccuracy: null,
    referenceEstimatedAccuracy: null,
    calibrationSamples: 0,
    minSamples: 100,
    ...common('CALIBRATION'),
  });
  expect(alerts.get('volume-anomaly')!.findings).toMatchObject({
    __typename: 'VolumeAnomalyEvidence',
    value: 0.75,
    predictions: 10,
    usual: 40,
    direction: 'down',
    weeks: 3,
    samples: { current: 10, reference: 3 },
    ...common('SAME_TIME_PREVIOUS_WEEKS'),
  });
  expect(alerts.get('prediction-silence')!.findings).toMatchObject({
    __typename: 'PredictionSilenceEvidence',
    value: 40,
    minutes: 60,
    predictions: 0,
    usual: 40,
    weeks: 3,
    ...common('SAME_TIME_PREVIOUS_WEEKS'),
  });
  expect(alerts.get('job-failures')!.findings).toMatchObject({
    __typename: 'JobFailuresEvidence',
    value: 1,
    failuresInARow: 1,
    lastError: 'DATABASE_UNAVAILABLE: the database did not answer',
    ...common('NONE'),
  });
});

test('the deprecated JSON string still carries the same figures, with the rule details under details', () => {
  const recall = alerts.get('class-recall-drop')!;
  expect(JSON.parse(recall.evidence)).toMatchObject({
    rule: 'class-recall-drop',
    reference: 'BASELINE',
    details: { classesTested: 0, minSamples: 100 },
    firedWindows: 2,
  });
});

test('a damaged stored evidence gives null findings for that alert only', async () => {
  await app.runtime.services.alerts.record([
    { alert: { ...alertOf(outcomes()[0]), id: 'damaged', model: 'default', evidence: '{"value": "x"}' }, events: [] },
  ]);
  const res = await app.gql<{ alerts: { id: string; findings: { __typename: string } | null }[] }>(
    `{ alerts { id findings { __typename } } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.alerts.filter((a) => a.findings === null).map((a) => a.id)).toEqual(['damaged']);
});
