// Answers metric questions over any range from rollup blocks plus, at most, two raw slivers per window.
import {
  calendarBuckets,
  assertTimeZone,
  BucketLimitError,
  TimeZoneError,
  type Granularity,
  type Window,
} from '../core/buckets.js';
import type { ClassField } from '../core/class-field.js';
import { InputError } from '../core/errors.js';
import { checkBlocks, checkRange, type RangeLimits } from '../core/range-limits.js';
import { decompose, type RollupLevel } from '../core/grid.js';
import { checkVersion } from '../core/prediction.js';
import { inSeries, parseSeries, seriesName, type SeriesName } from '../core/series.js';
import {
  classMetrics,
  confusionMatrix,
  metricValues,
  type ClassMetrics,
  type ConfusionMatrix,
  type MetricValues,
} from '../core/metrics.js';
import { actualCounts, emptyTally, mergeInto, tallyCells, tallyRows, type Tally } from '../core/tally.js';
import type { PredictionStore } from '../store/predictions.js';
import { blockKey, type RollupStore } from '../store/rollups.js';
import type { TrainingStore } from '../store/training.js';
import type { RollupService } from './rollups.js';

export interface ClassCount {
  label: string;
  count: number;
  share: number;
}

/** Which predictions a query is about: a model (omitted: the default) and, optionally, one version of it. */
export interface Subject {
  model?: string | null;
  version?: string | null;
}

export interface MetricsReport {
  model: string;
  version: string | null;
  granularity: Granularity;
  timeZone: string;
  asOf: Date | null;
  overall: MetricValues;
  series: { start: Date; end: Date; values: MetricValues }[];
}

export interface VersionInfo {
  name: string;
  predictions: number;
  validated: number;
  firstPredictedAt: Date | null;
  lastPredictedAt: Date | null;
}

export interface ModelInfo extends VersionInfo {
  versions: VersionInfo[];
}

