import { Field, Int, ObjectType } from 'type-graphql';
import { EstimatedValues } from './estimated-values.js';
import { MetricValues } from './metric-values.js';

@ObjectType({ description: 'One calendar bucket (clipped to the range): estimated and realized performance.' })
export class EstimatedMetricPoint {
  @Field(() => Date)
  start!: Date;

  @Field(() => Date)
  end!: Date;

  @Field(() => Int)
  predictions!: number;

  @Field(() => Int)
  validated!: number;

  @Field(() => EstimatedValues, {
    nullable: true,
    description: 'Null when the window has no prediction with a confidence (or no calibration exists yet).',
  })
  estimated!: EstimatedValues | null;

  @Field(() => MetricValues, {
    nullable: true,
    description: "Today's realized values; null without validated predictions.",
  })
  realized!: MetricValues | null;
}
