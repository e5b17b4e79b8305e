// The drift rules: what each compares, its threshold, and how far past it an alert turns critical.
import { PAGE_HINKLEY_DEFAULTS, type PageHinkleyParams } from '../drift/index.js';

/**
 * predicted-* compare the predicted-class distribution, actual-* the true-class distribution of
 * validated predictions, with the reference (training distribution or baseline windows);
 * accuracy-drop, class-recall-drop and confidence-ks always compare with the baseline windows; page-hinkley watches
 * the stream of right/wrong validated predictions in prediction-time order; estimated-accuracy-drop
 * compares the accuracy estimated from confidence (no labels needed) with the calibration's reference.
 * volume-anomaly, prediction-silence and job-failures watch the system (core/anomalies/), with the
 * same alert lifecycle; the check-anomalies job evaluates them.
 */
export const DRIFT_RULES = [
  'predicted-psi',
  'predicted-js',
  'actual-psi',
  'actual-js',
  'accuracy-drop',
  'class-recall-drop',
  'confidence-ks',
  'page-hinkley',
  'estimated-accuracy-drop',
  'volume-anomaly',
  'prediction-silence',
  'job-failures',
] as const;
export type DriftRule = (typeof DRIFT_RULES)[number];

// Const objects, not only types, where the API shows the values: it registers these as its enums.
export const DriftReference = { TRAINING: 'TRAINING', BASELINE: 'BASELINE' } as const;
export type DriftReference = (typeof DriftReference)[keyof typeof DriftReference];
/**
 * What a rule's value was measured against; RUNNING_MEAN is Page–Hinkley's own error rate since its
 * last reset, CALIBRATION the estimated accuracy of the predictions the calibration was fitted on,
 * SAME_TIME_PREVIOUS_WEEKS the usual volume, NONE a count with a fixed limit (job failures).
 */
export const RuleReference = {
  ...DriftReference,
  RUNNING_MEAN: 'RUNNING_MEAN',
  CALIBRATION: 'CALIBRATION',
  SAME_TIME_PREVIOUS_WEEKS: 'SAME_TIME_PREVIOUS_WEEKS',
  NONE: 'NONE',
} as const;
export type RuleReference = (typeof RuleReference)[keyof typeof RuleReference];

export const Severity = { warning: 'warning', critical: 'critical' } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** The statistic each rule compares with its threshold. */
export const RULE_STATISTIC: Readonly<Record<DriftRule, string>> = {
  'predicted-psi': 'psi',
  'predicted-js': 'js-distance',
  'actual-psi': 'psi',
  'actual-js': 'js-distance',
  'accuracy-drop': 'accuracy-drop',
  'class-recall-drop': 'recall-drop',
  'confidence-ks': 'ks-statistic',
  'page-hinkley': 'page-hinkley-alarms',
  'estimated-accuracy-drop': 'estimated-accuracy-drop',
  'volume-anomaly': 'relative-change',
  'prediction-silence': 'usual-predictions',
  'job-failures': 'failures-in-a-row',
};

export interface DriftRuleSettings {
  /** Rules that are evaluated; a window drifts when any of them fires. */
  enabled: readonly DriftRule[];
  psi: number;
  js: number;
  /** Accuracy drop in proportion units (0.05 = five points). */
  accuracyDrop: number;
  /** Recall drop of any single class, in proportion units. */
  classRecallDrop: number;
  /**
   * Significance level of class-recall-drop, family-wise over the classes tested (Bonferroni).
   * Stricter than pValue: every window tests several classes, each on fewer samples, so at 0.01
   * chance alone would fire about once in a hundred windows.
   */
  classRecallPValue: number;
  ks: number;
  /** Fall of the estimated accuracy below the calibration reference's, in proportion units. */
  estimatedAccuracyDrop: number;
  /** Significance level of every confirming test (chi-square, two-proportion z, KS). */
  pValue: number;
  /**
   * No window rule fires on fewer observations than this, in the window and in its reference:
   * predictions (predicted-*), validated predictions (actual-*, accuracy-drop, and per class for
   * class-recall-drop), predictions with a confidence (confidence-ks, estimated-accuracy-drop). Small windows swing by chance.
   */
  minSamples: number;
  pageHinkley: PageHinkleyParams;
  /** An alert is critical when its value reaches this multiple of the threshold. */
  criticalFactor: number;
}

export const DRIFT_RULE_DEFAULTS: DriftRuleSettings = {
  enabled: DRIFT_RULES,
  psi: 0.2,
  js: 0.1,
  accuracyDrop: 0.05,
  classRecallDrop: 0.05,
  classRecallPValue: 0.001,
  ks: 0.1,
  estimatedAccuracyDrop: 0.05,
  pValue: 0.01,
  minSamples: 100,
  pageHinkley: PAGE_HINKLEY_DEFAULTS,
  criticalFactor: 2,
};

export function isDriftRule(name: string): name is DriftRule {
  return (DRIFT_RULES as readonly string[]).includes(name);
}

export function isRuleReference(name: string): name is RuleReference {
  return Object.values<string>(RuleReference).includes(name);
}

export function severityOf(value: number, threshold: number, criticalFactor: number): Severity {
  return value >= threshold * criticalFactor ? 'critical' : 'warning';
}
