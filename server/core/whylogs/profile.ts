import { summarizeFractions, summarizeStrings, type ColumnSummary } from './columns.js';
import { buildConfusionMatrix } from './confusion-matrix.js';
import { encodeV0Profile } from './v0-format.js';
import { encodeV1Profile, type ProfileProperties } from './v1-format.js';

/**
 * One whylogs profile of a window's delta: the predictions it adds (columns `predicted`,
 * `confidence`) and the validations it adds (column `actual` and the confusion matrix). whylogs
 * merges profiles by adding counts and sketches, so a window's profiles must hold disjoint rows.
 */
export interface ProfileInput {
  datasetTimestamp: Date; // = window start
  creationTimestamp: Date;
  predictions: { predicted: string; confidence: number | null }[];
  validations: { actual: string; predicted: string }[];
  tags?: { model: string }; // stored in the header metadata under "model"
}

export const PREDICTED_COLUMN = 'predicted';
export const CONFIDENCE_COLUMN = 'confidence';
export const ACTUAL_COLUMN = 'actual';
export const MODEL_METADATA_KEY = 'model';

/**
 * Encodes a complete whylogs profile file readable by whylogs 1.6.4. Like whylogs itself, the
 * file is WHY1 when there are no validations and v0 (the only format with a slot for the
 * confusion matrix) when there are; whylogs reads the first with `why.read` and the second with
 * `whylogs.migration.converters.read_v0_to_view`.
 */
export function encodeProfile(input: ProfileInput): Uint8Array {
  const properties: ProfileProperties = {
    datasetTimestampMs: epochMillis(input.datasetTimestamp, 'datasetTimestamp'),
    creationTimestampMs: epochMillis(input.creationTimestamp, 'creationTimestamp'),
    metadata: input.tags ? { [MODEL_METADATA_KEY]: input.tags.model } : {},
  };
  const columns: Record<string, ColumnSummary> = {
    [PREDICTED_COLUMN]: summarizeStrings(input.predictions.map((row) => row.predicted)),
    [CONFIDENCE_COLUMN]: summarizeFractions(input.predictions.map((row) => row.confidence)),
    [ACTUAL_COLUMN]: summarizeStrings(input.validations.map((row) => row.actual)),
  };
  if (input.validations.length === 0) return encodeV1Profile(properties, columns);
  return encodeV0Profile(properties, columns, buildConfusionMatrix(input.validations));
}

// whylogs stores timestamps as unsigned milliseconds since the epoch
function epochMillis(date: Date, field: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`${field} must be a valid date from 1970 on, got ${String(date)}`);
  return ms;
}
