import { Field, ObjectType } from 'type-graphql';
import { Granularity } from '../enums.js';
import { MetricPoint } from './metric-point.js';
import { MetricValues } from './metric-values.js';

@ObjectType()
export class MetricsReport {
  @Field(() => String)
  model!: string;

  @Field(() => String, { nullable: true, description: 'The version the report is filtered to; null: every version.' })
  version!: string | null;

  @Field(() => Granularity)
  granularity!: Granularity;

  @Field(() => String)
  timeZone!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Rollups reflect rows written directly to the collection up to this instant.',
  })
  asOf!: Date | null;

  @Field(() => MetricValues)
  overall!: MetricValues;

  @Field(() => [MetricPoint], {
    description: 'One point per calendar bucket meeting the range, empty buckets included.',
  })
  series!: MetricPoint[];
}
