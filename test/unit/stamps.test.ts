import { ObjectId } from 'mongodb';
import { describe, expect, test } from 'vitest';
import { surelyCounted, type CountedSoFar } from '../../server/store/stamps.js';

const at = (iso: string) => new Date(iso);
const oid = (iso: string) => ObjectId.createFromTime(Math.floor(Date.parse(iso) / 1000));

describe('surelyCounted: whether stored quarters count a stored version of a row', () => {
  const batch = oid('2026-05-01T10:00:00Z');
  const known: CountedSoFar = {
    watermark: oid('2026-05-01T11:00:00Z').toHexString(),
    pending: new Set(),
    scannedFrom: at('2026-05-01T12:00:00.500Z'),
  };
  const counted = (doc: Record<string, unknown>, k: Partial<CountedSoFar> = {}) =>
    surelyCounted(doc, 'validatedAt', { ...known, ...k });

  test("a batch's row once its batch is taken in and no entry carrying its stamp waits or was set aside", () => {
    expect(counted({ _id: '7:default:p1', _stamp: batch })).toBe(true);
    expect(counted({ _id: '7:default:p1', _stamp: batch }, { pending: new Set([batch.toHexString()]) })).toBe(false);
    expect(counted({ _id: '7:default:p1', _stamp: oid('2026-05-01T11:30:00Z') })).toBe(false);
    expect(counted({ _id: '7:default:p1', _stamp: batch }, { watermark: null })).toBe(false);
  });

  test('a revision of a row without a stamp is counted (its pass brought its quarters up to date)', () => {
    expect(counted({ _id: 'o:abc#1', _of: new ObjectId(), _rev: 1 })).toBe(true);
  });

  test("an application's row once a completed scan started in a later second than its insert and its label", () => {
    expect(counted({ _id: oid('2026-05-01T11:59:59Z') })).toBe(true);
    // Same second as the scan's start: it may have been inserted just after the scan began.
    expect(counted({ _id: oid('2026-05-01T12:00:00Z') })).toBe(false);
    expect(counted({ _id: oid('2026-05-01T11:00:00Z'), validatedAt: at('2026-05-01T12:00:01Z') })).toBe(false);
    expect(counted({ _id: oid('2026-05-01T11:00:00Z'), validatedAt: at('2026-05-01T11:30:00Z') })).toBe(true);
    expect(counted({ _id: oid('2026-05-01T11:00:00Z') }, { scannedFrom: null })).toBe(false);
    // An _id the application chose that says nothing about when it was written.
    expect(counted({ _id: 'row-17' })).toBe(false);
  });
});
