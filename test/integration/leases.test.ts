// Leases are what keeps a job to one process at a time, on FerretDB as on MongoDB.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { LeaseStore } from '../../server/store/leases.js';
import { testDatabase } from '../support/db.js';

const clients: MongoClient[] = [];
let stores: LeaseStore[] = [];
let dbName = '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dbName = testDatabase('leases').dbName;
  for (let i = 0; i < 8; i++) clients.push(await MongoClient.connect(inject('mongoUri')));
  stores = clients.map((c) => new LeaseStore(c.db(dbName)));
  await clients[0].db(dbName).collection('leases').createIndex({ key: 1, gen: -1 });
});
afterAll(async () => {
  await clients[0].db(dbName).dropDatabase();
  for (const client of clients) await client.close();
});

test('of eight processes acquiring at once, exactly one gets the lease, round after round', async () => {
  for (let round = 0; round < 15; round++) {
    const got = await Promise.all(stores.map((s, i) => s.acquire('race', `p${i}`, 60_000)));
    const winners = got.filter((l) => l !== null);
    expect(winners, `round ${round}`).toHaveLength(1);
    const holder = await stores[0].holder('race', 60_000);
    expect(holder?.owner).toBe(`p${got.findIndex((l) => l !== null)}`);
    await winners[0]!.release();
    expect(await stores[0].holder('race', 60_000)).toBeNull();
  }
});

test('a lease whose holder stops renewing expires; the old holder then learns it lost it', async () => {
  const first = await stores[0].acquire('expiry', 'first', 300);
  expect(first).not.toBeNull();
  expect(await stores[1].acquire('expiry', 'second', 300)).toBeNull();
  expect(await first!.renew()).toBe(true);
  await sleep(400);
  const second = await stores[1].acquire('expiry', 'second', 300);
  expect(second).not.toBeNull();
  expect(await first!.renew()).toBe(false);
  await first!.release();
  expect((await stores[2].holder('expiry', 300))?.owner).toBe('second');
});

test('a holder whose release failed can reclaim its own live lease when it asks to; nobody else can', async () => {
  const held = await stores[0].acquire('reclaim', 'me', 60_000);
  expect(held).not.toBeNull();
  expect(await stores[0].acquire('reclaim', 'me', 60_000)).toBeNull();
  expect(await stores[1].acquire('reclaim', 'other', 60_000, { reclaimOwn: true })).toBeNull();
  const again = await stores[0].acquire('reclaim', 'me', 60_000, { reclaimOwn: true });
  expect(again?.gen).toBe(held!.gen + 1);
  expect(await held!.renew()).toBe(false);
});
