import { Field, Float, Int, InterfaceType } from 'type-graphql';
import type { DriftRule } from '../../core/drift-rules/rules.js';
import { EvidenceSamples } from './evidence-samples.js';
import { EvidenceWindow } from './evidence-window.js';
import { RuleReference } from './rule-reference.js';

// The object type of each rule's evidence, by name (the classes import this one: no cycle).
const TYPE_OF: Readonly<Record<DriftRule, string>> = {
  'predicted-psi': 'DistributionEvidence',
  'predicted-js': 'DistributionEvidence',
  'actual-psi': 'DistributionEvidence',
  'actual-js': 'DistributionEvidence',
  'confidence-ks': 'DistributionEvidence',
  'accuracy-drop': 'AccuracyDropEvidence',
  'class-recall-drop': 'ClassRecallDropEvidence',
  'page-hinkley': 'PageHinkleyEvidence',
  'estimated-accuracy-drop': 'EstimatedAccuracyDropEvidence',
  'volume-anomaly': 'VolumeAnomalyEvidence',
  'prediction-silence': 'PredictionSilenceEvidence',
  'job-failures': 'JobFailuresEvidence',
};

@InterfaceType({
  description:
    'The figures behind the latest window an alert fired for; each rule kind adds its own (query them with `... on ClassRecallDropEvidence { label }` and so on).',
  resolveType: (evidence: AlertEvidence) => TYPE_OF[evidence.rule],
})
export abstract class AlertEvidence {
  /** Not a field (the alert's `kind` is): it picks the object type. */
  rule!: DriftRule;

  @Field(() => String, { description: 'What is compared with the threshold, e.g. psi, js-distance, recall-drop.' })
  statistic!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'The statistic; null when the window or its reference had no data for it.',
  })
  value!: number | null;

  @Field(() => Float)
  threshold!: number;

  @Field(() => Float, { nullable: true, description: 'p-value of the confirming test, where one applies.' })
  pValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'The level pValue had to be below; null: no confirming test.' })
  alpha!: number | null;

  @Field(() => RuleReference)
  reference!: RuleReference;

  @Field(() => Int, { nullable: true, description: 'Windows merged into the reference when it is BASELINE.' })
  baselineWindows!: number | null;

  @Field(() => EvidenceWindow, { description: 'The latest window that fired.' })
  window!: EvidenceWindow;

  @Field(() => EvidenceSamples)
  samples!: EvidenceSamples;

  @Field(() => EvidenceWindow, { description: 'The window that opened the alert.' })
  firstWindow!: EvidenceWindow;

  @Field(() => Int, { description: 'Windows that fired while it was open.' })
  firedWindows!: number;
}
