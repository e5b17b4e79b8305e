// Performance estimated from confidence, per calendar bucket, next to the realized values: the
// buckets' tallies come from rollups exactly as for `metrics`, so the cost is O(buckets).
import type { Granularity, Window } from '../core/buckets.js';
import { estimatePerformance, type EstimatedValues } from '../core/estimate.js';
import type { MetricValues } from '../core/metrics.js';
import type { CalibrationService, CalibrationView } from './calibration.js';
import { valuesOf, type ReportService, type Subject } from './reports.js';

export interface EstimatedPoint extends Window {
  predictions: number;
  validated: number;
  /** Null when the window has no prediction with a confidence, or there is no calibration yet. */
  estimated: EstimatedValues | null;
  /** Null without validated predictions. */
  realized: MetricValues | null;
}

export interface PerformanceEstimate {
  reference: CalibrationView | null;
  series: EstimatedPoint[];
}

export class EstimateService {
  constructor(
    private readonly reports: ReportService,
    private readonly calibration: CalibrationService,
  ) {}

  /** With a version, its windows are estimated with the model's calibration (fitted on every version). */
  async performanceEstimate(
    range: Window,
    granularity: Granularity,
    subject: Subject,
    zone: string | null | undefined,
  ): Promise<PerformanceEstimate> {
    this.reports.checkRange(range);
    const timeZone = this.reports.resolveZone(zone);
    const { model, version } = await this.reports.resolveSubject(subject);
    const buckets = this.reports.buckets(range, granularity, timeZone);
    const tallies = await this.reports.tallies(model, buckets, version);
    const reference = await this.calibration.current(model, range.start);
    return {
      reference,
      series: buckets.map((b, i) => {
        const t = tallies[i];
        return {
          start: b.start,
          end: b.end,
          predictions: t.predictions,
          validated: t.validated,
          estimated: reference ? estimatePerformance(t, reference.calibration) : null,
          realized: t.validated > 0 ? valuesOf(t) : null,
        };
      }),
    };
  }
}
