// One window against its reference: every drift statistic the rollups allow, and which rules fire.
import type { Window } from '../buckets.js';
import { accuracyDrop, categoricalDrift, ksHistograms, type CategoryCounts } from '../drift/index.js';
import { actualCounts, CONFIDENCE_BINS, type Tally } from '../tally.js';
import { classRecallDrop } from './class-recall.js';
import {
  RULE_STATISTIC,
  severityOf,
  type DriftReference,
  type DriftRule,
  type DriftRuleSettings,
  type RuleReference,
  type Severity,
} from './rules.js';

export interface CategoricalStats {
  psi: number;
  jsDistance: number;
  chiSquareP: number;
  /** Observations behind each side. */
  current: number;
  reference: number;
}

export interface ConfidenceStats {
  statistic: number;
  pValue: number;
  current: number;
  reference: number;
}

export interface AccuracyStats {
  accuracy: number;
  baselineAccuracy: number;
  /** accuracy − baselineAccuracy: negative when the model got worse. */
  delta: number;
  /** Two-sided two-proportion z-test. */
  pValue: number;
  validated: number;
  baselineValidated: number;
}

export interface RuleOutcome {
  rule: DriftRule;
  statistic: string;
  /** What is compared with the threshold; null when the window or its reference had no data for it. */
  value: number | null;
  threshold: number;
  /** p-value of the confirming test, where one applies. */
  pValue: number | null;
  /** The level that p-value had to be below (null: no confirming test). */
  alpha: number | null;
  reference: RuleReference;
  samples: { current: number; reference: number };
  fired: boolean;
  severity: Severity | null;
  /** Rule-specific figures for an alert's evidence. */
  details: Record<string, number | string | null>;
}

export interface WindowEvaluation extends Window {
  predictions: number;
  validated: number;
  /** Predicted classes (all predictions) against the reference's. */
  predicted: CategoricalStats | null;
  /** True classes (validated predictions) against the reference's. */
  actual: CategoricalStats | null;
  /** Confidence histogram against the baseline windows' (never the training set: it has none). */
  confidence: ConfidenceStats | null;
  /** Accuracy against the baseline windows'. */
  accuracy: AccuracyStats | null;
  /** One per enabled rule. */
  outcomes: RuleOutcome[];
  /** Some enabled rule fired. */
  drift: boolean;
}

export interface ReferenceInput {
  kind: DriftReference;
  /** Training-set class counts; null or empty when the model has none (distribution rules then have no value). */
  training: CategoryCounts | null;
}

const total = (counts: Iterable<number>): number => {
  let n = 0;
  for (const c of counts) n += c;
  return n;
};

const countsTotal = (counts: CategoryCounts): number =>
  counts instanceof Map ? total(counts.values()) : total((counts as readonly { count: number }[]).map((c) => c.count));

function categorical(reference: CategoryCounts | null, current: ReadonlyMap<string, number>): CategoricalStats | null {
  if (!reference) return null;
  const n = total(current.values());
  const m = countsTotal(reference);
  if (n === 0 || m === 0) return null;
  const drift = categoricalDrift(reference, current);
  return {
    psi: drift.psi,
    jsDistance: drift.jensenShannon,
    chiSquareP: drift.chiSquare.pValue,
    current: n,
    reference: m,
  };
}

function histogram(tally: Tally): number[] {
  const bins = new Array<number>(CONFIDENCE_BINS).fill(0);
  for (const [bin, n] of tally.confidence) bins[bin] = n;
  return bins;
}

function confidence(current: Tally, baseline: Tally): ConfidenceStats | null {
  const cur = histogram(current);
  const ref = histogram(baseline);
  const n = total(cur);
  const m = total(ref);
  if (n === 0 || m === 0) return null;
  const ks = ksHistograms(ref, cur);
  return { statistic: ks.statistic, pValue: ks.pValue, current: n, reference: m };
}

function correct(tally: Tally): number {
  let n = 0;
  for (const [actual, byPredicted] of tally.cells) n += byPredicted.get(actual) ?? 0;
  return n;
}

function accuracy(
  current: Tally,
  baseline: Tally,
  settings: DriftRuleSettings,
): { stats: AccuracyStats; flagged: boolean } | null {
  if (current.validated === 0 || baseline.validated === 0) return null;
  const now = { correct: correct(current), total: current.validated };
  const before = { correct: correct(baseline), total: baseline.validated };
  const test = accuracyDrop(now, before, {
    threshold: settings.accuracyDrop,
    alpha: settings.pValue,
    minSamples: settings.minSamples,
  });
  const stats = {
    accuracy: now.correct / now.total,
    baselineAccuracy: before.correct / before.total,
    delta: test.delta,
    pValue: test.pValue,
    validated: now.total,
    baselineValidated: before.total,
  };
  return { stats, flagged: test.flagged };
}

const enough = (sides: { current: number; reference: number }, settings: DriftRuleSettings) =>
  sides.current >= settings.minSamples && sides.reference >= settings.minSamples;

export function ruleOutcome(
  rule: DriftRule,
  fields: Pick<RuleOutcome, 'value' | 'threshold' | 'pValue' | 'alpha' | 'reference' | 'samples' | 'details'> & {
    fired: boolean;
  },
  settings: Pick<DriftRuleSettings, 'criticalFactor'>,
): RuleOutcome {
  const severity =
    fields.fired && fields.value !== null ? severityOf(fields.value, fields.threshold, settings.criticalFactor) : null;
  return { rule, statistic: RULE_STATISTIC[rule], ...fields, severity };
}

