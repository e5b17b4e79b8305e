// Agenda 6 decides when each job is due (one recurring document per job in agendaJobs); the
// runner's lease decides who runs it. Agenda's own lock is a conditional findOneAndUpdate, which
// FerretDB 1.24 does not execute atomically (two schedulers on one database both got the lock in
// our tests), so on such servers a due job may be picked by two processes: one gets the lease and
// runs, the other finds it held and skips. On MongoDB the lease simply never finds it held.
import { Agenda, Job, type JobParameters } from 'agenda';
import type { Logger } from '../logger.js';
import { whenReady, type PatientBackend } from '../store/agenda-backend.js';
import { isDuplicateKey } from '../store/server-traits.js';
import type { JobRunner } from './runner.js';

/** How long shutdown lets running jobs finish before asking them to stop. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface ScheduledJob {
  name: string;
  every: number;
}

export interface ScheduleState {
  nextRunAt: Date | null;
  disabled: boolean;
}

export interface SchedulerSettings {
  owner: string;
  lockLifetimeMs: number;
  pollMs: number;
}

export class Scheduler {
  private instance: Agenda | null = null;
  private backend: PatientBackend | null = null;
  private started = false;

  constructor(
    /** Agenda's backend on our database (store/agenda-backend.ts). */
    private readonly makeBackend: () => PatientBackend,
    private readonly jobs: readonly ScheduledJob[],
    private readonly runner: JobRunner,
    private readonly settings: SchedulerSettings,
    private readonly log: Logger,
  ) {}

  /**
   * Made on first use: Agenda starts connecting its backend as soon as it exists, and a command
   * that never schedules (import, refresh) would leave that connection attempt dangling at exit.
   */
  private get agenda(): Agenda {
    if (this.instance) return this.instance;
    this.backend = this.makeBackend();
    const agenda = new Agenda({
      backend: this.backend,
      name: this.settings.owner,
      processEvery: this.settings.pollMs,
      defaultLockLifetime: this.settings.lockLifetimeMs,
      maxConcurrency: Math.max(this.jobs.length, 1),
      defaultConcurrency: 1,
      defaultLockLimit: 1,
    });
    agenda.on('error', (error) => this.log.error({ err: error }, 'job scheduler error'));
    for (const { name } of this.jobs) {
      agenda.define(name, async (job) => {
        const run = await this.runner.run(name, 'SCHEDULE', () => job.touch());
        // Tell Agenda too, so its own record (agendash, failCount) matches job_runs.
        if (run?.status === 'FAILED') throw new Error(run.error ?? 'failed');
      });
    }
    return (this.instance = agenda);
  }

  async start(): Promise<void> {
    for (const job of this.jobs) await this.ensure(job);
    await this.agenda.start();
    this.started = true;
  }

  /** Stops taking due jobs, then lets runs in progress finish (asking them to stop after a grace period). */
  async stop(): Promise<void> {
    this.backend?.stop();
    if (this.started) await this.agenda.stop(false);
    this.started = false;
    await this.runner.shutdown(SHUTDOWN_GRACE_MS);
  }

  /**
   * Creates a job's schedule when it has none. An existing one is left alone (Agenda's every()
   * would reset its lock, history and disabled flag), except that a changed interval is applied.
   */
  private async ensure({ name, every }: ScheduledJob): Promise<void> {
    const existing = await this.find(name);
    if (!existing) {
      try {
        await this.agenda.every(every, name);
      } catch (error) {
        // Another process created it at the same moment (unique index on name): nothing to do.
        if (!isDuplicateKey(error)) throw error;
      }
      return;
    }
    if (Number(existing.repeatInterval) === every) return;
    const job = new Job(this.agenda, { ...existing, repeatInterval: every });
    await job.save();
    this.log.info({ job: name, every }, 'job interval changed');
  }

  private async find(name: string): Promise<JobParameters | null> {
    await whenReady(this.agenda);
    const found = (await this.agenda.queryJobs({ name, limit: 1 })).jobs[0];
    if (!found) return null;
    // queryJobs adds a computed `state`, which is not part of the stored job.
    const { state: _state, ...stored } = found;
    return stored;
  }

  async states(): Promise<Map<string, ScheduleState>> {
    await whenReady(this.agenda);
    const { jobs } = await this.agenda.queryJobs({ names: this.jobs.map((j) => j.name) });
    return new Map(
      jobs.map((j) => [j.name, { nextRunAt: j.disabled ? null : j.nextRunAt, disabled: j.disabled === true }]),
    );
  }

  async setEnabled(name: string, enabled: boolean): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job named "${name}"`);
    await this.ensure(job);
    if (enabled) await this.agenda.enable({ name });
    else await this.agenda.disable({ name });
  }
}
