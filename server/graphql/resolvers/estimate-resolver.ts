import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { CONFIDENCE_BINS } from '../../core/tally.js';
import type { CalibrationView } from '../../services/calibration.js';
import type { Context } from '../context.js';
import { Granularity } from '../enums.js';
import { TimeRangeInput, toWindow } from '../inputs/time-range-input.js';
import { CalibrationInfo } from '../types/calibration-info.js';
import { PerformanceEstimate } from '../types/performance-estimate.js';
import { VersionArg } from '../version-arg.js';

export function toCalibrationInfo({
  model,
  reference,
  fittedAt,
  stored,
  calibration: c,
}: CalibrationView): CalibrationInfo {
  return {
    model,
    from: reference.start,
    to: reference.end,
    fittedAt,
    stored,
    samples: c.samples,
    referenceAccuracy: c.correct / c.samples,
    calibrationErrorBefore: c.errorBefore,
    calibrationErrorAfter: c.errorAfter,
    steps: c.steps.map((s) => ({
      confidenceFrom: s.fromBin / CONFIDENCE_BINS,
      confidenceTo: (s.toBin + 1) / CONFIDENCE_BINS,
      calibrated: s.value,
      samples: s.validated,
    })),
  };
}

@Resolver()
export class EstimateResolver {
  @Query(() => PerformanceEstimate, {
    description:
      "Performance estimated from confidence before labels arrive (calibrated on validated predictions: the fit-calibration job's, else those before the range), per calendar bucket of [from, to), next to the realized values; read from rollups like `metrics`.",
  })
  async performanceEstimate(
    @Arg('range', () => TimeRangeInput) range: TimeRangeInput,
    @Arg('granularity', () => Granularity) granularity: Granularity,
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @VersionArg() version: string | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA name, e.g. Europe/Berlin.' })
    timeZone: string | null,
    @Ctx() { services }: Context,
  ): Promise<PerformanceEstimate> {
    const { reference, series } = await services.estimates.performanceEstimate(
      toWindow(range),
      granularity,
      { model, version },
      timeZone,
    );
    return { reference: reference ? toCalibrationInfo(reference) : null, series };
  }

  @Query(() => CalibrationInfo, {
    nullable: true,
    description: 'The calibration the fit-calibration job stored for the model; null before its first fit.',
  })
  async calibration(
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @Ctx() { services }: Context,
  ): Promise<CalibrationInfo | null> {
    const stored = await services.calibration.stored(model);
    return stored ? toCalibrationInfo(stored) : null;
  }
}
