// Prediction rows as documents, through the configured field mapping, so the monitor can sit on a
// collection the user's own application writes.
import { ObjectId, type Document } from 'mongodb';
import type { FieldMapping } from '../config.js';
import type { PredictionRow } from '../core/prediction.js';
import { readScores } from '../core/scores.js';

/**
 * The _id of a row this service writes, derived from (model, id) so that finding it again is a
 * point read on every server. The model's length first keeps any two pairs apart.
 */
export const rowKey = (model: string, id: string): string => `${model.length}:${model}:${id}`;

/**
 * The field holding the stamp of the batch that inserted a row (the journal entry's `stamp`): the
 * drainer counts a row in a recompute from raw only when its stamp is at or below the watermark,
 * so the batch's own tallies, added later, never count it twice (services/rollups.ts).
 */
export const STAMP_FIELD = '_stamp';

/** The stamp (hex) of the batch a stored version of a row came with; null for rows an application wrote. */
export function stampOf(doc: Document): string | null {
  const stamp: unknown = doc[STAMP_FIELD];
  return stamp instanceof ObjectId ? stamp.toHexString() : null;
}

export class PredictionDocs {
  constructor(
    readonly mapping: FieldMapping,
    readonly defaultModel: string,
  ) {}

  protected modelFilter(model: string): Record<string, string> {
    return this.mapping.model ? { [this.mapping.model]: model } : {};
  }

  protected modelOf(doc: Document): string {
    if (!this.mapping.model) return this.defaultModel;
    const value: unknown = doc[this.mapping.model];
    return typeof value === 'string' ? value : this.defaultModel;
  }

  protected versionOf(doc: Document): string | null {
    const version: unknown = doc[this.mapping.version];
    return typeof version === 'string' && version !== '' ? version : null;
  }

  toDoc(row: PredictionRow, stamp?: ObjectId): Document {
    const m = this.mapping;
    const doc: Document = {
      _id: rowKey(row.model, row.id),
      [m.id]: row.id,
      [m.predictedAt]: row.predictedAt,
      [m.predicted]: row.predicted,
    };
    if (stamp) doc[STAMP_FIELD] = stamp;
    if (m.model) doc[m.model] = row.model;
    if (row.confidence !== null) doc[m.confidence] = row.confidence;
    if (row.scores) doc[m.scores] = row.scores;
    if (row.version) doc[m.version] = row.version;
    if (row.actual !== null) {
      doc[m.actual] = row.actual;
      doc[m.validatedAt] = row.validatedAt;
    }
    return doc;
  }

  /** Rows the user's application wrote may be incomplete; those are skipped by the caller. */
  fromDoc(doc: Document): PredictionRow | null {
    const m = this.mapping;
    const predictedAt: unknown = doc[m.predictedAt];
    const predicted: unknown = doc[m.predicted];
    if (!(predictedAt instanceof Date) || typeof predicted !== 'string') return null;
    const confidence: unknown = doc[m.confidence];
    const actual: unknown = doc[m.actual];
    const validatedAt: unknown = doc[m.validatedAt];
    const scores = readScores(doc[m.scores]);
    const own = scores?.find((s) => s.label === predicted)?.score ?? null;
    return {
      model: this.modelOf(doc),
      id: String(doc[m.id]),
      predictedAt,
      predicted,
      // Without a confidence of its own, a row with scores is as confident as its predicted label's score.
      confidence: typeof confidence === 'number' && confidence >= 0 && confidence <= 1 ? confidence : own,
      scores,
      actual: typeof actual === 'string' && actual !== '' ? actual : null,
      validatedAt: validatedAt instanceof Date ? validatedAt : null,
      version: this.versionOf(doc),
    };
  }

  /** A stored document with a validation set (a correction replaces the earlier label). */
  withValidation(doc: Document, actual: string, validatedAt: Date): Document {
    return { ...doc, [this.mapping.actual]: actual, [this.mapping.validatedAt]: validatedAt };
  }

  /** A stored document overwritten by a re-send; a validation it has is kept unless the re-send carries one. */
  withResend(doc: Document, row: PredictionRow): Document {
    const m = this.mapping;
    const next: Document = { ...doc, [m.predictedAt]: row.predictedAt, [m.predicted]: row.predicted };
    if (row.confidence === null) delete next[m.confidence];
    else next[m.confidence] = row.confidence;
    if (row.scores) next[m.scores] = row.scores;
    else delete next[m.scores];
    // A re-send may move the row to another version (or to none), as it may move it in time.
    if (row.version) next[m.version] = row.version;
    else delete next[m.version];
    if (row.actual !== null) {
      next[m.actual] = row.actual;
      next[m.validatedAt] = row.validatedAt;
    }
    return next;
  }
}
