// Batch stamps (ObjectIds, compared by their hex, which orders them by time) as the rollups drainer
// uses them: see the header of rollups.ts.
import { ObjectId, type Document } from 'mongodb';
import type { JournalEntry } from './ingest-journal.js';
import { REVISION_OF } from './prediction-revisions.js';
import { STAMP_FIELD, stampOf } from './prediction-docs.js';

/** The watermark after taking these entries in: it never goes down. */
export function highestStamp(watermark: string | null, entries: JournalEntry[]): string | null {
  let highest = watermark;
  for (const entry of entries) {
    const stamp = entry.stamp?.toHexString();
    if (stamp && (highest === null || stamp > highest)) highest = stamp;
  }
  return highest;
}

/** Whether a recompute from raw rows at this watermark counts a row with this stamp. */
export function countedBelow(stamp: string | null, watermark: string | null): boolean {
  return stamp === null || (watermark !== null && stamp <= watermark);
}

/**
 * Brings the stamps of rewritten rows down to the watermark, so the recompute from raw that follows
 * counts them; returns the stamps taken away (their batches' tallies no longer describe them).
 */
export function restamp(docs: Document[], watermark: string | null): string[] {
  const taken: string[] = [];
  for (const doc of docs) {
    const stamp: unknown = doc[STAMP_FIELD];
    if (!(stamp instanceof ObjectId) || countedBelow(stamp.toHexString(), watermark)) continue;
    taken.push(stamp.toHexString());
    if (watermark === null) delete doc[STAMP_FIELD];
    else doc[STAMP_FIELD] = new ObjectId(watermark);
  }
  return taken;
}

/** What a pass knows about which stored versions of rows the rollups count. */
export interface CountedSoFar {
  watermark: string | null;
  /** Stamps of entries waiting or set aside. */
  pending: Set<string>;
  /** When the last completed refresh scan started (rows an application wrote before it were seen). */
  scannedFrom: Date | null;
}

/**
 * Whether the stored quarters surely count this stored version of a row, so that a change of its
 * label alone can be applied to them: a batch's row once its batch is taken in and drained; a
 * revision once written (its pass brought its quarters up to date, or left a rewrite that
 * recomputes them); a row an application wrote (ObjectId _id) once a completed refresh scan
 * started after it was inserted and after the application last labelled it. A row committed long
 * after its ObjectId was made may have escaped that scan; the next scan (which overlaps) finds it
 * and recomputes its quarter.
 */
export function surelyCounted(doc: Document, validatedAtField: string, known: CountedSoFar): boolean {
  const stamp = stampOf(doc);
  if (stamp !== null) return known.watermark !== null && stamp <= known.watermark && !known.pending.has(stamp);
  if (REVISION_OF in doc) return true;
  const id: unknown = doc._id;
  const labelled: unknown = doc[validatedAtField];
  const before = known.scannedFrom?.getTime() ?? -Infinity;
  // ObjectId times are whole seconds: a row of the scan's own second may have come after it.
  return (
    id instanceof ObjectId &&
    id.getTimestamp().getTime() < Math.floor(before / 1000) * 1000 &&
    (!(labelled instanceof Date) || labelled.getTime() < before)
  );
}
