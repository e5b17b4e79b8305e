import { Field, Float, InputType } from 'type-graphql';

@InputType({ description: "The model's score for one class of a prediction." })
export class ClassScoreInput {
  @Field(() => String)
  label!: string;

  @Field(() => Float, { description: 'In [0, 1].' })
  score!: number;
}
