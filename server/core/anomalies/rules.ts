// Anomalies of the system rather than of the model: prediction volume away from its usual level
// for that hour of the week, a model that went silent, a job that keeps failing. They share the
// drift rules' alert lifecycle and webhooks (their names are among DRIFT_RULES).
import type { Window } from '../buckets.js';
import type { RuleOutcome, WindowEvaluation } from '../drift-rules/evaluate.js';

export interface AnomalySettings {
  /** Weeks before a window whose same hour of the week make its usual level. */
  weeks: number;
  /** Relative departure from the usual level that counts (0.5: half as many or 1.5 times as many). */
  volumeChange: number;
  /** A usual level below this many predictions per hour is too thin to judge. */
  minExpected: number;
  /** "No predictions for N minutes": the span a silence is looked for in (a multiple of 15). */
  silenceMinutes: number;
  /** Failed runs in a row that make a job's failure an alert. */
  jobFailures: number;
  /** Significance level of the volume and silence tests: stricter than the drift rules', as every hour and quarter is a test. */
  pValue: number;
  criticalFactor: number;
}

export const ANOMALY_DEFAULTS: AnomalySettings = {
  weeks: 4,
  volumeChange: 0.5,
  minExpected: 20,
  silenceMinutes: 60,
  jobFailures: 3,
  pValue: 0.001,
  criticalFactor: 2,
};

/** A window judged by one anomaly rule, shaped for the alert lifecycle (no drift statistics). */
export function anomalyEvaluation(window: Window, outcome: RuleOutcome, predictions: number): WindowEvaluation {
  return {
    start: window.start,
    end: window.end,
    predictions,
    validated: 0,
    predicted: null,
    actual: null,
    confidence: null,
    accuracy: null,
    outcomes: [outcome],
    drift: outcome.fired,
  };
}
