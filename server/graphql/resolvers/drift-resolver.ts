import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { Granularity } from '../enums.js';
import { TimeRangeInput, toWindow } from '../inputs/time-range-input.js';
import { DriftPoint } from '../types/drift-point.js';
import { DriftReference } from '../types/drift-reference.js';
import { DriftSettings } from '../types/drift-settings.js';
import type { DriftPointView } from '../../services/drift.js';
import { VersionArg } from '../version-arg.js';

const toPoint = (p: DriftPointView): DriftPoint => ({
  start: p.start,
  end: p.end,
  psi: p.predicted?.psi ?? null,
  jsDistance: p.predicted?.jsDistance ?? null,
  chiSquareP: p.predicted?.chiSquareP ?? null,
  ksStatistic: p.confidence?.statistic ?? null,
  ksP: p.confidence?.pValue ?? null,
  accuracyDelta: p.accuracy?.delta ?? null,
  drift: p.drift,
  accuracyP: p.accuracy?.pValue ?? null,
  accuracy: p.accuracy?.accuracy ?? null,
  baselineAccuracy: p.accuracy?.baselineAccuracy ?? null,
  actualPsi: p.actual?.psi ?? null,
  actualJsDistance: p.actual?.jsDistance ?? null,
  actualChiSquareP: p.actual?.chiSquareP ?? null,
  predictions: p.predictions,
  validated: p.validated,
  pageHinkley: p.pageHinkley,
  rules: [...p.outcomes.filter((o) => o.fired).map((o) => o.rule), ...(p.pageHinkley ? ['page-hinkley'] : [])],
});

@Resolver(() => DriftPoint)
export class DriftResolver {
  @Query(() => [DriftPoint], {
    description:
      'Drift per calendar bucket of [from, to), computed from the rollups (ranges up to CLARA_MAX_RANGE reading at most CLARA_MAX_BLOCKS blocks; cost grows with the number of buckets).',
  })
  async drift(
    @Arg('range', () => TimeRangeInput) range: TimeRangeInput,
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @VersionArg() version: string | null,
    @Arg('granularity', () => Granularity, { nullable: true, defaultValue: Granularity.DAY })
    granularity: Granularity | null,
    @Arg('reference', () => DriftReference, { nullable: true, defaultValue: DriftReference.TRAINING })
    reference: DriftReference | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA name, e.g. Europe/Berlin.' })
    timeZone: string | null,
    @Ctx() { services }: Context,
  ): Promise<DriftPoint[]> {
    return (
      await services.drift.series(
        toWindow(range),
        granularity ?? Granularity.DAY,
        { model, version },
        reference ?? DriftReference.TRAINING,
        timeZone,
      )
    ).map(toPoint);
  }

  @Query(() => DriftSettings)
  driftSettings(@Ctx() { services }: Context): DriftSettings {
    const s = services.drift.describe();
    return {
      granularity: s.granularity,
      timeZone: s.timeZone,
      reference: s.reference,
      baselineWindows: s.baselineWindows,
      recheckWindows: s.recheckWindows,
      resolveAfter: s.resolveAfter,
      rules: [...s.rules.enabled],
      psiThreshold: s.rules.psi,
      jsThreshold: s.rules.js,
      accuracyDropThreshold: s.rules.accuracyDrop,
      classRecallDropThreshold: s.rules.classRecallDrop,
      ksThreshold: s.rules.ks,
      pValue: s.rules.pValue,
      classRecallPValue: s.rules.classRecallPValue,
      minSamples: s.rules.minSamples,
    };
  }
}
