import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AlertEvidence } from './alert-evidence.js';

@ObjectType({
  implements: AlertEvidence,
  description:
    'page-hinkley: the Page–Hinkley detector over right/wrong validated predictions in prediction-time order.',
})
export class PageHinkleyEvidence extends AlertEvidence {
  @Field(() => Int, { description: 'Wrong predictions in the window.' })
  errors!: number;

  @Field(() => Float, { nullable: true })
  errorRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'The error rate the detector had learned before the window.' })
  runningErrorRate!: number | null;

  @Field(() => Float, { description: 'Alarm threshold.' })
  lambda!: number;

  @Field(() => Float, { description: 'Tolerated change.' })
  delta!: number;
}
