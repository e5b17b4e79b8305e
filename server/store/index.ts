// Opens every store of one database: the only place above which no code sees a `Db`.
import type { Db } from 'mongodb';
import type { FieldMapping } from '../config.js';
import type { Logger } from '../logger.js';
import { agendaBackend, type PatientBackend } from './agenda-backend.js';
import { AlertStore } from './alerts.js';
import { CalibrationStore } from './calibrations.js';
import { COLLECTIONS, ensureIndexes } from './collections.js';
import { DriftResultStore } from './drift-results.js';
import { DriftStateStore } from './drift-state.js';
import { EarlyValidations } from './early-validations.js';
import { IngestJournal } from './ingest-journal.js';
import { JobRunStore } from './job-runs.js';
import { LeaseStore } from './leases.js';
import { PredictionStore } from './predictions.js';
import { ProfileLedger } from './profile-ledger.js';
import { ProfileStore } from './profiles.js';
import { RefreshStateStore } from './refresh-state.js';
import { RollupStore } from './rollups.js';
import { RowRewrites } from './row-rewrites.js';
import { probeServer, type ServerTraits } from './server-traits.js';
import { TrainingStore } from './training.js';

export interface Stores {
  traits: ServerTraits;
  predictions: PredictionStore;
  rollups: RollupStore;
  journal: IngestJournal;
  early: EarlyValidations;
  rewrites: RowRewrites;
  refreshState: RefreshStateStore;
  training: TrainingStore;
  leases: LeaseStore;
  jobRuns: JobRunStore;
  profiles: ProfileStore;
  profileLedger: ProfileLedger;
  alerts: AlertStore;
  calibrations: CalibrationStore;
  driftResults: DriftResultStore;
  driftState: DriftStateStore;
  anomalyState: DriftStateStore;
  /** Agenda's backend, made on demand: Agenda connects it as soon as it exists. */
  agendaBackend: () => PatientBackend;
}

export interface StoreSettings {
  mapping: FieldMapping;
  defaultModel: string;
}

/** Makes the indexes, learns what the server can do, and opens the stores on it. */
export async function openStores(db: Db, settings: StoreSettings, log: Logger): Promise<Stores> {
  const traits = await probeServer(db);
  await ensureIndexes(db, settings.mapping, traits, log);
  return {
    traits,
    predictions: new PredictionStore(db, settings.mapping, settings.defaultModel, traits),
    rollups: new RollupStore(db, traits),
    journal: new IngestJournal(db),
    early: new EarlyValidations(db),
    rewrites: new RowRewrites(db),
    refreshState: new RefreshStateStore(db),
    training: new TrainingStore(db),
    leases: new LeaseStore(db),
    jobRuns: new JobRunStore(db),
    profiles: new ProfileStore(db),
    profileLedger: new ProfileLedger(db),
    alerts: new AlertStore(db),
    calibrations: new CalibrationStore(db),
    driftResults: new DriftResultStore(db),
    driftState: new DriftStateStore(db),
    anomalyState: new DriftStateStore(db, COLLECTIONS.anomalyState),
    agendaBackend: () => agendaBackend(db, log),
  };
}
