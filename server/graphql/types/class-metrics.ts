import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Per-class metrics; null where scikit-learn would apply zero_division.' })
export class ClassMetrics {
  @Field(() => String)
  label!: string;

  @Field(() => Int, { description: 'Validated predictions whose true class is this label.' })
  support!: number;

  @Field(() => Int, { description: 'Validated predictions predicted as this label.' })
  predicted!: number;

  @Field(() => Float, { nullable: true })
  precision!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound of the 95% Wilson interval of precision.' })
  precisionLow!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound of the 95% Wilson interval of precision.' })
  precisionHigh!: number | null;

  @Field(() => Float, { nullable: true })
  recall!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound of the 95% Wilson interval of recall.' })
  recallLow!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound of the 95% Wilson interval of recall.' })
  recallHigh!: number | null;

  @Field(() => Float, { nullable: true })
  f1!: number | null;
}
