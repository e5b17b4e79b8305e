// Turns journal entries into new versions of stored rows: re-sends and validations applied in the
// order they were acknowledged, validations that arrived before their prediction kept for later.
import { levelStart } from '../core/grid.js';
import type { PredictionRow } from '../core/prediction.js';
import { seriesOfRow } from '../core/series.js';
import type { Document } from 'mongodb';
import type { EarlyValidation } from '../store/early-validations.js';
import type { JournalEntry, RowId } from '../store/ingest-journal.js';
import { rowKey } from '../store/prediction-docs.js';
import type { Block } from '../store/rollups.js';

/** What the planner needs of the predictions store. */
export interface RowDocuments {
  fetch(ids: RowId[], byField: boolean): Promise<Map<string, Document>>;
  fromDoc(doc: Document): PredictionRow | null;
  toDoc(row: PredictionRow): Document;
  withValidation(doc: Document, actual: string, validatedAt: Date): Document;
  withResend(doc: Document, row: PredictionRow): Document;
}

/** A row whose only change is its label, in a quarter that already counts it. */
export interface Relabel {
  block: Block;
  row: PredictionRow;
  from: string | null;
  to: string | null;
}

export interface RowChanges {
  /** New versions of rows, each carrying the _id and revision number of the version it follows. */
  docs: Document[];
  /** Quarters to recompute from raw rows: they lose or gain a row, or a row in them changed. */
  blocks: Block[];
  /** Label changes the quarters can take without a raw read. */
  relabels: Relabel[];
  /** Validations still without a prediction; `key` makes saving them again a no-op. */
  early: EarlyValidation[];
  /** Early validations applied now. */
  usedEarly: string[];
}

const keyOf = (r: RowId) => rowKey(r.model, r.id);

/** Same prediction, whatever its label. */
function samePrediction(a: PredictionRow | null, b: PredictionRow | null): a is PredictionRow {
  if (!a || !b) return false;
  return (
    a.predictedAt.getTime() === b.predictedAt.getTime() &&
    a.predicted === b.predicted &&
    a.confidence === b.confidence &&
    (a.version ?? null) === (b.version ?? null) &&
    JSON.stringify(a.scores ?? null) === JSON.stringify(b.scores ?? null)
  );
}

function sameRow(a: PredictionRow | null, b: PredictionRow | null): boolean {
  return samePrediction(a, b) && a.actual === b?.actual && a.validatedAt?.getTime() === b.validatedAt?.getTime();
}

/** `counted(doc)`: whether the stored quarters surely count this stored version of a row (stamps.ts). */
export async function planRowChanges(
  entries: JournalEntry[],
  early: EarlyValidation[],
  rows: RowDocuments,
  counted: (doc: Document) => boolean,
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
  // The versions stored before this pass: what the quarters count.
  const before = new Map(current);
  const changed = new Map<string, Document>();
  // Rows a re-send names: their quarters are recomputed even when nothing changed (a retried batch
  // whose first entry was never written).
  const resent = new Set<string>();
  const blocks: Block[] = [];
  const result: RowChanges = { docs: [], blocks, relabels: [], early: [], usedEarly: [] };
  const touch = (doc: Document) => {
    const row = rows.fromDoc(doc);
    // The version series too: a re-send that changes version leaves the old one's quarter, as a move in time does.
    if (row)
      for (const series of seriesOfRow(row))
        blocks.push({ model: series, start: levelStart('QUARTER', row.predictedAt) });
  };
  const replace = (key: string, doc: Document) => {
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
      resent.add(keyOf(row));
      if (doc) touch(doc);
      const next = doc ? rows.withResend(doc, row) : rows.toDoc(row);
      // A retried batch sends the same rows again: their blocks are recomputed, nothing rewritten.
      if (!doc || !sameRow(rows.fromDoc(doc), rows.fromDoc(next))) replace(keyOf(row), next);
    }
    entry.validations.forEach((v, i) => {
      const doc = current.get(keyOf(v));
      const next = doc && rows.withValidation(doc, v.actual, v.validatedAt);
      // A validation sent again (a retry, or a pass redone) changes nothing.
      if (doc && next) return sameRow(rows.fromDoc(doc), rows.fromDoc(next)) ? undefined : replace(keyOf(v), next);
      const kept = { ...v, key: `${entry.id.toHexString()}:${String(i).padStart(6, '0')}` };
      result.early.push(kept);
      waiting.set(keyOf(v), [...(waiting.get(keyOf(v)) ?? []), kept]);
    });
  }
  for (const [key, doc] of changed) {
    const old = before.get(key);
    const was = old ? rows.fromDoc(old) : null;
    const now = rows.fromDoc(doc);
    if (old && !resent.has(key) && counted(old) && samePrediction(was, now)) {
      if (was.actual !== now?.actual)
        for (const series of seriesOfRow(was))
          result.relabels.push({
            block: { model: series, start: levelStart('QUARTER', was.predictedAt) },
            row: was,
            from: was.actual,
            to: now?.actual ?? null,
          });
    } else {
      if (old) touch(old);
      touch(doc);
    }
  }
  result.docs = [...changed.values()];
  return result;
}
