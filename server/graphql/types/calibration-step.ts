import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'One step of the monotone calibration: confidences in [confidenceFrom, confidenceTo) are right this often.',
})
export class CalibrationStep {
  @Field(() => Float)
  confidenceFrom!: number;

  @Field(() => Float, { description: 'Exclusive, except 1 for the last step.' })
  confidenceTo!: number;

  @Field(() => Float, { description: 'Share of the validated predictions of this step that were right.' })
  calibrated!: number;

  @Field(() => Int, { description: 'Validated predictions pooled into this step.' })
  samples!: number;
}
