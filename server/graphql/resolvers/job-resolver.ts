import { Arg, Ctx, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import type { Context } from '../context.js';
import { RequireToken } from '../require-token.js';
import { Job } from '../types/job.js';
import { JobRun } from '../types/job-run.js';

@Resolver(() => Job)
export class JobResolver {
  @Query(() => [Job], { description: 'Every job with its schedule and live status.' })
  jobs(@Ctx() { services }: Context): Promise<Job[]> {
    return services.jobs.list();
  }

  @Query(() => [JobRun], { description: 'Run history, newest first, of one job or of all.' })
  jobRuns(
    @Arg('job', () => String, { nullable: true }) job: string | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50 }) limit: number | null,
    @Ctx() { services }: Context,
  ): Promise<JobRun[]> {
    return services.jobs.history(job ?? null, limit ?? 50);
  }

  @Mutation(() => JobRun, {
    description: 'Runs the job now in this server (even when disabled) and returns the finished run.',
  })
  @UseMiddleware(RequireToken)
  runJob(@Arg('name', () => String) name: string, @Ctx() { services }: Context): Promise<JobRun> {
    return services.jobs.runNow(name);
  }

  @Mutation(() => Job, { description: 'Switches the schedule of a job on or off; runJob still works.' })
  @UseMiddleware(RequireToken)
  setJobEnabled(
    @Arg('name', () => String) name: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() { services }: Context,
  ): Promise<Job> {
    return services.jobs.setEnabled(name, enabled);
  }
}
