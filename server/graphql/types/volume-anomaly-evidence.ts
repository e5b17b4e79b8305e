import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AlertEvidence } from './alert-evidence.js';

@ObjectType({
  implements: AlertEvidence,
  description: 'volume-anomaly: predictions in the window against the same time in previous weeks.',
})
export class VolumeAnomalyEvidence extends AlertEvidence {
  @Field(() => Int)
  predictions!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean of the same span in previous weeks; null with fewer than two weeks.',
  })
  usual!: number | null;

  @Field(() => String, { nullable: true, description: 'down or up.' })
  direction!: 'down' | 'up' | null;

  @Field(() => Int, { description: 'Previous weeks in the usual level.' })
  weeks!: number;
}
