import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Observations behind a rule: in the window and in what it was compared with.' })
export class EvidenceSamples {
  @Field(() => Int)
  current!: number;

  @Field(() => Int)
  reference!: number;
}
