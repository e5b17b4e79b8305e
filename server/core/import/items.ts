// What one line of an import file holds: a prediction, a validation or (with --training) a class count.
import { InputError } from '../errors.js';
import { INSTANT_HINT, parseInstant } from '../instant.js';
import { checkLabel, checkModel, checkVersion } from '../prediction.js';
import type { ClassScore } from '../scores.js';

export interface ImportedPrediction {
  id: string;
  model: string | null;
  predictedAt: Date;
  predicted: string;
  confidence: number | null;
  scores: ClassScore[] | null;
  actual: string | null;
  validatedAt?: Date | null;
  version?: string | null;
}

export interface ImportedValidation {
  id: string;
  model: string | null;
  actual: string;
  validatedAt: Date | null;
}

export interface ImportedCount {
  model: string | null;
  label: string;
  count: number;
}

/** A prediction whose ground truth carries its own validatedAt also yields that validation. */
export type ImportLine =
  | { kind: 'prediction'; prediction: ImportedPrediction; validation: ImportedValidation | null }
  | { kind: 'validation'; validation: ImportedValidation }
  | { kind: 'count'; count: ImportedCount };

/** Field name → value: strings from CSV, any JSON value from JSON Lines. */
export type Values = Map<string, unknown>;

const PREDICTION_FIELDS = [
  'id',
  'model',
  'version',
  'predictedAt',
  'predicted',
  'confidence',
  'scores',
  'actual',
  'validatedAt',
];
const COUNT_FIELDS = ['model', 'label', 'count'];

const squash = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, '');

/** Our name for a column or key: case, `_`, `-` and spaces do not matter (predicted_at is predictedAt). */
export function fieldName(raw: string, training: boolean): string | null {
  const wanted = squash(raw);
  return (training ? COUNT_FIELDS : PREDICTION_FIELDS).find((f) => squash(f) === wanted) ?? null;
}

export function knownFields(training: boolean): string[] {
  return training ? COUNT_FIELDS : PREDICTION_FIELDS;
}

/** Absent, null and '' all mean "not given": a CSV cell cannot tell them apart. */
function given(values: Values, field: string): boolean {
  const value = values.get(field);
  return value !== undefined && value !== null && value !== '';
}

function text(values: Values, field: string): string | null {
  const value = values.get(field);
  if (!given(values, field)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new InputError(field, `must be a string, got ${JSON.stringify(value)}`);
}

function required(values: Values, field: string): string {
  const value = text(values, field);
  if (value === null) throw new InputError(field, 'missing');
  return value;
}

function instant(values: Values, field: string): Date | null {
  const value = text(values, field);
  if (value === null) return null;
  const date = parseInstant(value);
  if (!date) throw new InputError(field, `must be ${INSTANT_HINT}, got "${value}"`);
  return date;
}

function number(values: Values, field: string): number | null {
  const value = values.get(field);
  if (typeof value === 'number') return value;
  const raw = text(values, field);
  if (raw === null) return null;
  const parsed = Number(raw.trim());
  if (raw.trim() === '' || Number.isNaN(parsed)) throw new InputError(field, `must be a number, got "${raw}"`);
  return parsed;
}

const SCORES_HINT = 'must be [{"label": …, "score": …}, …] or {"label": score, …} (JSON text in CSV)';

/** Class scores: a list of {label, score} or an object label → score; in CSV, the same as JSON text. */
function scoresOf(values: Values): ClassScore[] | null {
  if (!given(values, 'scores')) return null;
  let value = values.get('scores');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new InputError('scores', SCORES_HINT);
    }
  }
  const entries: [unknown, unknown][] = Array.isArray(value)
    ? value.map((item: unknown) =>
        typeof item === 'object' && item !== null
          ? [(item as { label?: unknown }).label, (item as { score?: unknown }).score]
          : [null, null],
      )
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [[null, null]];
  return entries.map(([label, score], i) => {
    if (typeof label !== 'string' || typeof score !== 'number') throw new InputError(`scores[${i}]`, SCORES_HINT);
    return { label, score };
  });
}

function countOf(values: Values): number {
  const value = number(values, 'count');
  if (value === null) throw new InputError('count', 'missing');
  if (!Number.isSafeInteger(value) || value < 0)
    throw new InputError('count', `must be a whole number ≥ 0, got ${value}`);
  return value;
}

/** Types one line; throws InputError naming the field that is wrong. */
function acceptable(label: string): boolean {
  try {
    checkLabel('actual', label);
    return true;
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

export function readLine(values: Values, training: boolean): ImportLine {
  const name = text(values, 'model');
  const model = name === null ? null : checkModel('model', name);
  if (training)
    return {
      kind: 'count',
      count: { model, label: checkLabel('label', required(values, 'label')), count: countOf(values) },
    };
  const id = required(values, 'id');
  const actual = text(values, 'actual');
  const validatedAt = instant(values, 'validatedAt');
  if (given(values, 'predicted') || given(values, 'predictedAt')) {
    const predictedAt = instant(values, 'predictedAt');
    if (!predictedAt) throw new InputError('predictedAt', 'missing');
    const prediction = {
      id,
      model,
      version: checkVersion('version', text(values, 'version')),
      predictedAt,
      predicted: required(values, 'predicted'),
      confidence: number(values, 'confidence'),
      scores: scoresOf(values),
      actual,
    };
    if (actual === null || validatedAt === null) return { kind: 'prediction', prediction, validation: null };
    // A good label travels with its prediction (one insert, no rewrite of the row later); a bad one
    // goes as its own validation, so the prediction is kept and the line reports why the label was not.
    if (acceptable(actual)) return { kind: 'prediction', prediction: { ...prediction, validatedAt }, validation: null };
    return {
      kind: 'prediction',
      prediction: { ...prediction, actual: null },
      validation: { id, model, actual, validatedAt },
    };
  }
  if (actual === null)
    throw new InputError(
      'predicted',
      'missing (a prediction needs id, predictedAt and predicted; a validation needs id and actual)',
    );
  return { kind: 'validation', validation: { id, model, actual, validatedAt } };
}
