// Each model's fitted calibration (collection calibrations, _id = model): written by the
// fit-calibration job, one run at a time, so a whole-document replace is safe; the collection
// holds one small document per model (at most 100 steps).
import type { Collection, Db } from 'mongodb';
import type { Window } from '../core/buckets.js';
import type { Calibration } from '../core/calibration.js';
import { COLLECTIONS } from './collections.js';

export interface StoredCalibration {
  model: string;
  /** The validated predictions it was fitted on: predictedAt in [start, end). */
  reference: Window;
  fittedAt: Date;
  calibration: Calibration;
}

interface CalibrationDoc extends Omit<StoredCalibration, 'model'> {
  _id: string;
}

export class CalibrationStore {
  private readonly docs: Collection<CalibrationDoc>;

  constructor(db: Db) {
    this.docs = db.collection<CalibrationDoc>(COLLECTIONS.calibrations);
  }

  async get(model: string): Promise<StoredCalibration | null> {
    const doc = await this.docs.findOne({ _id: model });
    return doc ? { model, reference: doc.reference, fittedAt: doc.fittedAt, calibration: doc.calibration } : null;
  }

  async put({ model, reference, fittedAt, calibration }: StoredCalibration): Promise<void> {
    await this.docs.replaceOne({ _id: model }, { reference, fittedAt, calibration }, { upsert: true });
  }

  async remove(model: string): Promise<void> {
    await this.docs.deleteOne({ _id: model });
  }
}
