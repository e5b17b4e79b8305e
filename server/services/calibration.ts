// Calibrations: fitted from the rollups of a reference range (cost O(blocks), like a metrics
// query), stored by the fit-calibration job, and found again for estimates and the drift rule.
import type { Window } from '../core/buckets.js';
import { fitCalibration } from '../core/calibration.js';
import type { CalibrationStore, StoredCalibration } from '../store/calibrations.js';
import type { RollupStore } from '../store/rollups.js';
import type { ReportService } from './reports.js';

/** A calibration and where it came from: the job's stored fit, or one fitted for this request. */
export interface CalibrationView extends StoredCalibration {
  stored: boolean;
}

export interface RefitSummary {
  models: number;
  fitted: number;
  /** Models without a validated prediction with a confidence in the reference. */
  without: number;
}

export class CalibrationService {
  constructor(
    private readonly reports: ReportService,
    private readonly rollups: RollupStore,
    private readonly store: CalibrationStore,
    /** CLARA_CALIBRATION_REFERENCE; null: every validated prediction before the cutoff. */
    private readonly pinned: Window | null,
  ) {}

  /** The reference range of a fit made at `cutoff`: the pinned range, or from the model's first day. */
  private async referenceOf(model: string, cutoff: Date): Promise<Window | null> {
    if (this.pinned) return this.pinned;
    const first = (await this.rollups.versions('DAY', model)).find((d) => d.rows > 0)?.start;
    return first && first < cutoff ? { start: first, end: cutoff } : null;
  }

  /** Fits on the reference of a fit made at `cutoff`; null without validated predictions that have a confidence. */
  async fit(model: string, cutoff: Date, now = new Date()): Promise<StoredCalibration | null> {
    const reference = await this.referenceOf(model, cutoff);
    if (!reference) return null;
    const [tally] = await this.reports.tallies(model, [reference]);
    const calibration = fitCalibration(tally.reliability, tally.confidence);
    return calibration ? { model, reference, fittedAt: now, calibration } : null;
  }

  /** The stored calibration; null before the job fitted one. */
  async stored(model: string | null | undefined): Promise<CalibrationView | null> {
    const found = await this.store.get(await this.reports.resolveModel(model));
    return found ? { ...found, stored: true } : null;
  }

  /**
   * What estimates of windows from `before` on use: the job's calibration when there is one,
   * else one fitted now on the validated predictions before `before` (or the pinned range).
   */
  async current(model: string, before: Date): Promise<CalibrationView | null> {
    const found = await this.store.get(model);
    if (found) return { ...found, stored: true };
    const fitted = await this.fit(model, before);
    return fitted ? { ...fitted, stored: false } : null;
  }

  /** The fit-calibration job: refits every model on its reference as of now and stores the result. */
  async refit(signal: AbortSignal, now = new Date()): Promise<RefitSummary> {
    const summary: RefitSummary = { models: 0, fitted: 0, without: 0 };
    for (const model of await this.reports.knownModels()) {
      signal.throwIfAborted();
      summary.models++;
      const fitted = await this.fit(model, now, now);
      if (fitted) {
        await this.store.put(fitted);
        summary.fitted++;
      } else {
        // A pinned range that no longer holds labels must not leave an older fit in use.
        await this.store.remove(model);
        summary.without++;
      }
    }
    return summary;
  }
}
