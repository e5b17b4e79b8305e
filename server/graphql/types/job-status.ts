import { registerEnumType } from 'type-graphql';

export enum JobStatus {
  SCHEDULED = 'SCHEDULED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  DISABLED = 'DISABLED',
}
registerEnumType(JobStatus, {
  name: 'JobStatus',
  description: "A job: DISABLED, RUNNING now, else its last run's outcome (SCHEDULED before its first run). A run: RUNNING, SUCCEEDED or FAILED.",
});

export enum JobTrigger {
  SCHEDULE = 'SCHEDULE',
  MANUAL = 'MANUAL',
}
registerEnumType(JobTrigger, { name: 'JobTrigger', description: 'What started a run: the schedule, or runJob.' });
