import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class IngestError {
  @Field(() => Int, { description: 'Position of the item in the batch.' })
  index!: number;

  @Field(() => String, { nullable: true })
  id!: string | null;

  @Field(() => String, { description: 'Names the field and the reason.' })
  message!: string;
}
