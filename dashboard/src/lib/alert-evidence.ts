// An alert's typed evidence (the API's `findings`) as labelled lines people can read.
import type { AlertEvidenceFieldsFragment, DriftRule, RuleReference } from '../gql/graphql.js';
import { formatCount, formatPercent, formatRange } from './format.js';
import { formatP } from './drift-data.js';

export interface EvidenceLine {
  label: string;
  value: string;
}

export const RULE_TITLES: Readonly<Record<DriftRule, string>> = {
  PREDICTED_PSI: 'Predicted classes drifted (PSI)',
  PREDICTED_JS: 'Predicted classes drifted (JS distance)',
  ACTUAL_PSI: 'True classes drifted (PSI)',
  ACTUAL_JS: 'True classes drifted (JS distance)',
  ACCURACY_DROP: 'Accuracy dropped',
  CLASS_RECALL_DROP: 'Recall of a class dropped',
  CONFIDENCE_KS: 'Confidence shifted (KS)',
  PAGE_HINKLEY: 'Error rate rose (Page–Hinkley)',
  ESTIMATED_ACCURACY_DROP: 'Estimated accuracy dropped (before labels)',
  VOLUME_ANOMALY: 'Prediction volume unusual',
  PREDICTION_SILENCE: 'Predictions stopped',
  JOB_FAILURES: 'A job keeps failing',
};

export function ruleTitle(kind: DriftRule): string {
  return RULE_TITLES[kind];
}

const REFERENCES: Readonly<Record<RuleReference, string>> = {
  TRAINING: 'The training distribution',
  BASELINE: 'The previous windows',
  RUNNING_MEAN: 'Its running error rate',
  CALIBRATION: 'The calibration reference (estimated)',
  SAME_TIME_PREVIOUS_WEEKS: 'The same time in previous weeks',
  NONE: 'Its limit',
};

const num = (x: number) => String(Number(x.toPrecision(3)));

/** Drops and recall drops are rates: shown in points; other statistics as plain numbers. */
function measure(statistic: string, x: number): string {
  if (statistic === 'accuracy-drop' || statistic === 'recall-drop' || statistic === 'estimated-accuracy-drop')
    return `${num(x * 100)} points`;
  if (statistic === 'page-hinkley-alarms') return `${x} alarm${x === 1 ? '' : 's'}`;
  return num(x);
}

function against(e: AlertEvidenceFieldsFragment): string {
  return e.reference === 'BASELINE' && e.baselineWindows
    ? `The ${e.baselineWindows} previous windows`
    : REFERENCES[e.reference];
}

const rate = (label: string, value: number | null): EvidenceLine => ({
  label,
  value: value === null ? '—' : formatPercent(value),
});
const figure = (label: string, value: number | null): EvidenceLine => ({
  label,
  value: value === null ? '—' : Number.isInteger(value) ? formatCount(value) : num(value),
});
const text = (label: string, value: string | null): EvidenceLine => ({ label, value: value ?? '—' });

/** The figures of the rule's own kind. The sample floor is a setting, not a finding: it is left out. */
function ruleLines(e: AlertEvidenceFieldsFragment): EvidenceLine[] {
  switch (e.__typename) {
    case 'DistributionEvidence':
      return [];
    case 'AccuracyDropEvidence':
      return [rate('Accuracy', e.accuracy), rate('Baseline accuracy', e.baselineAccuracy)];
    case 'ClassRecallDropEvidence':
      return [
        text('Class', e.label),
        rate('Recall', e.recall),
        rate('Baseline recall', e.baselineRecall),
        figure('Classes tested', e.classesTested),
      ];
    case 'PageHinkleyEvidence':
      return [
        figure('Errors', e.errors),
        rate('Error rate', e.errorRate),
        rate('Running error rate before', e.runningErrorRate),
        figure('λ (alarm threshold)', e.lambda),
        figure('δ (tolerated change)', e.delta),
      ];
    case 'EstimatedAccuracyDropEvidence':
      return [
        rate('Estimated accuracy', e.estimatedAccuracy),
        rate('Reference estimated accuracy', e.referenceEstimatedAccuracy),
        figure('Calibration samples', e.calibrationSamples),
      ];
    case 'VolumeAnomalyEvidence':
      return [
        figure('Predictions', e.predictions),
        figure('Usual', e.usual),
        text('Direction', e.direction),
        figure('Weeks', e.weeks),
      ];
    case 'PredictionSilenceEvidence':
      return [
        figure('Minutes', e.minutes),
        figure('Predictions', e.predictions),
        figure('Usual', e.usual),
        figure('Weeks', e.weeks),
      ];
    case 'JobFailuresEvidence':
      return [figure('Failures in a row', e.failuresInARow), text('Last error', e.lastError)];
  }
}

/** Readable lines of an alert's evidence, in the viewer's zone. */
export function evidenceLines(e: AlertEvidenceFieldsFragment, timeZone: string): EvidenceLine[] {
  const lines: EvidenceLine[] = [];
  if (e.value !== null)
    lines.push({
      label: 'Value',
      value: `${measure(e.statistic, e.value)} (threshold ${measure(e.statistic, e.threshold)})`,
    });
  if (e.alpha !== null)
    lines.push({ label: 'Significance', value: `p = ${formatP(e.pValue)} (must be below ${formatP(e.alpha)})` });
  lines.push({ label: 'Compared with', value: against(e) });
  lines.push({
    label: 'Window',
    value: `${formatRange(new Date(e.window.start), new Date(e.window.end), timeZone)} (${e.window.granularity.toLowerCase()})`,
  });
  lines.push({
    label: 'Observations',
    value: `${formatCount(e.samples.current)} in the window, ${formatCount(e.samples.reference)} in the reference`,
  });
  lines.push(...ruleLines(e));
  if (e.firstWindow.start !== e.window.start)
    lines.push({
      label: 'Episode began',
      value: formatRange(new Date(e.firstWindow.start), new Date(e.firstWindow.end), timeZone),
    });
  lines.push({ label: 'Windows fired', value: formatCount(e.firedWindows) });
  return lines;
}

/** The evidence indented for reading, for the "as JSON" view. */
export function evidenceJson(e: AlertEvidenceFieldsFragment): string {
  return JSON.stringify(e, null, 2);
}

/** The open-alert badge: nothing at zero, capped so it stays small. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}
