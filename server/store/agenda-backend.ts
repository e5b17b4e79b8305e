// Agenda connects its backend the moment it is made, with no handler for a failure: a database
// that is down then leaves an unhandled rejection (which ends a Node process) and an Agenda whose
// `ready` never resolves, so every request asking for the jobs would hang. This backend keeps
// retrying instead, and callers bound their wait with whenReady().
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import { PublicError } from '../core/public-error.js';
import type { Logger } from '../logger.js';
import { COLLECTIONS } from './collections.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** How long a request waits for the scheduler's first connection before it is told to retry. */
export const READY_WAIT_MS = 5_000;

export class PatientBackend extends MongoBackend {
  private stopped = false;

  constructor(
    options: ConstructorParameters<typeof MongoBackend>[0],
    private readonly log: Logger,
  ) {
    super(options);
  }

  override async connect(): Promise<void> {
    for (let delay = 500; ; delay = Math.min(delay * 2, 30_000)) {
      try {
        return await super.connect();
      } catch (error) {
        if (this.stopped) return;
        this.log.warn(
          { error: String(error), retryInMs: delay },
          'the job scheduler cannot reach the database yet; retrying',
        );
        await sleep(delay);
      }
    }
  }

  /** Ends the retries (the process is stopping). */
  stop(): void {
    this.stopped = true;
  }
}

/** Agenda's backend on this database; its index is made with ours (ensureIndexes), where a failure is reported, not left unhandled. */
export const agendaBackend = (db: Db, log: Logger): PatientBackend =>
  new PatientBackend({ mongo: db, collection: COLLECTIONS.agendaJobs, ensureIndex: false }, log);

/** Agenda once connected, or DATABASE_UNAVAILABLE (a 503 to API clients) after READY_WAIT_MS. */
export async function whenReady(agenda: Agenda, waitMs = READY_WAIT_MS): Promise<Agenda> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
  const ready = await Promise.race([agenda.ready.then(() => true as const), late]);
  clearTimeout(timer);
  if (!ready)
    throw new PublicError('DATABASE_UNAVAILABLE', 'the job scheduler cannot reach the database; try again shortly');
  return agenda;
}
