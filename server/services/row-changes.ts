// Turns journal entries into new versions of stored rows: re-sends and validations applied in the
// order they were acknowledged, validations that arrived before their prediction kept for later.
import { levelStart } from '../core/grid.js';
import type { PredictionRow } from '../core/prediction.js';
import { seriesOfRow } from '../core/series.js';
import type { Document } from 'mongodb';
import type { EarlyValidation } from '../store/early-validations.js';
import type { JournalEntry, RowId } from '../store/ingest-journal.js';
import { rowKey } from '../store/predictions.js';
import type { Block } from '../store/rollups.js';

/** What the planner needs of the predictions store. */
export interface RowDocuments {
  fetch(ids: RowId[], byField: boolean): Promise<Map<string, Document>>;
  fromDoc(doc: Document): PredictionRow | null;
  toDoc(row: PredictionRow): Document;
  withValidation(doc: Document, actual: string, validatedAt: Date): Document;
  withResend(doc: Document, row: PredictionRow): Document;
}

export interface RowChanges {
  /** New whole documents, each replacing the stored one with its _id. */
  docs: Document[];
  /** Quarters that lose or gain a row, or whose row changed. */
  blocks: Block[];
  /** Validations still without a prediction; `key` makes saving them again a no-op. */
  early: EarlyValidation[];
  /** Early validations applied now. */
  usedEarly: string[];
}

const keyOf = (r: RowId) => rowKey(r.model, r.id);

function sameRow(a: PredictionRow | null, b: PredictionRow | null): boolean {
  if (!a || !b) return false;
  return (
    a.predictedAt.getTime() === b.predictedAt.getTime() &&
    a.predicted === b.predicted &&
    a.confidence === b.confidence &&
    (a.version ?? null) === (b.version ?? null) &&
    JSON.stringify(a.scores ?? null) === JSON.stringify(b.scores ?? null) &&
    a.actual === b.actual &&
    a.validatedAt?.getTime() === b.validatedAt?.getTime()
  );
}

export async function planRowChanges(
  entries: JournalEntry[],
  early: EarlyValidation[],
  rows: RowDocuments,
): Promise<RowChanges> {
  const waiting = new Map<string, EarlyValidation[]>();
  for (const v of early) waiting.set(keyOf(v), [...(waiting.get(keyOf(v)) ?? []), v]);
  const validated = new Set(entries.flatMap((e) => e.validations.map(keyOf)));
  const wanted: RowId[] = entries.flatMap((e) => [
    ...e.resent,
    ...e.validations,
    ...e.inserted.filter((r) => waiting.has(keyOf(r)) || validated.has(keyOf(r))),
  ]);
  const current = wanted.length === 0 ? new Map<string, Document>() : await rows.fetch(wanted, true);
  const changed = new Map<string, Document>();
  const blocks: Block[] = [];
  const result: RowChanges = { docs: [], blocks, early: [], usedEarly: [] };
  const touch = (doc: Document) => {
    const row = rows.fromDoc(doc);
    // The version series too: a re-send that changes version leaves the old one's quarter, as a move in time does.
    if (row)
      for (const series of seriesOfRow(row))
        blocks.push({ model: series, start: levelStart('QUARTER', row.predictedAt) });
  };
  const replace = (key: string, doc: Document) => {
    touch(doc);
    current.set(key, doc);
    changed.set(key, doc);
  };

  for (const entry of entries) {
    for (const id of entry.inserted) {
      const doc = current.get(keyOf(id));
      const pending = waiting.get(keyOf(id));
      if (!doc || !pending) continue;
      waiting.delete(keyOf(id));
      result.usedEarly.push(...pending.map((v) => v.key));
      // A label the prediction itself carries was sent after these validations, so it wins.
      if (rows.fromDoc(doc)?.actual != null) continue;
      const last = pending[pending.length - 1];
      replace(keyOf(id), rows.withValidation(doc, last.actual, last.validatedAt));
    }
    for (const row of entry.resent) {
      const doc = current.get(keyOf(row));
      if (doc) touch(doc);
      const next = doc ? rows.withResend(doc, row) : rows.toDoc(row);
      // A retried batch sends the same rows again: their blocks are recomputed, nothing rewritten.
      if (!doc || !sameRow(rows.fromDoc(doc), rows.fromDoc(next))) replace(keyOf(row), next);
    }
    entry.validations.forEach((v, i) => {
      const doc = current.get(keyOf(v));
      if (doc) return replace(keyOf(v), rows.withValidation(doc, v.actual, v.validatedAt));
      const kept = { ...v, key: `${entry.id.toHexString()}:${String(i).padStart(6, '0')}` };
      result.early.push(kept);
      waiting.set(keyOf(v), [...(waiting.get(keyOf(v)) ?? []), kept]);
    });
  }
  result.docs = [...changed.values()];
  return result;
}
