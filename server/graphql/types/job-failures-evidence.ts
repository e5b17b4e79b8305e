import { Field, Int, ObjectType } from 'type-graphql';
import { AlertEvidence } from './alert-evidence.js';

@ObjectType({
  implements: AlertEvidence,
  description: "job-failures: a job's runs failing in a row (the alert's model is the job).",
})
export class JobFailuresEvidence extends AlertEvidence {
  @Field(() => Int)
  failuresInARow!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;
}
