// What differs between the MongoDB-wire servers we run on, learned once per connection.
import { MongoServerError, type Db } from 'mongodb';
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