export function withShares(counts: Iterable<[string, number]>): ClassCount[] {
  const list = [...counts].map(([label, count]) => ({ label, count }));
  const total = list.reduce((sum, c) => sum + c.count, 0);
  return list
    .map((c) => ({ ...c, share: total === 0 ? 0 : c.count / total }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** What reports read, each narrowed to what they use. */
export interface ReportDeps {
  predictions: Pick<PredictionStore, 'rowsBetween'>;
  rollups: Pick<RollupStore, 'models' | 'read' | 'readAll'>;
  /** The drainer: which writes the rollups do not hold yet. */
  refresher: Pick<RollupService, 'asOf' | 'pendingModels'>;
  training: Pick<TrainingStore, 'get' | 'models'>;
}

export interface ReportOptions {
  defaultModel: string;
  defaultTimeZone: string;
  maxPoints: number;
  limits: RangeLimits;
}

export class ReportService {
  constructor(
    private readonly deps: ReportDeps,
    private readonly options: ReportOptions,
  ) {}

  /** Every rollup series (models and their versions), those still only in the journal included. */
  private async knownSeries(): Promise<SeriesName[]> {
    const names = new Set([...(await this.deps.rollups.models()), ...(await this.deps.refresher.pendingModels())]);
    return [...names].map(parseSeries);
  }

  async knownModels(): Promise<string[]> {
    // Models still only in the journal are known too: a query right after their first write is
    // answered (from rollups that have not caught up yet, as asOf says), not refused.
    const fromSeries = (await this.knownSeries()).filter((s) => s.version === null).map((s) => s.model);
    const names = new Set([this.options.defaultModel, ...fromSeries, ...(await this.deps.training.models())]);
    return [...names].sort();
  }

  /** The versions a model has predictions of (or had: a version whose rows all moved stays listed). */
  async knownVersions(model: string): Promise<string[]> {
    const versions = (await this.knownSeries()).flatMap((s) =>
      s.model === model && s.version !== null ? [s.version] : [],
    );
    return [...new Set(versions)].sort();
  }

  /** The series a query reads: the model's, or one version's; an unknown version is the caller's mistake. */
  async resolveSubject(subject: Subject): Promise<SeriesName> {
    const model = await this.resolveModel(subject.model);
    const version = checkVersion('version', subject.version);
    if (version === null) return { model, version };
    const known = await this.knownVersions(model);
    if (!known.includes(version))
      throw new InputError(
        'version',
        `unknown version "${version}" of model "${model}"; known versions: ${known.join(', ') || 'none'}`,
      );
    return { model, version };
  }

  /** The model to report on: the default when omitted; an unknown name is the caller's mistake. */
  async resolveModel(model: string | null | undefined): Promise<string> {
    if (model === null || model === undefined) return this.options.defaultModel;
    const known = await this.knownModels();
    if (!known.includes(model))
      throw new InputError('model', `unknown model "${model}"; known models: ${known.join(', ')}`);
    return model;
  }

  resolveZone(zone: string | null | undefined): string {
    const name = zone ?? this.options.defaultTimeZone;
    try {
      assertTimeZone(name);
    } catch (error) {
      if (error instanceof TimeZoneError) throw new InputError('timeZone', `unknown IANA time zone "${name}"`);
      throw error;
    }
    return name;
  }

  checkRange(range: Window): Window {
    return checkRange(range, this.options.limits);
  }

  /**
   * Exact tallies of each window: rollup blocks inside it, raw rows only for sub-block slivers. With
   * a version, the blocks of its series and the slivers' rows of that version.
   */
  async tallies(model: string, windows: Window[], version: string | null = null): Promise<Tally[]> {
    checkBlocks(windows, this.options.limits);
    const series = { model, version };
    const key = seriesName(model, version);
    const plans = windows.map((w) => decompose(w));
    const wanted: Record<RollupLevel, Map<string, { model: string; start: Date }>> = {
      QUARTER: new Map(),
      HOUR: new Map(),
      DAY: new Map(),
    };
    for (const plan of plans)
      for (const b of plan.blocks) wanted[b.level].set(blockKey(key, b.start), { model: key, start: b.start });
    const stored = {
      QUARTER: await this.deps.rollups.read('QUARTER', [...wanted.QUARTER.values()]),
      HOUR: await this.deps.rollups.read('HOUR', [...wanted.HOUR.values()]),
      DAY: await this.deps.rollups.read('DAY', [...wanted.DAY.values()]),
    };
    // Tallies are read-only from here: a window that is one stored block is that block's own tally,
    // not a copy (an hourly 90-day series is 2,160 of them).
    const result: Tally[] = [];
    for (const plan of plans) {
      const [only] = plan.blocks;
      if (plan.blocks.length === 1 && plan.rawEdges.length === 0) {
        result.push(stored[only.level].get(blockKey(key, only.start)) ?? emptyTally());
        continue;
      }
      const tally = emptyTally();
      for (const b of plan.blocks) {
        const block = stored[b.level].get(blockKey(key, b.start));
        if (block) mergeInto(tally, block);
      }
      for (const edge of plan.rawEdges) {
        const rows = await this.deps.predictions.rowsBetween(model, edge.start, edge.end);
        mergeInto(tally, tallyRows(rows.filter((r) => inSeries(series, r))));
      }
      result.push(tally);
    }
    return result;
  }

  async total(range: Window, subject: Subject): Promise<Tally> {
    this.checkRange(range);
    const { model, version } = await this.resolveSubject(subject);
    const [tally] = await this.tallies(model, [range], version);
    return tally;
  }

  async metrics(
    range: Window,
    granularity: Granularity,
    subject: Subject,
    zone: string | null | undefined,
  ): Promise<MetricsReport> {
    this.checkRange(range);
    const timeZone = this.resolveZone(zone);
    const { model, version } = await this.resolveSubject(subject);
    const buckets = this.buckets(range, granularity, timeZone);
    const tallies = await this.tallies(model, buckets, version);
    const overall = emptyTally();
    for (const t of tallies) mergeInto(overall, t);
    return {
      model,
      version,
      granularity,
      timeZone,
      asOf: await this.deps.refresher.asOf(),
      overall: valuesOf(overall),
      series: buckets.map((b, i) => ({ start: b.start, end: b.end, values: valuesOf(tallies[i]) })),
    };
  }

  /** The calendar buckets of a series, refused when there are more than the points limit. */
  buckets(range: Window, granularity: Granularity, timeZone: string): Window[] {
    try {
      return calendarBuckets(range.start, range.end, granularity, timeZone, this.options.maxPoints);
    } catch (error) {
      if (error instanceof BucketLimitError) {
        throw new InputError(
          'granularity',
          `this range at ${granularity} gives ${error.count} points, more than the limit of ${this.options.maxPoints}; use a coarser granularity or a shorter range`,
        );
      }
      throw error;
    }
  }

  async metricsByClass(range: Window, subject: Subject): Promise<ClassMetrics[]> {
    const tally = await this.total(range, subject);
    return classMetrics(confusionMatrix(tallyCells(tally)));
  }

  async confusionMatrix(range: Window, subject: Subject): Promise<ConfusionMatrix> {
    const tally = await this.total(range, subject);
    return confusionMatrix(tallyCells(tally));
  }

  async sampleDistribution(range: Window, subject: Subject, by: ClassField): Promise<ClassCount[]> {
    const tally = await this.total(range, subject);
    return withShares(by === 'ACTUAL' ? actualCounts(tally) : tally.predicted);
  }

  async trainingDistribution(model: string | null | undefined): Promise<ClassCount[]> {
    const name = await this.resolveModel(model);
    return withShares((await this.deps.training.get(name)).map((c) => [c.label, c.count] as [string, number]));
  }

  async models(): Promise<ModelInfo[]> {
    const infos: ModelInfo[] = [];
    for (const name of await this.knownModels()) {
      const versions: VersionInfo[] = [];
      for (const version of await this.knownVersions(name))
        versions.push(await this.seriesInfo(version, seriesName(name, version)));
      infos.push({ ...(await this.seriesInfo(name, name)), versions });
    }
    return infos;
  }

  /** Counts and first and last prediction of a series, from its day blocks. */
  private async seriesInfo(name: string, series: string): Promise<VersionInfo> {
    const total = emptyTally();
    for (const d of await this.deps.rollups.readAll('DAY', series)) mergeInto(total, d.tally);
    return {
      name,
      predictions: total.predictions,
      validated: total.validated,
      firstPredictedAt: total.firstAt,
      lastPredictedAt: total.lastAt,
    };
  }
}

export function valuesOf(tally: Tally): MetricValues {
  return metricValues(confusionMatrix(tallyCells(tally)), tally.predictions);
}
