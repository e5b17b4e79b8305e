// Runs the jobs in this process: the schedule (Agenda), the runner (leases, run history), and the
// API's view of them (JobControl). Built by the runtime from the services, which never see it.
import { ConfigError, type JobsConfig } from '../config.js';
import { formatDuration } from '../core/duration.js';
import { InputError } from '../core/errors.js';
import { displayReason } from '../core/public-error.js';
import type { Logger } from '../logger.js';
import type { JobControl, JobInfo } from '../services/jobs.js';
import type { PatientBackend } from '../store/agenda-backend.js';
import { INTERRUPTED_REASON, type JobRun, type JobRunStore } from '../store/job-runs.js';
import type { LeaseStore } from '../store/leases.js';
import type { JobContext, JobDefinition } from './job.js';
import { JobRunner, jobLeaseKey } from './runner.js';
import { Scheduler } from './scheduler.js';

export interface JobServiceDeps {
  definitions: readonly JobDefinition[];
  /** What the jobs run with. */
  context: JobContext;
  runs: JobRunStore;
  leases: LeaseStore;
  /** Agenda's backend, made on first use. */
  backend: () => PatientBackend;
  log: Logger;
}

export interface JobServiceSettings extends JobsConfig {
  /** Names this process in job locks and runs. */
  owner: string;
}

/** A manual run waits this long for a run already in progress to finish. */
const MANUAL_WAIT_MS = 15_000;
const MANUAL_POLL_MS = 200;
/** Run history consulted for a job's status and consecutive failures. */
const HISTORY = 100;
export const MAX_RUNS_LISTED = 1000;

const INTERRUPTED = `INTERRUPTED: ${INTERRUPTED_REASON.replace(/^interrupted: /, '')}`;
/** Runs stored before errors were coded (or by a killed process) show only coded text. */
const shownError = (error: string | null) => (error === INTERRUPTED_REASON ? INTERRUPTED : displayReason(error));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class JobService implements JobControl {
  private readonly definitions: ReadonlyMap<string, JobDefinition>;
  private readonly intervals: Map<string, number>;
  private readonly runs: JobRunStore;
  private readonly leases: LeaseStore;
  private readonly runner: JobRunner;
  private readonly scheduler: Scheduler;
  private readonly lockLifetimeMs: number;

  constructor({ definitions, context, runs, leases, backend, log }: JobServiceDeps, config: JobServiceSettings) {
    const { owner } = config;
    this.definitions = new Map(definitions.map((d) => [d.name, d]));
    for (const name of Object.keys(config.intervals)) {
      if (!this.definitions.has(name)) {
        const variable = `CLARA_JOB_${name.toUpperCase().replace(/-/g, '_')}_EVERY`;
        throw new ConfigError(variable, `there is no job "${name}"; jobs: ${[...this.definitions.keys()].join(', ')}`);
      }
    }
    this.intervals = new Map(definitions.map((d) => [d.name, config.intervals[d.name] ?? d.every]));
    this.lockLifetimeMs = config.lockLifetimeMs;
    this.runs = runs;
    this.leases = leases;
    this.runner = new JobRunner(
      this.definitions,
      context,
      this.runs,
      this.leases,
      { owner, lockLifetimeMs: config.lockLifetimeMs },
      log,
    );
    const scheduled = definitions.map((d) => ({ name: d.name, every: this.intervals.get(d.name) ?? d.every }));
    this.scheduler = new Scheduler(
      backend,
      scheduled,
      this.runner,
      { owner, lockLifetimeMs: config.lockLifetimeMs, pollMs: config.pollMs },
      log,
    );
  }

  /** Starts running due jobs in this process. */
  start(): Promise<void> {
    return this.scheduler.start();
  }

  /** Stops scheduling and waits (boundedly) for runs in progress. */
  close(): Promise<void> {
    return this.scheduler.stop();
  }

  private check(field: string, name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition)
      throw new InputError(field, `unknown job "${name}"; jobs: ${[...this.definitions.keys()].join(', ')}`);
    return definition;
  }

  /** A run still marked RUNNING whose process stopped sending heartbeats died; it is shown as such. */
  private present(run: JobRun, now: Date): JobRun {
    if (run.status !== 'RUNNING' || now.getTime() - run.heartbeatAt.getTime() < this.lockLifetimeMs)
      return { ...run, error: shownError(run.error) };
    return { ...run, status: 'FAILED', finishedAt: run.heartbeatAt, error: INTERRUPTED };
  }

  async list(): Promise<JobInfo[]> {
    const states = await this.scheduler.states();
    return Promise.all([...this.definitions.values()].map((d) => this.info(d, states)));
  }

  private async info(
    definition: JobDefinition,
    states: Map<string, { nextRunAt: Date | null; disabled: boolean }>,
  ): Promise<JobInfo> {
    const now = new Date();
    const history = (await this.runs.list(definition.name, HISTORY)).map((r) => this.present(r, now));
    const finished = history.filter((r) => r.status !== 'RUNNING');
    const streak = finished.findIndex((r) => r.status !== 'FAILED');
    const state = states.get(definition.name);
    const holder = await this.leases.holder(jobLeaseKey(definition.name), this.lockLifetimeMs, now);
    const lastFinished = finished[0] ?? null;
    return {
      name: definition.name,
      description: definition.description,
      interval: formatDuration(this.intervals.get(definition.name) ?? definition.every),
      nextRunAt: state?.nextRunAt ?? null,
      lastRunAt: history[0]?.startedAt ?? null,
      lastFinishedAt: lastFinished?.finishedAt ?? null,
      status: state?.disabled ? 'DISABLED' : holder ? 'RUNNING' : (lastFinished?.status ?? 'SCHEDULED'),
      failCount: streak === -1 ? finished.length : streak,
      failReason: lastFinished?.status === 'FAILED' ? lastFinished.error : null,
    };
  }

  /** Newest first. */
  async history(job: string | null, limit: number): Promise<JobRun[]> {
    if (job !== null) this.check('job', job);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUNS_LISTED)
      throw new InputError('limit', `must be between 1 and ${MAX_RUNS_LISTED}, got ${limit}`);
    const now = new Date();
    return (await this.runs.list(job, limit)).map((r) => this.present(r, now));
  }

  /** Runs the job in this process now (even when disabled) and returns the finished run. */
  async runNow(name: string): Promise<JobRun> {
    this.check('name', name);
    const deadline = Date.now() + MANUAL_WAIT_MS;
    for (;;) {
      const run = await this.runner.run(name, 'MANUAL');
      if (run) return run;
      if (Date.now() >= deadline)
        throw new InputError('name', `job "${name}" is running now; try again when that run has finished`);
      await sleep(MANUAL_POLL_MS);
    }
  }

  async setEnabled(name: string, enabled: boolean): Promise<JobInfo> {
    const definition = this.check('name', name);
    await this.scheduler.setEnabled(name, enabled);
    return this.info(definition, await this.scheduler.states());
  }
}
