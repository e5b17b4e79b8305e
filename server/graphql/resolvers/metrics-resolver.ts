import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { ClassField, Granularity } from '../enums.js';
import { TimeRangeInput, toWindow } from '../inputs/time-range-input.js';
import { ClassCount } from '../types/class-count.js';
import { ClassMetrics } from '../types/class-metrics.js';
import { ConfusionMatrix } from '../types/confusion-matrix.js';
import { MetricsReport } from '../types/metrics-report.js';
import { VersionArg } from '../version-arg.js';

@Resolver()
export class MetricsResolver {
  @Query(() => MetricsReport, {
    description: 'Metrics over [from, to), overall and per calendar bucket of timeZone (default: the server setting).',
  })
  metrics(
    @Arg('range', () => TimeRangeInput) range: TimeRangeInput,
    @Arg('granularity', () => Granularity, { defaultValue: Granularity.DAY }) granularity: Granularity,
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @VersionArg() version: string | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA name, e.g. Europe/Berlin.' })
    timeZone: string | null,
    @Ctx() { services }: Context,
  ): Promise<MetricsReport> {
    return services.reports.metrics(toWindow(range), granularity, { model, version }, timeZone);
  }

  @Query(() => [ClassMetrics])
  metricsByClass(
    @Arg('range', () => TimeRangeInput) range: TimeRangeInput,
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @VersionArg() version: string | null,
    @Ctx() { services }: Context,
  ): Promise<ClassMetrics[]> {
    return services.reports.metricsByClass(toWindow(range), { model, version });
  }

  @Query(() => ConfusionMatrix)
  confusionMatrix(
    @Arg('range', () => TimeRangeInput) range: TimeRangeInput,
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @VersionArg() version: string | null,
    @Ctx() { services }: Context,
  ): Promise<ConfusionMatrix> {
    return services.reports.confusionMatrix(toWindow(range), { model, version });
  }

  @Query(() => [ClassCount])
  sampleDistribution(
    @Arg('range', () => TimeRangeInput) range: TimeRangeInput,
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @VersionArg() version: string | null,
    @Arg('by', () => ClassField, { defaultValue: ClassField.ACTUAL }) by: ClassField,
    @Ctx() { services }: Context,
  ): Promise<ClassCount[]> {
    return services.reports.sampleDistribution(toWindow(range), { model, version }, by);
  }

  @Query(() => [ClassCount])
  trainingDistribution(
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @Ctx() { services }: Context,
  ): Promise<ClassCount[]> {
    return services.reports.trainingDistribution(model);
  }
}
