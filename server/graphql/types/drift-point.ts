import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Drift of one calendar bucket (clipped to the range). psi, jsDistance and chiSquareP compare the predicted classes with the reference; actual* the true classes of validated predictions; ks* the confidence histogram and accuracy* the accuracy with the baseline windows before the bucket. Null where a side has no data.',
})
export class DriftPoint {
  @Field(() => Date)
  start!: Date;

  @Field(() => Date)
  end!: Date;

  @Field(() => Float, { nullable: true, description: 'Population stability index of predicted classes.' })
  psi!: number | null;

  @Field(() => Float, { nullable: true, description: 'Jensen–Shannon distance (base 2) of predicted classes.' })
  jsDistance!: number | null;

  @Field(() => Float, { nullable: true, description: 'Chi-square goodness-of-fit p-value of predicted classes.' })
  chiSquareP!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Two-sample Kolmogorov–Smirnov statistic of confidence (100-bin histograms) against the baseline windows.',
  })
  ksStatistic!: number | null;

  @Field(() => Float, { nullable: true })
  ksP!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Accuracy minus the baseline windows' accuracy (−0.05 = five points worse).",
  })
  accuracyDelta!: number | null;

  @Field(() => Boolean, { description: 'Some enabled rule fired for this window.' })
  drift!: boolean;

  @Field(() => Float, { nullable: true, description: 'Two-proportion z-test p-value of accuracyDelta.' })
  accuracyP!: number | null;

  @Field(() => Float, { nullable: true })
  accuracy!: number | null;

  @Field(() => Float, { nullable: true })
  baselineAccuracy!: number | null;

  @Field(() => Float, { nullable: true, description: 'PSI of the true classes of validated predictions.' })
  actualPsi!: number | null;

  @Field(() => Float, { nullable: true })
  actualJsDistance!: number | null;

  @Field(() => Float, { nullable: true })
  actualChiSquareP!: number | null;

  @Field(() => Int)
  predictions!: number;

  @Field(() => Int)
  validated!: number;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The check-drift job's Page–Hinkley verdict for exactly this window (it needs raw rows); null when the job has none.",
  })
  pageHinkley!: boolean | null;

  @Field(() => [String], { description: 'Rules that fired for this window.' })
  rules!: string[];
}
