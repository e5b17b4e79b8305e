import { registerEnumType } from 'type-graphql';
import { JobStatus, JobTrigger } from '../../core/job-status.js';

registerEnumType(JobStatus, {
  name: 'JobStatus',
  description:
    "A job: DISABLED, RUNNING now, else its last run's outcome (SCHEDULED before its first run). A run: RUNNING, SUCCEEDED or FAILED.",
});

registerEnumType(JobTrigger, { name: 'JobTrigger', description: 'What started a run: the schedule, or runJob.' });

export { JobStatus, JobTrigger };
