import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AlertEvidence } from './alert-evidence.js';

@ObjectType({
  implements: AlertEvidence,
  description: 'prediction-silence: no predictions for a span the previous weeks had some in.',
})
export class PredictionSilenceEvidence extends AlertEvidence {
  @Field(() => Int, { description: 'The span looked at.' })
  minutes!: number;

  @Field(() => Int)
  predictions!: number;

  @Field(() => Float, { nullable: true })
  usual!: number | null;

  @Field(() => Int)
  weeks!: number;
}
