// Wires stores and services for one database: the only place that knows them all.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from 'mongodb';
import type { Config } from '../config.js';
import type { RangeLimits } from '../core/range-limits.js';
import type { Logger } from '../logger.js';
import { JOBS } from '../jobs/index.js';
import { AlertStore } from '../store/alerts.js';
import { JobRunStore } from '../store/job-runs.js';
import { CalibrationStore } from '../store/calibrations.js';
import { COLLECTIONS, ensureIndexes } from '../store/collections.js';
import { DriftResultStore } from '../store/drift-results.js';
import { DriftStateStore } from '../store/drift-state.js';
import { LeaseStore } from '../store/leases.js';
import { PredictionStore } from '../store/predictions.js';
import { ProfileLedger } from '../store/profile-ledger.js';
import { ProfileStore } from '../store/profiles.js';
import { EarlyValidations } from '../store/early-validations.js';
import { IngestJournal } from '../store/ingest-journal.js';
import { RefreshStateStore } from '../store/refresh-state.js';
import { RowRewrites } from '../store/row-rewrites.js';
import { probeServer } from '../store/server-traits.js';
import { RollupStore } from '../store/rollups.js';
import { TrainingStore } from '../store/training.js';
import { WhyLabsClient } from '../whylabs/client.js';
import { AlertService } from './alerts.js';
import { AnomalyService } from './anomalies.js';
import { CalibrationService } from './calibration.js';
import { DriftService } from './drift.js';
import { EstimateService } from './estimates.js';
import { IngestService } from './ingest.js';
import { LabelLimit } from './label-limit.js';
import { JobService } from './jobs.js';
import { ProfileService } from './profiles.js';
import { ReportService } from './reports.js';
import { RollupService } from './rollups.js';
import { Telemetry } from './telemetry.js';
import { UploadService } from './uploads.js';

export interface Services {
  db: Db;
  predictions: PredictionStore;
  rollups: RollupService;
  ingest: IngestService;
  reports: ReportService;
  profiles: ProfileService;
  uploads: UploadService;
  jobs: JobService;
  drift: DriftService;
  alerts: AlertService;
  calibration: CalibrationService;
  estimates: EstimateService;
  anomalies: AnomalyService;
  telemetry: Telemetry;
}

export async function createServices(db: Db, config: Config, log: Logger, telemetry = new Telemetry()): Promise<Services> {
  await ensureIndexes(db, config.mapping, log);
  const traits = await probeServer(db);
  const predictions = new PredictionStore(db, config.mapping, config.defaultModel, traits);
  const rollupStore = new RollupStore(db, traits);
  const journal = new IngestJournal(db);
  const training = new TrainingStore(db);
  // Names this process in job locks, rollup leases and upload claims.
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const rollups = new RollupService(
    { predictions, rollups: rollupStore, journal, early: new EarlyValidations(db), rewrites: new RowRewrites(db), leases: new LeaseStore(db), state: new RefreshStateStore(db) },
    { passEntries: config.rollups.passEntries, passBlocks: config.rollups.passBlocks, watchDirectWrites: config.rollups.watchDirectWrites, traits, owner },
    log,
  );
  const profileStore = new ProfileStore(db);
  const reports = new ReportService(predictions, rollupStore, rollups, training, config.defaultModel, config.timeZone, config.limits.points, rangeLimits(config));
  const alerts = new AlertService(new AlertStore(db), reports, config.alerts, log);
  const calibration = new CalibrationService(reports, rollupStore, new CalibrationStore(db), config.calibration.reference);
  const context = {
    db,
    predictions,
    rollups,
    ingest: new IngestService(predictions, journal, training, rollups, new LabelLimit(rollupStore, config.limits.labels), telemetry, config.defaultModel, config.limits.batchSize),
    reports,
    alerts,
    calibration,
    estimates: new EstimateService(reports, calibration),
    anomalies: new AnomalyService(reports, rollupStore, new JobRunStore(db), new DriftStateStore(db, COLLECTIONS.anomalyState), alerts, {
      settings: config.anomalies,
      enabled: config.drift.rules.enabled,
      resolveAfter: config.alerts.resolveAfter,
      jobs: JOBS.map((j) => j.name),
    }),
    drift: createDrift(db, config, reports, predictions, training, alerts, calibration),
    profiles: new ProfileService(predictions, rollupStore, profileStore, new ProfileLedger(db), config.whylabs, config.limits.points, rangeLimits(config)),
    uploads: createUploads(db, profileStore, config, owner, log),
    telemetry,
  };
  const jobs = new JobService(JOBS, context, db, config.jobs, owner, log);
  telemetry.watch({
    rollupLagSeconds: async () => {
      const oldest = await journal.oldestPendingAt();
      return oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0;
    },
    quarantinedEntries: () => journal.quarantined(),
    jobs: async () => (await jobs.list()).map((j) => ({ name: j.name, failCount: j.failCount, lastRunAt: j.lastRunAt, running: j.status === 'RUNNING' })),
    deliveries: async () => {
      const byState = new Map<string, number>();
      for (const alert of await alerts.list(null, null, 500)) for (const d of alert.deliveries) byState.set(d.state, (byState.get(d.state) ?? 0) + 1);
      return byState;
    },
  });
  return { ...context, jobs };
}

const rangeLimits = (config: Config): RangeLimits => ({ spanMs: config.limits.rangeMs, blocks: config.limits.blocks });

function createDrift(db: Db, config: Config, reports: ReportService, predictions: PredictionStore, training: TrainingStore, alerts: AlertService, calibration: CalibrationService): DriftService {
  const { granularity, reference, baselineWindows, recheckWindows, rules } = config.drift;
  const settings = { granularity, timeZone: config.timeZone, reference, baselineWindows, resolveAfter: config.alerts.resolveAfter, rules };
  return new DriftService(reports, predictions, training, new DriftResultStore(db), new DriftStateStore(db), alerts, calibration, settings, recheckWindows, config.limits.points);
}

function createUploads(db: Db, profiles: ProfileStore, config: Config, owner: string, log: Logger): UploadService {
  const { apiKey, orgId, defaultDatasetId, datasetIds } = config.whylabs;
  const anyDataset = defaultDatasetId !== null || Object.keys(datasetIds).length > 0;
  const client = apiKey && orgId && anyDataset ? new WhyLabsClient({ ...config.whylabs, apiKey, orgId }, log) : null;
  // A claim must outlive the longest upload, or a slow upload could be sent again by another process.
  const claimMs = Math.max(config.jobs.lockLifetimeMs, (client?.maxDurationMs ?? 0) + 60_000);
  return new UploadService(profiles, new LeaseStore(db), config.whylabs, client, owner, claimMs, log);
}
