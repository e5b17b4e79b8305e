import { expect, test } from 'vitest';
import {
  badgeText,
  evidenceJson,
  evidenceLines,
  RULE_TITLES,
  ruleTitle,
} from '../../dashboard/src/lib/alert-evidence.js';
import type { AlertEvidenceFieldsFragment } from '../../dashboard/src/gql/graphql.js';

// What the API's `findings` answers for the AlertEvidenceFields fragment.
const common = {
  pValue: 3.1e-9,
  alpha: 0.001,
  reference: 'BASELINE',
  baselineWindows: 4,
  window: { start: '2026-03-12T00:00:00.000Z', end: '2026-03-13T00:00:00.000Z', granularity: 'DAY', timeZone: 'UTC' },
  samples: { current: 251, reference: 1032 },
  firstWindow: { start: '2026-03-11T00:00:00.000Z', end: '2026-03-12T00:00:00.000Z' },
  firedWindows: 2,
} as const;

const recallDrop: AlertEvidenceFieldsFragment = {
  ...common,
  __typename: 'ClassRecallDropEvidence',
  statistic: 'recall-drop',
  value: 0.3521,
  threshold: 0.05,
  label: 'bank_statement',
  recall: 0.5498,
  baselineRecall: 0.9019,
  classesTested: 6,
  minSamples: 100,
};

test('evidence reads as labelled lines: value against threshold, significance, reference, window, samples, rule figures', () => {
  expect(evidenceLines(recallDrop, 'Europe/Berlin')).toEqual([
    { label: 'Value', value: '35.2 points (threshold 5 points)' },
    { label: 'Significance', value: 'p = 3.1e-9 (must be below 0.001)' },
    { label: 'Compared with', value: 'The 4 previous windows' },
    { label: 'Window', value: '12 Mar 2026, 01:00 – 13 Mar 2026, 01:00 (day)' },
    { label: 'Observations', value: '251 in the window, 1,032 in the reference' },
    { label: 'Class', value: 'bank_statement' },
    { label: 'Recall', value: '55.0%' },
    { label: 'Baseline recall', value: '90.2%' },
    { label: 'Classes tested', value: '6' },
    { label: 'Episode began', value: '11 Mar 2026, 01:00 – 12 Mar 2026, 01:00' },
    { label: 'Windows fired', value: '2' },
  ]);
});

test('the episode start is left out while it is the window itself', () => {
  const lines = evidenceLines(
    { ...recallDrop, firstWindow: { start: common.window.start, end: common.window.end }, firedWindows: 1 },
    'UTC',
  );
  expect(lines.map((l) => l.label)).not.toContain('Episode began');
  expect(lines.at(-1)).toEqual({ label: 'Windows fired', value: '1' });
});

test('distribution rules show the statistic as a number against the training distribution, and no figure of their own', () => {
  const psi: AlertEvidenceFieldsFragment = {
    ...common,
    __typename: 'DistributionEvidence',
    statistic: 'psi',
    value: 4.6052,
    threshold: 0.2,
    pValue: 0,
    alpha: 0.01,
    reference: 'TRAINING',
    baselineWindows: null,
    minSamples: 20,
  };
  const lines = evidenceLines(psi, 'UTC');
  expect(lines.slice(0, 3)).toEqual([
    { label: 'Value', value: '4.61 (threshold 0.2)' },
    { label: 'Significance', value: 'p = 0 (must be below 0.01)' },
    { label: 'Compared with', value: 'The training distribution' },
  ]);
  expect(lines.slice(5).map((l) => l.label)).toEqual(['Episode began', 'Windows fired']);
});

test('Page–Hinkley has no test: alarms, its running error rate, no significance line', () => {
  const ph: AlertEvidenceFieldsFragment = {
    ...common,
    __typename: 'PageHinkleyEvidence',
    statistic: 'page-hinkley-alarms',
    value: 1,
    threshold: 1,
    pValue: null,
    alpha: null,
    reference: 'RUNNING_MEAN',
    baselineWindows: null,
    errors: 30,
    errorRate: 0.125,
    runningErrorRate: 0.08,
    lambda: 50,
    delta: 0.005,
  };
  const lines = evidenceLines(ph, 'UTC');
  expect(lines.slice(0, 2)).toEqual([
    { label: 'Value', value: '1 alarm (threshold 1 alarm)' },
    { label: 'Compared with', value: 'Its running error rate' },
  ]);
  expect(lines.slice(4, 9)).toEqual([
    { label: 'Errors', value: '30' },
    { label: 'Error rate', value: '12.5%' },
    { label: 'Running error rate before', value: '8.0%' },
    { label: 'λ (alarm threshold)', value: '50' },
    { label: 'δ (tolerated change)', value: '0.005' },
  ]);
});

test('anomaly kinds: a missing value has no Value line; unknown figures show a dash', () => {
  const volume: AlertEvidenceFieldsFragment = {
    ...common,
    __typename: 'VolumeAnomalyEvidence',
    statistic: 'relative-change',
    value: null,
    threshold: 0.5,
    reference: 'SAME_TIME_PREVIOUS_WEEKS',
    baselineWindows: null,
    predictions: 12,
    usual: null,
    direction: null,
    weeks: 1,
  };
  const lines = evidenceLines(volume, 'UTC');
  expect(lines.map((l) => l.label)).not.toContain('Value');
  expect(lines).toEqual(
    expect.arrayContaining([
      { label: 'Compared with', value: 'The same time in previous weeks' },
      { label: 'Usual', value: '—' },
      { label: 'Direction', value: '—' },
    ]),
  );
  const job: AlertEvidenceFieldsFragment = {
    ...volume,
    __typename: 'JobFailuresEvidence',
    statistic: 'failures-in-a-row',
    value: 3,
    threshold: 3,
    reference: 'NONE',
    failuresInARow: 3,
    lastError: 'DATABASE_UNAVAILABLE: x',
  };
  expect(evidenceLines(job, 'UTC')).toEqual(
    expect.arrayContaining([
      { label: 'Failures in a row', value: '3' },
      { label: 'Last error', value: 'DATABASE_UNAVAILABLE: x' },
    ]),
  );
});

test('the JSON view is the typed evidence indented', () => {
  expect(JSON.parse(evidenceJson(recallDrop))).toEqual(recallDrop);
  expect(evidenceJson(recallDrop)).toContain('\n  "__typename": "ClassRecallDropEvidence"');
});

test('a title for every rule kind; the badge hides at zero and caps at 99+', () => {
  expect(ruleTitle('ACCURACY_DROP')).toBe('Accuracy dropped');
  expect(Object.keys(RULE_TITLES)).toHaveLength(12);
  expect(badgeText(0)).toBe('');
  expect(badgeText(3)).toBe('3');
  expect(badgeText(100)).toBe('99+');
});
