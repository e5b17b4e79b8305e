// The history of job runs (collection job_runs): one document per run, kept 30 days.
import { ObjectId, type Collection, type Db } from 'mongodb';
import type { JobTrigger, RunStatus } from '../core/job-status.js';
import { COLLECTIONS } from './collections.js';

export type { RunStatus };
export type RunTrigger = JobTrigger;

export interface JobRun {
  id: string;
  job: string;
  trigger: RunTrigger;
  owner: string;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  status: RunStatus;
  summary: string | null;
  error: string | null;
}

interface RunDoc extends Omit<JobRun, 'id'> {
  _id: ObjectId;
}

export const INTERRUPTED_REASON =
  'interrupted: the process running it stopped before the run finished; the next run redoes its work';

function fromDoc({ _id, ...rest }: RunDoc): JobRun {
  return { id: _id.toHexString(), ...rest };
}

export class JobRunStore {
  private readonly runs: Collection<RunDoc>;

  constructor(db: Db) {
    this.runs = db.collection<RunDoc>(COLLECTIONS.jobRuns);
  }

  async start(job: string, trigger: RunTrigger, owner: string, now = new Date()): Promise<JobRun> {
    const doc: RunDoc = {
      _id: new ObjectId(),
      job,
      trigger,
      owner,
      startedAt: now,
      heartbeatAt: now,
      finishedAt: null,
      status: 'RUNNING',
      summary: null,
      error: null,
    };
    await this.runs.insertOne(doc);
    return fromDoc(doc);
  }

  async heartbeat(id: string, now = new Date()): Promise<void> {
    await this.runs.updateOne({ _id: new ObjectId(id) }, { $set: { heartbeatAt: now } });
  }

  async finish(
    run: JobRun,
    status: Exclude<RunStatus, 'RUNNING'>,
    summary: string | null,
    error: string | null,
    now = new Date(),
  ): Promise<JobRun> {
    const done = { heartbeatAt: now, finishedAt: now, status, summary, error };
    await this.runs.updateOne({ _id: new ObjectId(run.id) }, { $set: done });
    return { ...run, ...done };
  }

  /**
   * Closes the runs of `job` still marked RUNNING other than `current`. Only the holder of the
   * job's lease calls this, so those runs belong to processes that died.
   */
  async closeInterrupted(job: string, current: string): Promise<void> {
    const stale = await this.runs.find({ job, status: 'RUNNING', _id: { $ne: new ObjectId(current) } }).toArray();
    for (const run of stale) {
      await this.runs.updateOne(
        { _id: run._id },
        { $set: { status: 'FAILED', finishedAt: run.heartbeatAt, error: INTERRUPTED_REASON } },
      );
    }
  }

  /** The TTL index does this on MongoDB; servers without TTL indexes (FerretDB) rely on it. */
  async prune(before: Date): Promise<void> {
    await this.runs.deleteMany({ startedAt: { $lt: before } });
  }

  /** Newest first. */
  async list(job: string | null, limit: number): Promise<JobRun[]> {
    const docs = await this.runs
      .find(job === null ? {} : { job })
      .sort({ startedAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map(fromDoc);
  }
}
