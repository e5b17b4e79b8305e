// Batch stamps (ObjectIds, compared by their hex, which orders them by time) as the rollups drainer
// uses them: see the header of rollups.ts.
import { ObjectId, type Document } from 'mongodb';
import type { JournalEntry } from './ingest-journal.js';
import { STAMP_FIELD } from './predictions.js';

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
