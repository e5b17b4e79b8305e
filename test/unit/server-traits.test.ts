// Which write failures mean "already stored" (safe to treat as a re-send) and which are failures.
import { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { expect, test } from 'vitest';
import { isDuplicateKey, isTransient, onlyDuplicateKeys } from '../../server/store/server-traits.js';

// The driver builds these errors itself; its constructor takes the write errors in `error`.
type Result = ConstructorParameters<typeof MongoBulkWriteError>[1];
const RESULT = {} as Result;
const writeErrors = (codes: number[]) => codes.map((code, index) => ({ index, code, errmsg: String(code) }));

test('a bulk write whose every failure is a duplicate key is a re-send; one cut by a lost connection is not', () => {
  const duplicates = new MongoBulkWriteError(
    { message: 'E11000', code: 11000, writeErrors: writeErrors([11000, 11000]) } as never,
    RESULT,
  );
  expect(onlyDuplicateKeys(duplicates)).toBe(true);
  const mixed = new MongoBulkWriteError(
    { message: 'E11000', code: 11000, writeErrors: writeErrors([11000, 2]) } as never,
    RESULT,
  );
  expect(onlyDuplicateKeys(mixed)).toBe(false);
  const cut = new MongoBulkWriteError(new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:1'), RESULT);
  expect(onlyDuplicateKeys(cut)).toBe(false);
  expect(isTransient(cut)).toBe(true);
});

test('duplicate keys and transient errors are told apart', () => {
  expect(isDuplicateKey(new MongoServerError({ message: 'E11000', code: 11000 }))).toBe(true);
  expect(isDuplicateKey(new MongoServerError({ message: 'other', code: 2 }))).toBe(false);
  expect(
    isTransient(
      new MongoServerSelectionError('no server', {
        type: 'Unknown',
        servers: new Map(),
        stale: false,
        compatible: true,
        heartbeatFrequencyMS: 1,
        localThresholdMS: 1,
        setName: null,
        maxElectionId: null,
        maxSetVersion: null,
        commonWireVersion: 0,
        logicalSessionTimeoutMinutes: null,
      } as never),
    ),
  ).toBe(true);
  expect(isTransient(new MongoServerError({ message: 'database is locked (5) (SQLITE_BUSY)', code: 1 }))).toBe(true);
  expect(isTransient(new MongoServerError({ message: 'E11000', code: 11000 }))).toBe(false);
});
