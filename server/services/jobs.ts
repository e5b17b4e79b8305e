// The jobs as the API sees them: their schedule and live status, their run history, running one
// now, switching one on or off. The runtime builds them from the services (server/jobs), so
// services and the API reach them only through this interface.
import type { JobStatus } from '../core/job-status.js';
import type { JobRun } from '../store/job-runs.js';

export interface JobInfo {
  name: string;
  description: string;
  interval: string;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  status: JobStatus;
  failCount: number;
  failReason: string | null;
}

export interface JobControl {
  list(): Promise<JobInfo[]>;
  /** Newest first. */
  history(job: string | null, limit: number): Promise<JobRun[]>;
  /** Runs the job in this process now (even when disabled) and returns the finished run. */
  runNow(name: string): Promise<JobRun>;
  setEnabled(name: string, enabled: boolean): Promise<JobInfo>;
}
