// Every collection name is defined here once, with the indexes it needs.
import type { Db } from 'mongodb';
import type { FieldMapping } from '../config.js';
import type { Logger } from '../logger.js';
import type { ServerTraits } from './server-traits.js';

export const COLLECTIONS = {
  trainingDistribution: 'training_distribution',
  ingestJournal: 'ingest_journal',
  ingestJournalContent: 'ingest_journal_content',
  ingestJournalFailed: 'ingest_journal_failed',
  earlyValidations: 'early_validations',
  rowRewrites: 'row_rewrites',
  predictionRevisions: 'prediction_revisions',
  refreshState: 'refresh_state',
  rollups: { QUARTER: 'rollups_quarter', HOUR: 'rollups_hour', DAY: 'rollups_day' },
  agendaJobs: 'agendaJobs',
  jobRuns: 'job_runs',
  leases: 'leases',
  profiles: 'profiles',
  profileManifests: 'profile_manifests',
  profileWindows: 'profile_windows',
  driftResults: 'drift_results',
  driftState: 'drift_state',
  alerts: 'alerts',
  alertAcks: 'alert_acks',
  calibrations: 'calibrations',
  anomalyState: 'anomaly_state',
} as const;

/** How long job_runs keeps a run. */
export const JOB_RUN_RETENTION_MS = 30 * 86_400_000;

/**
 * Idempotent: createIndex is a no-op when the index exists. On a collection the user's application
 * owns, an index that cannot be built (e.g. duplicate ids) is reported, not fatal. Where every
 * filter scans, the indexes that only speed up reads are left out: no query uses them, and each
 * one costs every insert (the predictions' two took 17% of FerretDB's insert rate).
 */
export async function ensureIndexes(db: Db, mapping: FieldMapping, traits: ServerTraits, log: Logger): Promise<void> {
  const predictions = db.collection(mapping.collection);
  const modelKey = mapping.model ? { [mapping.model]: 1 } : {};
  const readOnly = traits.scansEveryFilter
    ? []
    : [
        { key: { ...modelKey, [mapping.predictedAt]: 1 }, options: { name: 'clara_model_predictedAt' } },
        { key: { [mapping.validatedAt]: 1 }, options: { name: 'clara_validatedAt' } },
      ];
  const wanted = [
    { key: { ...modelKey, [mapping.id]: 1 }, options: { unique: true, name: 'clara_model_id' } },
    ...readOnly,
  ];
  for (const { key, options } of wanted) {
    try {
      await predictions.createIndex(key, options);
    } catch (error) {
      log.warn(
        { collection: mapping.collection, index: options.name, error: String(error) },
        'could not create index on the predictions collection',
      );
    }
  }
  if (!traits.scansEveryFilter) {
    // Revisions are found by the row they revise, and by time as the rows themselves are.
    const revisions = db.collection(COLLECTIONS.predictionRevisions);
    await revisions.createIndex({ _of: 1, _rev: 1 }, { name: 'of_rev' });
    await revisions.createIndex({ ...modelKey, [mapping.predictedAt]: 1 }, { name: 'model_predictedAt' });
    for (const name of Object.values(COLLECTIONS.rollups)) {
      await db.collection(name).createIndex({ model: 1, start: 1 }, { name: 'model_start' });
    }
  }
  await ensureJobIndexes(db, log);
  await db
    .collection(COLLECTIONS.driftResults)
    .createIndex({ model: 1, windowStart: 1 }, { name: 'model_windowStart' });
  await db
    .collection(COLLECTIONS.alerts)
    .createIndex({ resolvedAt: 1, lastSeenAt: -1 }, { name: 'resolvedAt_lastSeenAt' });
}

async function ensureJobIndexes(db: Db, log: Logger): Promise<void> {
  // Every Agenda job here is one recurring 'single' document per name (manual runs execute in
  // process), so two processes starting at once cannot create a second copy of a job.
  const agenda = db.collection(COLLECTIONS.agendaJobs);
  await agenda.createIndex({ name: 1, type: 1 }, { unique: true, name: 'clara_one_per_name' });
  // The index Agenda's MongoBackend would make for finding due jobs.
  await agenda.createIndex(
    { name: 1, nextRunAt: 1, priority: -1, lockedAt: 1, disabled: 1 },
    { name: 'findAndLockNextJobIndex' },
  );
  const runs = db.collection(COLLECTIONS.jobRuns);
  await runs.createIndex({ job: 1, startedAt: -1 }, { name: 'job_startedAt' });
  try {
    await runs.createIndex({ startedAt: 1 }, { expireAfterSeconds: JOB_RUN_RETENTION_MS / 1000, name: 'retention' });
  } catch (error) {
    // FerretDB 1.x has no TTL indexes; the job runner also prunes old runs itself.
    log.info(
      { collection: COLLECTIONS.jobRuns, error: String(error) },
      'no TTL index on this server; old job runs are pruned by the runner',
    );
  }
  await db.collection(COLLECTIONS.leases).createIndex({ key: 1, gen: -1 }, { name: 'key_gen' });
  const profiles = db.collection(COLLECTIONS.profiles);
  await profiles.createIndex({ model: 1, windowStart: 1, seq: 1 }, { unique: true, name: 'model_window_seq' });
  await profiles.createIndex({ windowStart: 1 }, { name: 'windowStart' });
  await profiles.createIndex({ upload: 1, nextAttemptAt: 1 }, { name: 'upload_next' });
  await db.collection(COLLECTIONS.profileManifests).createIndex({ model: 1, windowStart: 1 }, { name: 'model_window' });
}
