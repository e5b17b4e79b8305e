// An alert's evidence as typed figures: what `alertEvidence` wrote as JSON, read back per rule.
// Stored alerts keep the JSON (webhooks send it as is); the API shows both.
import { isRuleReference, type DriftRule, type RuleReference } from '../drift-rules/rules.js';

export interface EvidenceWindow {
  start: Date;
  end: Date;
  /** The granularity (DAY, HOUR…) or what a window is otherwise ("quarter hour", "run"). */
  granularity: string;
  timeZone: string;
}

interface CommonEvidence {
  statistic: string;
  value: number | null;
  threshold: number;
  pValue: number | null;
  alpha: number | null;
  reference: RuleReference;
  baselineWindows: number | null;
  window: EvidenceWindow;
  samples: { current: number; reference: number };
  /** The window that opened the alert (same granularity and zone as `window`). */
  firstWindow: EvidenceWindow;
  firedWindows: number;
}

export type DistributionRule = 'predicted-psi' | 'predicted-js' | 'actual-psi' | 'actual-js' | 'confidence-ks';

/** The rule-specific figures (the JSON's `details`), one shape per rule kind. */
export type RuleFigures =
  | { rule: DistributionRule; minSamples: number }
  | { rule: 'accuracy-drop'; accuracy: number | null; baselineAccuracy: number | null; minSamples: number }
  | {
      rule: 'class-recall-drop';
      label: string | null;
      recall: number | null;
      baselineRecall: number | null;
      classesTested: number;
      minSamples: number;
    }
  | {
      rule: 'page-hinkley';
      errors: number;
      errorRate: number | null;
      runningErrorRate: number | null;
      lambda: number;
      delta: number;
    }
  | {
      rule: 'estimated-accuracy-drop';
      estimatedAccuracy: number | null;
      referenceEstimatedAccuracy: number | null;
      calibrationSamples: number;
      minSamples: number;
    }
  | {
      rule: 'volume-anomaly';
      predictions: number;
      usual: number | null;
      direction: 'down' | 'up' | null;
      weeks: number;
    }
  | { rule: 'prediction-silence'; minutes: number; predictions: number; usual: number | null; weeks: number }
  | { rule: 'job-failures'; failuresInARow: number; lastError: string | null };

export type AlertEvidence = CommonEvidence & RuleFigures;

type Json = Readonly<Record<string, unknown>>;

/** A stored evidence that does not have the shape its rule writes. */
class Unreadable extends Error {}

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function object(o: Json, key: string): Json {
  const x = o[key];
  if (!isObject(x)) throw new Unreadable(key);
  return x;
}

function number(o: Json, key: string): number {
  const x = o[key];
  if (typeof x !== 'number') throw new Unreadable(key);
  return x;
}

const optionalNumber = (o: Json, key: string): number | null => (o[key] === null ? null : number(o, key));

function optionalText(o: Json, key: string): string | null {
  const x = o[key];
  if (x === null) return null;
  if (typeof x !== 'string') throw new Unreadable(key);
  return x;
}

function text(o: Json, key: string): string {
  const x = optionalText(o, key);
  if (x === null) throw new Unreadable(key);
  return x;
}

function date(o: Json, key: string): Date {
  const d = new Date(text(o, key));
  if (Number.isNaN(d.getTime())) throw new Unreadable(key);
  return d;
}

function reference(o: Json): RuleReference {
  const x = o.reference;
  if (typeof x !== 'string' || !isRuleReference(x)) throw new Unreadable('reference');
  return x;
}

function direction(o: Json): 'down' | 'up' | null {
  const x = optionalText(o, 'direction');
  if (x !== null && x !== 'down' && x !== 'up') throw new Unreadable('direction');
  return x;
}

function figures(rule: DriftRule, d: Json): RuleFigures {
  switch (rule) {
    case 'predicted-psi':
    case 'predicted-js':
    case 'actual-psi':
    case 'actual-js':
    case 'confidence-ks':
      return { rule, minSamples: number(d, 'minSamples') };
    case 'accuracy-drop':
      return {
        rule,
        accuracy: optionalNumber(d, 'accuracy'),
        baselineAccuracy: optionalNumber(d, 'baselineAccuracy'),
        minSamples: number(d, 'minSamples'),
      };
    case 'class-recall-drop':
      return {
        rule,
        label: optionalText(d, 'label'),
        recall: optionalNumber(d, 'recall'),
        baselineRecall: optionalNumber(d, 'baselineRecall'),
        classesTested: number(d, 'classesTested'),
        minSamples: number(d, 'minSamples'),
      };
    case 'page-hinkley':
      return {
        rule,
        errors: number(d, 'errors'),
        errorRate: optionalNumber(d, 'errorRate'),
        runningErrorRate: optionalNumber(d, 'runningErrorRate'),
        lambda: number(d, 'lambda'),
        delta: number(d, 'delta'),
      };
    case 'estimated-accuracy-drop':
      return {
        rule,
        estimatedAccuracy: optionalNumber(d, 'estimatedAccuracy'),
        referenceEstimatedAccuracy: optionalNumber(d, 'referenceEstimatedAccuracy'),
        calibrationSamples: number(d, 'calibrationSamples'),
        minSamples: number(d, 'minSamples'),
      };
    case 'volume-anomaly':
      return {
        rule,
        predictions: number(d, 'predictions'),
        usual: optionalNumber(d, 'usual'),
        direction: direction(d),
        weeks: number(d, 'weeks'),
      };
    case 'prediction-silence':
      return {
        rule,
        minutes: number(d, 'minutes'),
        predictions: number(d, 'predictions'),
        usual: optionalNumber(d, 'usual'),
        weeks: number(d, 'weeks'),
      };
    case 'job-failures':
      return { rule, failuresInARow: number(d, 'failuresInARow'), lastError: optionalText(d, 'lastError') };
  }
}

function evidenceWindow(w: Json, of: Json): EvidenceWindow {
  return {
    start: date(w, 'start'),
    end: date(w, 'end'),
    granularity: text(of, 'granularity'),
    timeZone: text(of, 'timeZone'),
  };
}

/**
 * The evidence JSON of an alert of `rule`, typed; null when it does not have the shape that rule
 * writes (a damaged record), so one bad alert cannot hide the others.
 */
export function readEvidence(rule: DriftRule, json: string): AlertEvidence | null {
  try {
    const e: unknown = JSON.parse(json);
    if (!isObject(e)) return null;
    const window = object(e, 'window');
    const samples = object(e, 'samples');
    return {
      statistic: text(e, 'statistic'),
      value: optionalNumber(e, 'value'),
      threshold: number(e, 'threshold'),
      pValue: optionalNumber(e, 'pValue'),
      alpha: optionalNumber(e, 'alpha'),
      reference: reference(e),
      baselineWindows: optionalNumber(e, 'baselineWindows'),
      window: evidenceWindow(window, window),
      samples: { current: number(samples, 'current'), reference: number(samples, 'reference') },
      firstWindow: evidenceWindow(object(e, 'firstWindow'), window),
      firedWindows: number(e, 'firedWindows'),
      ...figures(rule, object(e, 'details')),
    };
  } catch (error) {
    if (error instanceof Unreadable || error instanceof SyntaxError) return null;
    throw error;
  }
}
