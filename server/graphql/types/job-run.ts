import { Field, ID, ObjectType } from 'type-graphql';
import { JobStatus, JobTrigger } from './job-status.js';

@ObjectType({ description: 'One run of a job; runs are kept 30 days.' })
export class JobRun {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  job!: string;

  @Field(() => JobTrigger)
  trigger!: JobTrigger;

  @Field(() => Date)
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => JobStatus, { description: 'RUNNING, SUCCEEDED or FAILED.' })
  status!: JobStatus;

  @Field(() => String, {
    nullable: true,
    description: 'What the run did, e.g. rows processed, profiles written or uploaded.',
  })
  summary!: string | null;

  @Field(() => String, { nullable: true })
  error!: string | null;
}
