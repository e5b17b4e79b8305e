import { Arg, Ctx, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import type { Context } from '../context.js';
import { RequireToken } from '../require-token.js';
import { Job } from '../types/job.js';
import { JobRun } from '../types/job-run.js';
import type { JobInfo } from '../../services/jobs.js';
import type { JobRun as JobRunRecord } from '../../store/job-runs.js';
import type { JobStatus } from '../types/job-status.js';

// Domain status strings are the enum's values; the casts only name them for type-graphql's classes.
const toJob = (job: JobInfo): Job => ({ ...job, status: job.status as JobStatus });
const toRun = (run: JobRunRecord): JobRun => ({ ...run, status: run.status as JobStatus, trigger: run.trigger as JobRun['trigger'] });

@Resolver(() => Job)
export class JobResolver {
  @Query(() => [Job], { description: 'Every job with its schedule and live status.' })
  async jobs(@Ctx() { services }: Context): Promise<Job[]> {
    return (await services.jobs.list()).map(toJob);
  }

  @Query(() => [JobRun], { description: 'Run history, newest first, of one job or of all.' })
  async jobRuns(
    @Arg('job', () => String, { nullable: true }) job: string | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50 }) limit: number | null,
    @Ctx() { services }: Context,
  ): Promise<JobRun[]> {
    return (await services.jobs.history(job ?? null, limit ?? 50)).map(toRun);
  }

  @Mutation(() => JobRun, { description: 'Runs the job now in this server (even when disabled) and returns the finished run.' })
  @UseMiddleware(RequireToken)
  async runJob(@Arg('name', () => String) name: string, @Ctx() { services }: Context): Promise<JobRun> {
    return toRun(await services.jobs.runNow(name));
  }

  @Mutation(() => Job, { description: 'Switches the schedule of a job on or off; runJob still works.' })
  @UseMiddleware(RequireToken)
  async setJobEnabled(@Arg('name', () => String) name: string, @Arg('enabled', () => Boolean) enabled: boolean, @Ctx() { services }: Context): Promise<Job> {
    return toJob(await services.jobs.setEnabled(name, enabled));
  }
}
