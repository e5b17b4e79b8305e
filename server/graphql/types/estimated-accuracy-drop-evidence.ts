import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AlertEvidence } from './alert-evidence.js';

@ObjectType({
  implements: AlertEvidence,
  description:
    "estimated-accuracy-drop: accuracy estimated from confidence (before labels) against the calibration's reference.",
})
export class EstimatedAccuracyDropEvidence extends AlertEvidence {
  @Field(() => Float, { nullable: true })
  estimatedAccuracy!: number | null;

  @Field(() => Float, { nullable: true })
  referenceEstimatedAccuracy!: number | null;

  @Field(() => Int, { description: 'Validated predictions the calibration was fitted on.' })
  calibrationSamples!: number;

  @Field(() => Int)
  minSamples!: number;
}
