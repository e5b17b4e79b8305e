import type { Services } from '../services/index.js';

/** What a job may use: the services (the job machinery is built on top of them, not among them). */
export type JobContext = Services;

export interface JobDefinition {
  /** Unique, kebab-case; CLARA_JOB_<NAME>_EVERY (e.g. CLARA_JOB_LOG_PROFILES_EVERY) overrides `every`. */
  name: string;
  description: string;
  /** Default interval in milliseconds. */
  every: number;
  /**
   * Does the work and returns a one-line summary for the run history. Must be safe to repeat after
   * a crash at any point (the next run redoes unfinished work) and should stop between units of
   * work once `signal` is aborted (shutdown, or the job's lock was lost).
   */
  run(context: JobContext, signal: AbortSignal): Promise<string>;
}
