import { Field, Int, ObjectType } from 'type-graphql';
import { IngestError } from './ingest-error.js';

@ObjectType()
export class IngestResult {
  @Field(() => Int)
  accepted!: number;

  @Field(() => [IngestError])
  rejected!: IngestError[];
}
