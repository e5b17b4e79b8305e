// Answers metric questions over any range from rollup blocks plus, at most, two raw slivers per window.
import { calendarBuckets, assertTimeZone, BucketLimitError, TimeZoneError, type Granularity, type Window } from '../core/buckets.js';
import type { ClassField } from '../core/class-field.js';
import { InputError } from '../core/errors.js';
import { checkBlocks, checkRange, type RangeLimits } from '../core/range-limits.js';
import { decompose, type RollupLevel } from '../core/grid.js';
import { classMetrics, confusionMatrix, metricValues, type ClassMetrics, type ConfusionMatrix, type MetricValues } from '../core/metrics.js';
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

export interface MetricsReport {
  model: string;
  granularity: Granularity;
  timeZone: string;
  asOf: Date | null;
  overall: MetricValues;
  series: { start: Date; end: Date; values: MetricValues }[];
}

export interface ModelInfo {
  name: string;
  predictions: number;
  validated: number;
  firstPredictedAt: Date | null;
  lastPredictedAt: Date | null;
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

  async knownModels(): Promise<string[]> {
    // Models still only in the journal are known too: a query right after their first write is
    // answered (from rollups that have not caught up yet, as asOf says), not refused.
    const names = new Set([this.options.defaultModel, ...(await this.deps.rollups.models()), ...(await this.deps.refresher.pendingModels()), ...(await this.deps.training.models())]);
    return [...names].sort();
  }

  /** The model to report on: the default when omitted; an unknown name is the caller's mistake. */
  async resolveModel(model: string | null | undefined): Promise<string> {
    if (model === null || model === undefined) return this.options.defaultModel;
    const known = await this.knownModels();
    if (!known.includes(model)) throw new InputError('model', `unknown model "${model}"; known models: ${known.join(', ')}`);
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

  /** Exact tallies of each window: rollup blocks inside it, raw rows only for sub-block slivers. */
  async tallies(model: string, windows: Window[]): Promise<Tally[]> {
    checkBlocks(windows, this.options.limits);
    const plans = windows.map((w) => decompose(w));
    const wanted: Record<RollupLevel, Map<string, { model: string; start: Date }>> = { QUARTER: new Map(), HOUR: new Map(), DAY: new Map() };
    for (const plan of plans) for (const b of plan.blocks) wanted[b.level].set(blockKey(model, b.start), { model, start: b.start });
    const stored = {
      QUARTER: await this.deps.rollups.read('QUARTER', [...wanted.QUARTER.values()]),
      HOUR: await this.deps.rollups.read('HOUR', [...wanted.HOUR.values()]),
      DAY: await this.deps.rollups.read('DAY', [...wanted.DAY.values()]),
    };
    const result: Tally[] = [];
    for (const plan of plans) {
      const tally = emptyTally();
      for (const b of plan.blocks) {
        const block = stored[b.level].get(blockKey(model, b.start));
        if (block) mergeInto(tally, block);
      }
      for (const edge of plan.rawEdges) mergeInto(tally, tallyRows(await this.deps.predictions.rowsBetween(model, edge.start, edge.end)));
      result.push(tally);
    }
    return result;
  }

  async total(range: Window, model: string | null | undefined): Promise<{ model: string; tally: Tally }> {
    this.checkRange(range);
    const name = await this.resolveModel(model);
    const [tally] = await this.tallies(name, [range]);
    return { model: name, tally };
  }

  async metrics(range: Window, granularity: Granularity, model: string | null | undefined, zone: string | null | undefined): Promise<MetricsReport> {
    this.checkRange(range);
    const timeZone = this.resolveZone(zone);
    const name = await this.resolveModel(model);
    const buckets = this.buckets(range, granularity, timeZone);
    const tallies = await this.tallies(name, buckets);
    const overall = emptyTally();
    for (const t of tallies) mergeInto(overall, t);
    return {
      model: name,
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
        throw new InputError('granularity', `this range at ${granularity} gives ${error.count} points, more than the limit of ${this.options.maxPoints}; use a coarser granularity or a shorter range`);
      }
      throw error;
    }
  }

  async metricsByClass(range: Window, model: string | null | undefined): Promise<ClassMetrics[]> {
    const { tally } = await this.total(range, model);
    return classMetrics(confusionMatrix(tallyCells(tally)));
  }

  async confusionMatrix(range: Window, model: string | null | undefined): Promise<ConfusionMatrix> {
    const { tally } = await this.total(range, model);
    return confusionMatrix(tallyCells(tally));
  }

  async sampleDistribution(range: Window, model: string | null | undefined, by: ClassField): Promise<ClassCount[]> {
    const { tally } = await this.total(range, model);
    return withShares(by === 'ACTUAL' ? actualCounts(tally) : tally.predicted);
  }

  async trainingDistribution(model: string | null | undefined): Promise<ClassCount[]> {
    const name = await this.resolveModel(model);
    return withShares((await this.deps.training.get(name)).map((c) => [c.label, c.count] as [string, number]));
  }

  async models(): Promise<ModelInfo[]> {
    const infos: ModelInfo[] = [];
    for (const name of await this.knownModels()) {
      const days = await this.deps.rollups.readAll('DAY', name);
      const total = emptyTally();
      for (const d of days) mergeInto(total, d.tally);
      infos.push({ name, predictions: total.predictions, validated: total.validated, firstPredictedAt: total.firstAt, lastPredictedAt: total.lastAt });
    }
    return infos;
  }
}

export function valuesOf(tally: Tally): MetricValues {
  return metricValues(confusionMatrix(tallyCells(tally)), tally.predictions);
}
