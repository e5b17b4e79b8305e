import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ConfusionMatrix {
  @Field(() => [String])
  labels!: string[];

  @Field(() => [[Int]], {
    description: 'counts[i][j]: validated predictions with actual labels[i] and predicted labels[j].',
  })
  counts!: number[][];
}
