/**
 * Deterministic demo data: a stream of predictions in time order (never all in memory) for the
 * model of scenario.ts, with a daily and weekly rhythm, delayed validations and one class that
 * degrades at the end, plus training-set class counts close to production's.
 */
import type { PredictionRow } from '../prediction.js';
import { Random } from './random.js';
import {
  CONFIDENCE,
  DEGRADATION,
  DEMO_CLASSES,
  GROWTH,
  HOURLY_WEIGHTS,
  TRAINING_SIZE,
  VALIDATED_SHARE,
  VALIDATION_DELAY,
  WEEKDAY_WEIGHTS,
} from './scenario.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const DEFAULT_SEED = 20_240_611;

export interface DemoOptions {
  /** The stream ends just before this instant; validations later than it have not happened yet. */
  now: Date;
  seed?: number;
  days?: number;
  /** Mean predictions per day over the whole period. */
  perDay?: number;
  model?: string;
  /** Ids are `${idPrefix}-${sequence}`; two datasets with different prefixes never collide. */
  idPrefix?: string;
}

export interface DemoDataset {
  model: string;
  start: Date;
  end: Date;
  labels: string[];
  degradedLabel: string;
  /** The degradation starts here (and is complete DEGRADATION.rampDays later). */
  degradedFrom: Date;
  training: { label: string; count: number }[];
  /** A fresh stream on every call: the same options give the same rows. */
  rows(): Generator<PredictionRow>;
}

interface Confusion {
  labels: string[];
  weights: number[];
}

const confusion = (weights: Readonly<Record<string, number>>): Confusion => ({
  labels: Object.keys(weights),
  weights: Object.values(weights),
});

const SHARES = DEMO_CLASSES.map((c) => c.share);
const BASE = DEMO_CLASSES.map((c) => confusion(c.confusedWith));
const DEGRADED = confusion(DEGRADATION.confusedWith);
const HOURLY_TOTAL = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0);
const WEEKDAY_MEAN = WEEKDAY_WEIGHTS.reduce((a, b) => a + b, 0) / WEEKDAY_WEIGHTS.length;

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

export function demoDataset(options: DemoOptions): DemoDataset {
  const { now, seed = DEFAULT_SEED, days = 90, perDay = 3000, model = 'default', idPrefix = 'demo' } = options;
  const end = now.getTime();
  if (Number.isNaN(end)) throw new RangeError('now is not a valid date');
  if (!(days > 0) || !(perDay >= 0)) throw new RangeError('days must be > 0 and perDay ≥ 0');
  const start = end - days * DAY_MS;
  const degradedFrom = end - DEGRADATION.lastDays * DAY_MS;
  const degradedIndex = DEMO_CLASSES.findIndex((c) => c.label === DEGRADATION.label);

  /** Expected predictions in the hour starting at `hour`: rhythm × weekday × growth, averaging perDay a day. */
  const hourlyMean = (hour: number): number => {
    const at = new Date(hour);
    const trend = (1 + GROWTH * ((hour - start) / (end - start))) / (1 + GROWTH / 2);
    return (
      perDay *
      (HOURLY_WEIGHTS[at.getUTCHours()] / HOURLY_TOTAL) *
      (WEEKDAY_WEIGHTS[at.getUTCDay()] / WEEKDAY_MEAN) *
      trend
    );
  };

  /** 0 before the degradation, rising linearly to 1 over its ramp. */
  const degradation = (t: number): number => clamp((t - degradedFrom) / (DEGRADATION.rampDays * DAY_MS), 0, 1);

  function row(rng: Random, t: number, sequence: number): PredictionRow {
    const index = rng.weighted(SHARES);
    const cls = DEMO_CLASSES[index];
    const worse = index === degradedIndex ? degradation(t) : 0;
    const recall = cls.recall + worse * (DEGRADATION.recall - cls.recall);
    const correct = rng.chance(recall);
    let predicted = cls.label;
    if (!correct) {
      const mistakes = rng.chance(worse) ? DEGRADED : BASE[index];
      predicted = mistakes.labels[rng.weighted(mistakes.weights)];
    }
    const c = correct ? CONFIDENCE.correct : CONFIDENCE.wrong;
    const confidence = Math.round(clamp(c.mean + c.sd * rng.normal(), c.min, CONFIDENCE.max) * 1000) / 1000;
    let validatedAt: Date | null = null;
    if (rng.chance(VALIDATED_SHARE)) {
      const hours = VALIDATION_DELAY.medianHours * Math.exp(VALIDATION_DELAY.sigma * rng.normal());
      const delay = clamp(hours * HOUR_MS, VALIDATION_DELAY.minMinutes * 60_000, VALIDATION_DELAY.maxDays * DAY_MS);
      // Validations due after `now` have not arrived yet.
      if (t + delay <= end) validatedAt = new Date(Math.round(t + delay));
    }
    return {
      model,
      id: `${idPrefix}-${String(sequence).padStart(7, '0')}`,
      predictedAt: new Date(t),
      predicted,
      confidence,
      actual: validatedAt ? cls.label : null,
      validatedAt,
    };
  }

  function* rows(): Generator<PredictionRow> {
    const rng = new Random(seed);
    let sequence = 0;
    for (let hour = Math.floor(start / HOUR_MS) * HOUR_MS; hour < end; hour += HOUR_MS) {
      const count = rng.poisson(hourlyMean(hour));
      const times = Array.from({ length: count }, () => hour + Math.floor(rng.next() * HOUR_MS)).sort((a, b) => a - b);
      for (const t of times) if (t >= start && t < end) yield row(rng, t, sequence++);
    }
  }

  // Its own stream, so the training counts do not depend on how many rows are drawn.
  const trainingRng = new Random(seed + 1);
  const training = DEMO_CLASSES.map((c) => ({
    label: c.label,
    count: Math.round(TRAINING_SIZE * c.share * (1 + 0.08 * (trainingRng.next() - 0.5))),
  }));

  return {
    model,
    start: new Date(start),
    end: new Date(end),
    labels: DEMO_CLASSES.map((c) => c.label),
    degradedLabel: DEGRADATION.label,
    degradedFrom: new Date(degradedFrom),
    training,
    rows,
  };
}
