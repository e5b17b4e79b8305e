// Wires stores and services for one database: the only place that knows them all.
import type { Db } from 'mongodb';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { ensureIndexes } from '../store/collections.js';
import { PredictionStore } from '../store/predictions.js';
import { RefreshStateStore } from '../store/refresh-state.js';
import { RollupStore } from '../store/rollups.js';
import { TrainingStore } from '../store/training.js';
import { IngestService } from './ingest.js';
import { ReportService } from './reports.js';
import { RollupService } from './rollups.js';

export interface Services {
  db: Db;
  predictions: PredictionStore;
  rollups: RollupService;
  ingest: IngestService;
  reports: ReportService;
}

export async function createServices(db: Db, config: Config, log: Logger): Promise<Services> {
  await ensureIndexes(db, config.mapping, log);
  const predictions = new PredictionStore(db, config.mapping, config.defaultModel);
  const rollupStore = new RollupStore(db);
  const training = new TrainingStore(db);
  const rollups = new RollupService(predictions, rollupStore, new RefreshStateStore(db), log);
  return {
    db,
    predictions,
    rollups,
    ingest: new IngestService(predictions, training, rollups, config.defaultModel, config.limits.batchSize),
    reports: new ReportService(predictions, rollupStore, rollups, training, config.defaultModel, config.timeZone, config.limits.points),
  };
}
