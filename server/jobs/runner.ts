// Runs one job under its lease and records the run in job_runs. Scheduled and manual runs both
// come through here, so a job never runs twice at once, whichever process or trigger starts it.
import { PublicError, publicReason } from '../core/public-error.js';
import { JOB_RUN_RETENTION_MS } from '../store/collections.js';
import type { JobRun, JobRunStore, RunTrigger } from '../store/job-runs.js';
import type { Lease, LeaseStore } from '../store/leases.js';
import type { Logger } from '../logger.js';
import type { JobContext, JobDefinition } from './job.js';

export interface RunnerSettings {
  /** Identifies this process in leases and runs. */
  owner: string;
  lockLifetimeMs: number;
}

export const jobLeaseKey = (name: string) => `job:${name}`;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class JobRunner {
  private readonly inFlight = new Map<Promise<unknown>, AbortController>();

  constructor(
    private readonly definitions: ReadonlyMap<string, JobDefinition>,
    private readonly context: JobContext,
    private readonly runs: JobRunStore,
    private readonly leases: LeaseStore,
    private readonly settings: RunnerSettings,
    private readonly log: Logger,
  ) {}

  /**
   * Runs the job now, or returns null while a run of it holds the lease somewhere. The job's own
   * failure comes back as a FAILED run; `keepAlive` is called with each heartbeat.
   */
  run(name: string, trigger: RunTrigger, keepAlive?: () => Promise<void>): Promise<JobRun | null> {
    const controller = new AbortController();
    const running = this.execute(name, trigger, controller, keepAlive);
    this.inFlight.set(running, controller);
    return running.finally(() => this.inFlight.delete(running));
  }

  private async execute(
    name: string,
    trigger: RunTrigger,
    controller: AbortController,
    keepAlive?: () => Promise<void>,
  ): Promise<JobRun | null> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`no job named "${name}"`);
    const { owner, lockLifetimeMs } = this.settings;
    const lease = await this.leases.acquire(jobLeaseKey(name), owner, lockLifetimeMs);
    if (!lease) return null;
    let run: JobRun | null = null;
    const beat = setInterval(() => void this.heartbeat(lease, run, controller, keepAlive), lockLifetimeMs / 3);
    try {
      await this.runs.prune(new Date(Date.now() - JOB_RUN_RETENTION_MS));
      run = await this.runs.start(name, trigger, owner);
      // We hold the lease, so any other run of this job still marked RUNNING died with its process.
      await this.runs.closeInterrupted(name, run.id);
      try {
        const summary = await definition.run(this.context, controller.signal);
        this.log.debug({ job: name, trigger, summary }, 'job run succeeded');
        return await this.runs.finish(run, 'SUCCEEDED', summary, null);
      } catch (error) {
        // The run's error is shown by the API: the full error goes to the log, the run keeps a coded reason.
        this.log.error({ job: name, err: error }, 'job run failed');
        return await this.runs.finish(run, 'FAILED', null, publicReason(error));
      }
    } finally {
      clearInterval(beat);
      await lease
        .release()
        .catch((error: unknown) =>
          this.log.warn({ job: name, error: message(error) }, 'could not release the job lock; it expires by itself'),
        );
    }
  }

  private async heartbeat(
    lease: Lease,
    run: JobRun | null,
    controller: AbortController,
    keepAlive?: () => Promise<void>,
  ): Promise<void> {
    try {
      if (!(await lease.renew()))
        controller.abort(
          new PublicError(
            'LOCK_EXPIRED',
            'the job lock expired before this process renewed it; the run stopped so that no other run overlaps it',
          ),
        );
      if (run) await this.runs.heartbeat(run.id);
      await keepAlive?.();
    } catch (error) {
      this.log.warn({ job: lease.key, error: message(error) }, 'job heartbeat failed');
    }
  }

  /** Waits for runs in progress; after `graceMs` asks them to stop, and stops waiting after as long again. */
  async shutdown(graceMs: number): Promise<void> {
    const idle = Promise.allSettled([...this.inFlight.keys()]);
    const wait = (ms: number) => new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms).unref());
    if ((await Promise.race([idle, wait(graceMs)])) !== 'late') return;
    for (const controller of this.inFlight.values())
      controller.abort(
        new PublicError('SHUTTING_DOWN', 'the process is shutting down; the next run continues the work'),
      );
    if ((await Promise.race([idle, wait(graceMs)])) === 'late')
      this.log.warn(
        { running: this.inFlight.size },
        'jobs still running at shutdown; their locks expire by themselves',
      );
  }
}
