// Wires the services of one database from its stores: the only place that knows them all.
import type { Config } from '../config.js';
import type { RangeLimits } from '../core/range-limits.js';
import type { Logger } from '../logger.js';
import type { Stores } from '../store/index.js';
import { WhyLabsClient } from '../whylabs/client.js';
import { AlertService } from './alerts.js';
import { AnomalyService } from './anomalies.js';
import { CalibrationService } from './calibration.js';
import { DriftService } from './drift.js';
import { EstimateService } from './estimates.js';
import { IngestService } from './ingest.js';
import type { JobControl } from './jobs.js';
import { LabelLimit } from './label-limit.js';
import { ProfileService } from './profiles.js';
import { ReportService } from './reports.js';
import { RollupService } from './rollups.js';
import type { Telemetry } from './telemetry.js';
import { UploadService } from './uploads.js';

export interface Services {
  rollups: RollupService;
  ingest: IngestService;
  reports: ReportService;
  profiles: ProfileService;
  uploads: UploadService;
  drift: DriftService;
  alerts: AlertService;
  calibration: CalibrationService;
  estimates: EstimateService;
  anomalies: AnomalyService;
  telemetry: Telemetry;
}

/** What the API reaches: the services, and the jobs (built from them by the runtime). */
export interface ApiServices extends Services {
  jobs: JobControl;
}

export interface ServiceSettings {
  telemetry: Telemetry;
  /** Names this process in rollup leases and upload claims. */
  owner: string;
  /** The jobs check-anomalies watches for failures. */
  jobNames: readonly string[];
}

export function createServices(
  stores: Stores,
  config: Config,
  log: Logger,
  { telemetry, owner, jobNames }: ServiceSettings,
): Services {
  const { predictions, journal, training } = stores;
  const rollups = new RollupService(
    {
      predictions,
      rollups: stores.rollups,
      journal,
      early: stores.early,
      rewrites: stores.rewrites,
      leases: stores.leases,
      state: stores.refreshState,
    },
    {
      passEntries: config.rollups.passEntries,
      passRows: config.rollups.passRows,
      passBlocks: config.rollups.passBlocks,
      refreshMemoryMb: config.rollups.refreshMemoryMb,
      watchDirectWrites: config.rollups.watchDirectWrites,
      traits: stores.traits,
      owner,
    },
    log,
  );
  const reports = new ReportService(
    { predictions, rollups: stores.rollups, refresher: rollups, training },
    {
      defaultModel: config.defaultModel,
      defaultTimeZone: config.timeZone,
      maxPoints: config.limits.points,
      limits: rangeLimits(config),
    },
  );
  const alerts = new AlertService(stores.alerts, reports, config.alerts, log);
  const calibration = new CalibrationService(
    reports,
    stores.rollups,
    stores.calibrations,
    config.calibration.reference,
  );
  return {
    rollups,
    ingest: new IngestService(
      {
        predictions,
        journal,
        training,
        rollups,
        labels: new LabelLimit(stores.rollups, config.limits.labels),
        telemetry,
      },
      { defaultModel: config.defaultModel, maxBatch: config.limits.batchSize },
    ),
    reports,
    alerts,
    calibration,
    estimates: new EstimateService(reports, calibration),
    anomalies: new AnomalyService(
      { reports, rollups: stores.rollups, runs: stores.jobRuns, state: stores.anomalyState, alerts },
      {
        settings: config.anomalies,
        enabled: config.drift.rules.enabled,
        resolveAfter: config.alerts.resolveAfter,
        jobs: jobNames,
      },
    ),
    drift: createDrift(stores, config, reports, alerts, calibration),
    profiles: new ProfileService(
      { predictions, rollupStore: stores.rollups, store: stores.profiles, ledger: stores.profileLedger },
      { whylabs: config.whylabs, maxProfiles: config.limits.points, limits: rangeLimits(config) },
    ),
    uploads: createUploads(stores, config, owner, log),
    telemetry,
  };
}

const rangeLimits = (config: Config): RangeLimits => ({ spanMs: config.limits.rangeMs, blocks: config.limits.blocks });

function createDrift(
  stores: Stores,
  config: Config,
  reports: ReportService,
  alerts: AlertService,
  calibrations: CalibrationService,
): DriftService {
  const { granularity, reference, baselineWindows, recheckWindows, rules } = config.drift;
  const settings = {
    granularity,
    timeZone: config.timeZone,
    reference,
    baselineWindows,
    resolveAfter: config.alerts.resolveAfter,
    rules,
  };
  return new DriftService(
    {
      reports,
      predictions: stores.predictions,
      training: stores.training,
      results: stores.driftResults,
      state: stores.driftState,
      alerts,
      calibrations,
    },
    { settings, recheckWindows, maxPoints: config.limits.points },
  );
}

function createUploads(stores: Stores, config: Config, owner: string, log: Logger): UploadService {
  const { apiKey, orgId, defaultDatasetId, datasetIds } = config.whylabs;
  const anyDataset = defaultDatasetId !== null || Object.keys(datasetIds).length > 0;
  const client = apiKey && orgId && anyDataset ? new WhyLabsClient({ ...config.whylabs, apiKey, orgId }, log) : null;
  // A claim must outlive the longest upload, or a slow upload could be sent again by another process.
  const claimMs = Math.max(config.jobs.lockLifetimeMs, (client?.maxDurationMs ?? 0) + 60_000);
  return new UploadService(
    { store: stores.profiles, leases: stores.leases, client, log },
    { config: config.whylabs, owner, claimMs },
  );
}