function distributionOutcome(
  rule: DriftRule,
  stats: CategoricalStats | null,
  measure: 'psi' | 'jsDistance',
  threshold: number,
  reference: DriftReference,
  settings: DriftRuleSettings,
): RuleOutcome {
  const value = stats ? stats[measure] : null;
  // Effect size fires, significance confirms: a large PSI from a handful of rows is noise.
  const fired =
    stats !== null && enough(stats, settings) && stats[measure] > threshold && stats.chiSquareP < settings.pValue;
  return ruleOutcome(
    rule,
    {
      value,
      threshold,
      pValue: stats?.chiSquareP ?? null,
      alpha: settings.pValue,
      reference,
      samples: { current: stats?.current ?? 0, reference: stats?.reference ?? 0 },
      fired,
      details: { minSamples: settings.minSamples },
    },
    settings,
  );
}

function recallOutcome(current: Tally, baseline: Tally, settings: DriftRuleSettings): RuleOutcome {
  const worst = classRecallDrop(current, baseline, {
    threshold: settings.classRecallDrop,
    alpha: settings.classRecallPValue,
    minSamples: settings.minSamples,
  });
  return ruleOutcome(
    'class-recall-drop',
    {
      value: worst?.drop ?? null,
      threshold: settings.classRecallDrop,
      pValue: worst?.pValue ?? null,
      alpha: settings.classRecallPValue,
      reference: 'BASELINE',
      samples: { current: worst?.validated ?? 0, reference: worst?.baselineValidated ?? 0 },
      fired: worst?.flagged ?? false,
      details: {
        label: worst?.label ?? null,
        recall: worst?.recall ?? null,
        baselineRecall: worst?.baselineRecall ?? null,
        classesTested: worst?.classesTested ?? 0,
        minSamples: settings.minSamples,
      },
    },
    settings,
  );
}

/** Evaluates `current` (the window) against `baseline` (the merged windows before it) and the reference. */
export function evaluateWindow(
  window: Window,
  current: Tally,
  baseline: Tally,
  reference: ReferenceInput,
  settings: DriftRuleSettings,
): WindowEvaluation {
  const training = reference.training && countsTotal(reference.training) > 0 ? reference.training : null;
  const predictedReference = reference.kind === 'TRAINING' ? training : baseline.predicted;
  const actualReference = reference.kind === 'TRAINING' ? training : actualCounts(baseline);
  const predicted = categorical(predictedReference, current.predicted);
  const actual = categorical(actualReference, actualCounts(current));
  const conf = confidence(current, baseline);
  const acc = accuracy(current, baseline, settings);
  const all: RuleOutcome[] = [
    distributionOutcome('predicted-psi', predicted, 'psi', settings.psi, reference.kind, settings),
    distributionOutcome('predicted-js', predicted, 'jsDistance', settings.js, reference.kind, settings),
    distributionOutcome('actual-psi', actual, 'psi', settings.psi, reference.kind, settings),
    distributionOutcome('actual-js', actual, 'jsDistance', settings.js, reference.kind, settings),
    ruleOutcome(
      'accuracy-drop',
      {
        value: acc ? -acc.stats.delta : null,
        threshold: settings.accuracyDrop,
        pValue: acc?.stats.pValue ?? null,
        alpha: settings.pValue,
        reference: 'BASELINE',
        samples: { current: current.validated, reference: baseline.validated },
        fired: acc?.flagged ?? false,
        details: {
          accuracy: acc?.stats.accuracy ?? null,
          baselineAccuracy: acc?.stats.baselineAccuracy ?? null,
          minSamples: settings.minSamples,
        },
      },
      settings,
    ),
    recallOutcome(current, baseline, settings),
    ruleOutcome(
      'confidence-ks',
      {
        value: conf?.statistic ?? null,
        threshold: settings.ks,
        pValue: conf?.pValue ?? null,
        alpha: settings.pValue,
        reference: 'BASELINE',
        samples: { current: conf?.current ?? 0, reference: conf?.reference ?? 0 },
        fired: conf !== null && enough(conf, settings) && conf.statistic > settings.ks && conf.pValue < settings.pValue,
        details: { minSamples: settings.minSamples },
      },
      settings,
    ),
  ];
  const outcomes = all.filter((o) => settings.enabled.includes(o.rule));
  return {
    start: window.start,
    end: window.end,
    predictions: current.predictions,
    validated: current.validated,
    predicted,
    actual,
    confidence: conf,
    accuracy: acc?.stats ?? null,
    outcomes,
    drift: outcomes.some((o) => o.fired),
  };
}

/** Adds an outcome computed elsewhere (Page–Hinkley needs raw rows) when its rule is enabled. */
export function withOutcome(
  evaluation: WindowEvaluation,
  outcome: RuleOutcome,
  settings: DriftRuleSettings,
): WindowEvaluation {
  if (!settings.enabled.includes(outcome.rule)) return evaluation;
  const outcomes = [...evaluation.outcomes.filter((o) => o.rule !== outcome.rule), outcome];
  return { ...evaluation, outcomes, drift: outcomes.some((o) => o.fired) };
}
