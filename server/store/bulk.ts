import { MongoBulkWriteError, type AnyBulkWriteOperation, type BulkWriteOptions, type Collection, type Document } from 'mongodb';

export const DUPLICATE_KEY = 11000;

/**
 * FerretDB 1.24 stalls on one update command carrying ~100 or more statements (seen: 50 take 0.5 s,
 * 100 do not finish in 20 s), so bulk writes go in small chunks; MongoDB does not mind.
 */
export const BULK_CHUNK = 50;

/** `tolerate` decides, per chunk, whether a failed write is expected (the other chunks still run). */
export async function bulkWriteInChunks<T extends Document>(
  collection: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
  options: BulkWriteOptions,
  tolerate: (error: unknown) => boolean = () => false,
): Promise<void> {
  for (let i = 0; i < ops.length; i += BULK_CHUNK) {
    try {
      await collection.bulkWrite(ops.slice(i, i + BULK_CHUNK), options);
    } catch (error) {
      if (!tolerate(error)) throw error;
    }
  }
}

/** True when every failed statement of a bulk write hit a duplicate key. */
export function onlyDuplicateKeys(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError)) return false;
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return errors.every((e) => e.code === DUPLICATE_KEY);
}
