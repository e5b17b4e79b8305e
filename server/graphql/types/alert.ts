import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { DriftRule } from '../../core/drift-rules/rules.js';
import { AlertDelivery } from './alert-delivery.js';
import { AlertEvidence } from './alert-evidence.js';
import { AlertStatus } from './alert-status.js';
import { DriftRuleEnum } from './drift-rule.js';
import { Severity } from './severity.js';

@ObjectType({
  description: 'A drift rule that fired for a model; one alert per model and rule stays open while it keeps firing.',
})
export class Alert {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  model!: string;

  @Field(() => String, {
    description:
      'predicted-psi, predicted-js, actual-psi, actual-js, accuracy-drop, class-recall-drop, confidence-ks, page-hinkley, estimated-accuracy-drop, volume-anomaly, prediction-silence or job-failures (its model is then the job): the name used in settings and webhooks; kind is the same as an enum.',
  })
  rule!: DriftRule;

  @Field(() => DriftRuleEnum, { description: 'The rule as an enum (PREDICTED_PSI for predicted-psi).' })
  kind!: DriftRule;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field(() => Date)
  openedAt!: Date;

  @Field(() => Date, { description: 'When a check last found a new window firing.' })
  lastSeenAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => String)
  message!: string;

  @Field(() => String, {
    description:
      'JSON: value, threshold, p-value, reference, window, sample sizes and rule details of the latest firing window.',
    deprecationReason:
      'Use findings: the same figures as typed fields, one type per rule kind. Kept for existing clients; webhooks still send this JSON.',
  })
  evidence!: string;

  @Field(() => AlertEvidence, {
    nullable: true,
    description:
      "The figures behind the latest firing window, typed per rule kind; null only when a stored alert's evidence is damaged.",
  })
  findings!: AlertEvidence | null;

  @Field(() => Date, { description: 'Start of the window that opened the alert.' })
  firstWindowStart!: Date;

  @Field(() => Date, { description: 'Start of the latest window that fired.' })
  windowStart!: Date;

  @Field(() => Date, { description: 'End of the latest window that fired.' })
  windowEnd!: Date;

  @Field(() => Int, { description: 'Windows that fired while it was open.' })
  firedWindows!: number;

  @Field(() => [AlertDelivery])
  deliveries!: AlertDelivery[];
}
