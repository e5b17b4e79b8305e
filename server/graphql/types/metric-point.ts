import { Field, ObjectType } from 'type-graphql';
import { MetricValues } from './metric-values.js';

@ObjectType({ description: 'One calendar bucket, clipped to the requested range.' })
export class MetricPoint {
  @Field(() => Date)
  start!: Date;

  @Field(() => Date)
  end!: Date;

  @Field(() => MetricValues)
  values!: MetricValues;
}
