import { Field, InputType, Int } from 'type-graphql';

@InputType()
export class ClassCountInput {
  @Field(() => String)
  label!: string;

  @Field(() => Int)
  count!: number;
}
