import { Field, Int, ObjectType } from 'type-graphql';
import { JobStatus } from './job-status.js';

@ObjectType({ description: 'A scheduled job.' })
export class Job {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: 'How often it runs, e.g. "5 minutes".' })
  interval!: string | null;

  @Field(() => Date, { nullable: true, description: 'Null while disabled or before any scheduler has started.' })
  nextRunAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastRunAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastFinishedAt!: Date | null;

  @Field(() => JobStatus)
  status!: JobStatus;

  @Field(() => Int, { description: 'Consecutive failed runs up to now.' })
  failCount!: number;

  @Field(() => String, { nullable: true, description: 'Error of the last run, when it failed.' })
  failReason!: string | null;
}
