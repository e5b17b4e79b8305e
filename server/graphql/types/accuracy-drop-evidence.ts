import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AlertEvidence } from './alert-evidence.js';

@ObjectType({
  implements: AlertEvidence,
  description: "accuracy-drop: accuracy of validated predictions against the baseline windows'.",
})
export class AccuracyDropEvidence extends AlertEvidence {
  @Field(() => Float, { nullable: true })
  accuracy!: number | null;

  @Field(() => Float, { nullable: true })
  baselineAccuracy!: number | null;

  @Field(() => Int, {
    description: 'Fewest validated predictions in the window and its reference for the rule to fire.',
  })
  minSamples!: number;
}
