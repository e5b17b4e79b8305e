// The rollup store on the real server: what a drain pass relies on when it rewrites many blocks.
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tallyRows } from '../../server/core/tally.js';
import { COLLECTIONS } from '../../server/store/collections.js';
import { RollupStore, type Block } from '../../server/store/rollups.js';
import { probeServer } from '../../server/store/server-traits.js';
import { testDatabase } from '../support/db.js';

let client: MongoClient;
let db: Db;

beforeAll(async () => {
  const { uri, dbName } = testDatabase('rollupstore');
  client = await new MongoClient(uri).connect();
  db = client.db(dbName);
});
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

const HOUR = 3_600_000;

test('rewriting more blocks of a model than one delete may remove leaves one revision of each', async () => {
  // FerretDB deletes matched documents by a list of SQL variables, and SQLite refuses more than
  // 32,766: a pass over a year of a busy model's quarters rewrites about 35,000 blocks.
  const store = new RollupStore(db, await probeServer(db));
  const blocks: Block[] = Array.from({ length: 33_000 }, (_, i) => ({
    model: 'wide',
    start: new Date(Date.UTC(2025, 0, 1) + i * HOUR),
  }));
  const tallyOf = (block: Block, n: number) =>
    tallyRows(
      Array.from({ length: n }, () => ({
        predictedAt: block.start,
        predicted: 'a',
        confidence: 0.9,
        actual: null,
        scores: null,
      })),
    );
  await store.write(
    'HOUR',
    blocks.map((block) => ({ block, tally: tallyOf(block, 1) })),
  );
  await store.write(
    'HOUR',
    blocks.map((block) => ({ block, tally: tallyOf(block, 2) })),
  );

  expect(await db.collection(COLLECTIONS.rollups.HOUR).countDocuments({ model: 'wide' })).toBe(blocks.length);
  const read = await store.read('HOUR', blocks);
  expect(read.size).toBe(blocks.length);
  expect([...read.values()].every((t) => t.predictions === 2)).toBe(true);
}, 120_000);
