// A job that keeps failing: each finished run is a "window"; it fires once the failures in a row
// up to it reach the setting, and successful runs are the quiet windows that resolve the alert.
import { ruleOutcome, type WindowEvaluation } from '../drift-rules/evaluate.js';
import { anomalyEvaluation, type AnomalySettings } from './rules.js';

export interface FinishedRun {
  startedAt: Date;
  finishedAt: Date;
  failed: boolean;
  error: string | null;
}

/** Oldest first; `before` is the streak of failures just before the first run (0 when unknown). */
export function jobFailureEvaluations(
  runs: readonly FinishedRun[],
  s: AnomalySettings,
  before = 0,
): WindowEvaluation[] {
  let streak = before;
  return runs.map((run) => {
    streak = run.failed ? streak + 1 : 0;
    const outcome = ruleOutcome(
      'job-failures',
      {
        value: streak,
        threshold: s.jobFailures,
        pValue: null,
        alpha: null,
        reference: 'NONE',
        samples: { current: streak, reference: 0 },
        fired: streak >= s.jobFailures,
        details: { failuresInARow: streak, lastError: run.error },
      },
      s,
    );
    // A run that starts and fails within the same millisecond still gets a window of its own.
    const end = run.finishedAt > run.startedAt ? run.finishedAt : new Date(run.startedAt.getTime() + 1);
    return anomalyEvaluation({ start: run.startedAt, end }, outcome, 0);
  });
}
