import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ModelInfo {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  predictions!: number;

  @Field(() => Int)
  validated!: number;

  @Field(() => Date, { nullable: true })
  firstPredictedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastPredictedAt!: Date | null;
}
