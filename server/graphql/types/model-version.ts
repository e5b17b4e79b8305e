import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One version of a model: counts of the predictions it made, from the version's rollups." })
export class ModelVersion {
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
