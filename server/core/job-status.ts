// A job's and a run's status, and what started a run. Const objects, not only types: the API
// registers them as its enums, so stored and computed values pass through as they are.
export const JobStatus = {
  SCHEDULED: 'SCHEDULED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  DISABLED: 'DISABLED',
} as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];

/** A run is only ever running or finished; SCHEDULED and DISABLED describe a job. */
export type RunStatus = Extract<JobStatus, 'RUNNING' | 'SUCCEEDED' | 'FAILED'>;

export const JobTrigger = { SCHEDULE: 'SCHEDULE', MANUAL: 'MANUAL' } as const;
export type JobTrigger = (typeof JobTrigger)[keyof typeof JobTrigger];
