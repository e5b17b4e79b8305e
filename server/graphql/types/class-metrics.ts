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

  @Field(() => Float, { nullable: true })
  recall!: number | null;

  @Field(() => Float, { nullable: true })
  f1!: number | null;
}
