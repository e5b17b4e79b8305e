import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Performance estimated from confidence (CBPE), before labels exist.' })
export class EstimatedValues {
  @Field(() => Float, { description: 'Mean calibrated confidence of the predictions with a confidence.' })
  accuracy!: number;

  @Field(() => Float, {
    description: "Lower bound of the 95% band (the window's size and the calibration's uncertainty).",
  })
  accuracyLow!: number;

  @Field(() => Float, { description: 'Upper bound of the 95% band.' })
  accuracyHigh!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Macro average over the expected confusion matrix; null without class scores.',
  })
  precision!: number | null;

  @Field(() => Float, { nullable: true, description: 'Macro average; null without class scores.' })
  recall!: number | null;

  @Field(() => Float, { nullable: true, description: 'Macro average; null without class scores.' })
  f1!: number | null;
}
