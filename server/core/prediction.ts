// The domain's raw rows and the rules a prediction or validation must satisfy to be stored.
import { InputError } from './errors.js';
import { SERIES_SEPARATOR } from './series.js';

/** One class's score of a prediction (checked in core/scores.ts, which re-exports it). */
export interface ClassScore {
  label: string;
  score: number;
}

export interface PredictionRow {
  model: string;
  id: string;
  predictedAt: Date;
  predicted: string;
  confidence: number | null;
  /** The model's score per class (see core/scores.ts); absent or null when it sent none. */
  scores?: ClassScore[] | null;
  actual: string | null;
  validatedAt: Date | null;
  /** The model version that made the prediction (see core/series.ts); absent or null when unsent. */
  version?: string | null;
}

export const MAX_LABEL_LENGTH = 256;
export const MAX_ID_LENGTH = 256;
/** Clocks drift; a prediction stamped further ahead than this is a bug upstream, not data. */
export const MAX_FUTURE_MS = 24 * 3600 * 1000;

export function checkLabel(field: string, value: string): string {
  if (value.length === 0) throw new InputError(field, 'must not be empty');
  if ([...value].length > MAX_LABEL_LENGTH)
    throw new InputError(field, `must be at most ${MAX_LABEL_LENGTH} characters`);
  return value;
}

export function checkId(field: string, value: string): string {
  if (value.length === 0) throw new InputError(field, 'must not be empty');
  if (value.length > MAX_ID_LENGTH) throw new InputError(field, `must be at most ${MAX_ID_LENGTH} characters`);
  return value;
}

export function checkModel(field: string, value: string): string {
  // The separator joins a model and a version into a rollup series name.
  if (value.includes(SERIES_SEPARATOR)) throw new InputError(field, 'must not contain the control character U+001F');
  return checkLabel(field, value);
}

/** A model version: optional, otherwise a label's rules (non-empty, at most 256 characters). */
export function checkVersion(field: string, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : checkLabel(field, value);
}

export function checkConfidence(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new InputError(field, `must be a number in [0, 1], got ${value}`);
  return value;
}

export function checkInstant(field: string, value: Date, now: Date): Date {
  if (Number.isNaN(value.getTime())) throw new InputError(field, 'is not a valid date');
  if (value.getTime() - now.getTime() > MAX_FUTURE_MS) throw new InputError(field, 'is more than a day in the future');
  return value;
}
