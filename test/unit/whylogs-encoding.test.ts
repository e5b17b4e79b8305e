import { describe, expect, it } from 'vitest';
import { buildConfusionMatrix, whylogsLabelOrder } from '../../server/core/whylogs/confusion-matrix.js';
import { encodeProfile, type ProfileInput } from '../../server/core/whylogs/profile.js';
import { delimited, ProtoMessage } from '../../server/core/whylogs/protobuf.js';

const base: ProfileInput = {
  datasetTimestamp: new Date('2024-05-01T00:00:00Z'),
  creationTimestamp: new Date('2024-05-01T01:00:00Z'),
  predictions: [{ predicted: 'cat', confidence: 0.8 }],
  validations: [],
};

const startsWithWhy1 = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'WHY1';

describe('protobuf wire writer', () => {
  it('encodes fields as the protobuf documentation examples show', () => {
    expect([...new ProtoMessage().uint(1, 150).toBytes()]).toEqual([0x08, 0x96, 0x01]);
    expect([...new ProtoMessage().string(2, 'testing').toBytes()]).toEqual([0x12, 0x07, ...Buffer.from('testing')]);
    expect([...delimited(Uint8Array.from([1, 2, 3]))]).toEqual([3, 1, 2, 3]);
  });

  it('writes zero values, which mark the chosen member of a oneof', () => {
    expect([...new ProtoMessage().uint(2, 0).toBytes()]).toEqual([0x10, 0x00]);
    expect([...new ProtoMessage().double(3, 0).toBytes()]).toEqual([0x19, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('rejects strings with lone surrogates, which have no UTF-8 form', () => {
    expect(() => new ProtoMessage().string(1, 'a\ud800b')).toThrow(RangeError);
    expect(() => new ProtoMessage().string(1, 'a😀b')).not.toThrow();
  });
});

describe('confusion matrix for whylogs', () => {
  it('orders labels by code point like Python, with "None" last', () => {
    expect(whylogsLabelOrder(['b', 'None', '😀', 'ｚ', 'B', 'a', 'b', 'é'])).toEqual([
      'B',
      'a',
      'b',
      'é',
      'ｚ',
      '😀',
      'None',
    ]);
  });

  it('indexes cells by predicted label, then actual label', () => {
    const matrix = buildConfusionMatrix([
      { actual: 'dog', predicted: 'cat' },
      { actual: 'dog', predicted: 'cat' },
      { actual: 'cat', predicted: 'cat' },
    ]);
    expect(matrix).toEqual({
      labels: ['cat', 'dog'],
      counts: [
        [1, 2],
        [0, 0],
      ],
    });
  });

  it('refuses more labels than whylogs can read', () => {
    const validations = Array.from({ length: 257 }, (_, i) => ({ actual: `l${i}`, predicted: 'l0' }));
    expect(() => encodeProfile({ ...base, validations })).toThrow(/at most 256 labels/);
  });
});

describe('encodeProfile', () => {
  it('writes WHY1 without validations and a v0 message with them, as whylogs does', () => {
    expect(startsWithWhy1(encodeProfile(base))).toBe(true);
    expect(startsWithWhy1(encodeProfile({ ...base, validations: [{ actual: 'cat', predicted: 'dog' }] }))).toBe(false);
  });

  it('rejects timestamps whylogs cannot store and confidences that are not numbers', () => {
    expect(() => encodeProfile({ ...base, datasetTimestamp: new Date(Number.NaN) })).toThrow(/datasetTimestamp/);
    expect(() => encodeProfile({ ...base, creationTimestamp: new Date(-1) })).toThrow(/creationTimestamp/);
    expect(() => encodeProfile({ ...base, predictions: [{ predicted: 'cat', confidence: Number.NaN }] })).toThrow(
      RangeError,
    );
  });
});
