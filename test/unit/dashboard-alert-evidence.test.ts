import { expect, test } from 'vitest';
import { badgeText, evidenceLines, prettyJson, ruleTitle } from '../../dashboard/src/lib/alert-evidence.js';

// The shape server/core/alerts/describe.ts writes (alertEvidence).
const recallDrop = JSON.stringify({
  rule: 'class-recall-drop',
  statistic: 'recall-drop',
  value: 0.3521,
  threshold: 0.05,
  pValue: 3.1e-9,
  alpha: 0.001,
  reference: 'BASELINE',
  baselineWindows: 4,
  window: { start: '2026-03-12T00:00:00.000Z', end: '2026-03-13T00:00:00.000Z', granularity: 'DAY', timeZone: 'UTC' },
  samples: { current: 251, reference: 1032 },
  details: { label: 'bank_statement', recall: 0.5498, baselineRecall: 0.9019, classesTested: 6, minSamples: 100 },
  firstWindow: { start: '2026-03-11T00:00:00.000Z', end: '2026-03-12T00:00:00.000Z' },
  firedWindows: 2,
});

test('evidence reads as labelled lines: value against threshold, significance, reference, window, samples, details', () => {
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
  const first = JSON.parse(recallDrop) as { window: object; firstWindow: object; firedWindows: number };
  const lines = evidenceLines(JSON.stringify({ ...first, firstWindow: { start: '2026-03-12T00:00:00.000Z', end: '2026-03-13T00:00:00.000Z' }, firedWindows: 1 }), 'UTC');
  expect(lines?.map((l) => l.label)).not.toContain('Episode began');
  expect(lines?.at(-1)).toEqual({ label: 'Windows fired', value: '1' });
});

test('distribution rules show the statistic as a number against the training distribution', () => {
  const psi = JSON.stringify({ rule: 'predicted-psi', statistic: 'psi', value: 4.6052, threshold: 0.2, pValue: 0, alpha: 0.01, reference: 'TRAINING', samples: { current: 40, reference: 1000 }, details: { minSamples: 20 } });
  const lines = evidenceLines(psi, 'UTC');
  expect(lines?.slice(0, 3)).toEqual([
    { label: 'Value', value: '4.61 (threshold 0.2)' },
    { label: 'Significance', value: 'p = 0 (must be below 0.01)' },
    { label: 'Compared with', value: 'The training distribution' },
  ]);
});

test('Page–Hinkley has no test: alarms, its running error rate, no significance line', () => {
  const ph = JSON.stringify({ rule: 'page-hinkley', statistic: 'page-hinkley-alarms', value: 1, threshold: 1, pValue: null, alpha: null, reference: 'RUNNING_MEAN', details: { errorRate: 0.125, runningErrorRate: 0.08, unknownKey: 'x' } });
  expect(evidenceLines(ph, 'UTC')).toEqual([
    { label: 'Value', value: '1 alarm (threshold 1 alarm)' },
    { label: 'Compared with', value: 'Its running error rate' },
    { label: 'Error rate', value: '12.5%' },
    { label: 'Running error rate before', value: '8.0%' },
    { label: 'Unknown key', value: 'x' },
  ]);
});

test('evidence that is not a JSON object has no lines; its text is shown as it is', () => {
  expect(evidenceLines('not json', 'UTC')).toBeNull();
  expect(evidenceLines('[1,2]', 'UTC')).toBeNull();
  expect(prettyJson('not json')).toBe('not json');
  expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
});

test('rule titles for people, unknown rules by name; the badge hides at zero and caps at 99+', () => {
  expect(ruleTitle('accuracy-drop')).toBe('Accuracy dropped');
  expect(ruleTitle('some-new-rule')).toBe('some-new-rule');
  expect(badgeText(0)).toBe('');
  expect(badgeText(3)).toBe('3');
  expect(badgeText(100)).toBe('99+');
});
