import { Field, ObjectType } from 'type-graphql';
import { CalibrationInfo } from './calibration-info.js';
import { EstimatedMetricPoint } from './estimated-metric-point.js';

@ObjectType()
export class PerformanceEstimate {
  @Field(() => CalibrationInfo, {
    nullable: true,
    description:
      'The calibration the estimates use; null when no validated prediction with a confidence exists before the range.',
  })
  reference!: CalibrationInfo | null;

  @Field(() => [EstimatedMetricPoint], {
    description: 'One point per calendar bucket meeting the range, empty buckets included.',
  })
  series!: EstimatedMetricPoint[];
}
