// What an alert says: a one-line message for people and the evidence behind it as JSON.
import type { Granularity, Window } from '../buckets.js';
import type { RuleOutcome } from '../drift-rules/evaluate.js';
import type { DriftRule, RuleReference } from '../drift-rules/rules.js';

export interface DescribeContext {
  model: string;
  granularity: Granularity;
  /** What a window is when not a calendar bucket ("quarter hour", "run"); default: the granularity. */
  windowName?: string;
  timeZone: string;
  baselineWindows: number;
}

const num = (x: number) => String(Number(x.toPrecision(3)));
const pValue = (x: number) => (x < 1e-4 ? x.toExponential(1) : num(x));
const points = (x: number) => `${num(x * 100)} points`;

function referenceName(reference: RuleReference, baselineWindows: number): string {
  if (reference === 'TRAINING') return 'the training distribution';
  if (reference === 'BASELINE') return `the ${baselineWindows} previous windows`;
  if (reference === 'CALIBRATION') return 'the calibration reference';
  if (reference === 'SAME_TIME_PREVIOUS_WEEKS') return 'the same time in previous weeks';
  if (reference === 'NONE') return 'its limit';
  return 'its running error rate';
}

function finding(rule: DriftRule, o: RuleOutcome & { value: number }, against: string): string {
  const p = o.pValue === null ? '' : `, p = ${pValue(o.pValue)}`;
  const classes = (kind: string) => `${kind}-class distribution drifted from ${against}`;
  switch (rule) {
    case 'predicted-psi':
    case 'actual-psi':
      return `${classes(rule === 'predicted-psi' ? 'predicted' : 'true')}: PSI ${num(o.value)} > ${num(o.threshold)} (chi-square${p})`;
    case 'predicted-js':
    case 'actual-js':
      return `${classes(rule === 'predicted-js' ? 'predicted' : 'true')}: Jensen–Shannon distance ${num(o.value)} > ${num(o.threshold)} (chi-square${p})`;
    case 'accuracy-drop':
      return `accuracy fell ${points(o.value)} below ${against} (> ${points(o.threshold)}${p})`;
    case 'class-recall-drop':
      return `recall of class "${String(o.details.label)}" fell ${points(o.value)} below ${against} (> ${points(o.threshold)}${p})`;
    case 'confidence-ks':
      return `confidence distribution shifted from ${against}: KS ${num(o.value)} > ${num(o.threshold)}${p ? ` (${p.slice(2)})` : ''}`;
    case 'page-hinkley':
      return `error rate rose above ${against} (Page–Hinkley detector, ${o.value} alarm${o.value === 1 ? '' : 's'})`;
    case 'estimated-accuracy-drop':
      return `estimated accuracy (from confidence, before labels) fell ${points(o.value)} below ${against} (> ${points(o.threshold)}${p})`;
    case 'volume-anomaly':
      return `prediction volume ${o.details.direction === 'down' ? 'fell' : 'rose'} ${num(o.value * 100)}% away from ${against} (${String(o.details.predictions)} vs about ${num(Number(o.details.usual))}${p})`;
    case 'prediction-silence':
      return `no predictions for ${String(o.details.minutes)} minutes, while ${against} had about ${num(o.value)}`;
    case 'job-failures':
      return `failed ${o.value} times in a row (alerting from ${o.threshold})`;
  }
}

/** "Model "m": accuracy fell 10.2 points below the 4 previous windows (p = 3e-9), day from … to … (UTC)." */
export function alertMessage(outcome: RuleOutcome, window: Window, context: DescribeContext): string {
  const against = referenceName(outcome.reference, context.baselineWindows);
  const what =
    outcome.value === null
      ? `${outcome.rule} fired`
      : finding(outcome.rule, { ...outcome, value: outcome.value }, against);
  const when = `${context.windowName ?? context.granularity.toLowerCase()} from ${window.start.toISOString()} to ${window.end.toISOString()} (${context.timeZone})`;
  const subject = outcome.rule === 'job-failures' ? `Job "${context.model}"` : `Model "${context.model}"`;
  return `${subject}: ${what}; ${outcome.samples.current} observations, ${when}.`;
}

/** The figures behind a firing window, as a JSON string (the API's `evidence`). */
export function alertEvidence(
  outcome: RuleOutcome,
  window: Window,
  context: DescribeContext,
  episode: { firstWindow: Window; firedWindows: number },
): string {
  return JSON.stringify({
    rule: outcome.rule,
    statistic: outcome.statistic,
    value: outcome.value,
    threshold: outcome.threshold,
    pValue: outcome.pValue,
    alpha: outcome.alpha,
    reference: outcome.reference,
    baselineWindows: outcome.reference === 'BASELINE' ? context.baselineWindows : null,
    window: {
      start: window.start.toISOString(),
      end: window.end.toISOString(),
      granularity: context.windowName ?? context.granularity,
      timeZone: context.timeZone,
    },
    samples: outcome.samples,
    details: outcome.details,
    firstWindow: { start: episode.firstWindow.start.toISOString(), end: episode.firstWindow.end.toISOString() },
    firedWindows: episode.firedWindows,
  });
}
