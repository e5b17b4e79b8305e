import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Metrics of the validated predictions of a window (scikit-learn semantics, zero_division=0); null when nothing is validated.',
})
export class MetricValues {
  @Field(() => Int, { description: 'Predictions made in the window.' })
  predictions!: number;

  @Field(() => Int, { description: 'Of those, how many have ground truth now.' })
  validated!: number;

  @Field(() => Float, { nullable: true })
  accuracy!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound of the 95% Wilson interval of accuracy.' })
  accuracyLow!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound of the 95% Wilson interval of accuracy.' })
  accuracyHigh!: number | null;

  @Field(() => Float, { nullable: true, description: 'Macro average over the labels present (actual ∪ predicted).' })
  precision!: number | null;

  @Field(() => Float, { nullable: true, description: 'Macro average over the labels present.' })
  recall!: number | null;

  @Field(() => Float, { nullable: true, description: 'Macro average over the labels present.' })
  f1!: number | null;

  @Field(() => Float, { nullable: true, description: 'Support-weighted average.' })
  weightedPrecision!: number | null;

  @Field(() => Float, { nullable: true, description: 'Support-weighted average.' })
  weightedRecall!: number | null;

  @Field(() => Float, { nullable: true, description: 'Support-weighted average.' })
  weightedF1!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Micro average (scikit-learn's average='micro'): equals accuracy for single-label data.",
  })
  microPrecision!: number | null;

  @Field(() => Float, { nullable: true, description: 'Micro average: equals accuracy for single-label data.' })
  microRecall!: number | null;

  @Field(() => Float, { nullable: true, description: 'Micro average: equals accuracy for single-label data.' })
  microF1!: number | null;
}
