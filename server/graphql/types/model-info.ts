import { Field, Int, ObjectType } from 'type-graphql';
import { ModelVersion } from './model-version.js';

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

  @Field(() => [ModelVersion], {
    description: 'The versions its predictions name, by name; empty when none names one.',
  })
  versions!: ModelVersion[];
}
