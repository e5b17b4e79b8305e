import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ClassCount {
  @Field(() => String)
  label!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, { description: 'count / total, in [0, 1].' })
  share!: number;
}
