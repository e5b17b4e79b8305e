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
   * FerretDB 1.24 (SQLite) answers only `_id` equality from an index: every other filter, `_id`
   * ranges and `$in` included, scans the collection. There, one wide read beats many narrow ones and
   * point reads by `_id` beat `$in`; on MongoDB the indexes make narrow reads and `$in` cheap.
   */
  scansEveryFilter: boolean;
}

/**
 * Where every filter scans: one point read by _id costs about as much as scanning this many
 * documents (measured on FerretDB 1.24: ~1.5 ms a read, ~25,000 documents a second).
 */
export const POINT_READ_IN_SCANNED_DOCS = 40;

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
