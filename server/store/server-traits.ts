// What differs between the MongoDB-wire servers we run on: capabilities learned once per
// connection, error codes and the errors worth retrying, and how large a bulk write may be.
import {
  MongoBulkWriteError,
  MongoServerError,
  type AnyBulkWriteOperation,
  type BulkWriteOptions,
  type Collection,
  type Db,
  type Document,
} from 'mongodb';
import { isDatabaseDown } from '../core/public-error.js';

export interface ServerTraits {
  name: 'MongoDB' | 'FerretDB';
  /**
   * FerretDB 1.24 (SQLite) uses no index to answer a read: every filter, `_id` ranges and `$in`
   * included, is matched in FerretDB against every stored document, and even `_id` equality, which
   * it hands to SQLite, is a table scan there (its `_id` index is on another expression). There,
   * one wide read beats many narrow ones; on MongoDB the indexes make narrow reads and `$in` cheap.
   */
  scansEveryFilter: boolean;
}

/**
 * Where every filter scans: about how many `_id` point reads cost as much as one scan matched in
 * memory. A point read scans too, but in SQLite's own loop: measured on FerretDB 1.24, 3.0 s against
 * 47 s for a scan at 1M documents, 0.2 s against 2.5 s at 200,000. So point reads win only for a
 * handful of keys, at any size.
 */
export const POINT_READS_PER_SCAN = 10;

export async function probeServer(db: Db): Promise<ServerTraits> {
  const info = await db.admin().command({ buildInfo: 1 });
  const ferret = typeof info.ferretdbVersion === 'string';
  return { name: ferret ? 'FerretDB' : 'MongoDB', scansEveryFilter: ferret };
}

/**
 * Errors that say nothing about the data: the server is unreachable, or busy (FerretDB's SQLite
 * allows one writer and answers SQLITE_BUSY to the others). Retrying later is the cure.
 */
export function isTransient(error: unknown): boolean {
  if (isDatabaseDown(error)) return true;
  return error instanceof MongoServerError && /SQLITE_BUSY|database is locked/.test(error.message);
}

export const DUPLICATE_KEY = 11000;

/** An insert (or upsert) that met an existing unique key. */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

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
  const errors = [error.writeErrors].flat().filter((e) => e !== undefined);
  // A bulk write cut by a lost connection has no write errors at all: that is a failure, not
  // "every error a duplicate" (it was read so once, and acknowledged a batch never stored).
  return errors.length > 0 && errors.every((e) => e.code === DUPLICATE_KEY);
}
