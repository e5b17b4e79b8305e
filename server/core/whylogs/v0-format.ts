import { FrequentStringsSketch } from '../sketches/frequent-strings.js';
import { KllDoublesSketch } from '../sketches/kll.js';
import { FREQUENT_ITEMS_LG_MAX_K, HLL_LG_K, KLL_K, type ColumnSummary } from './columns.js';
import type { ConfusionMatrix } from './confusion-matrix.js';
import { delimited, ProtoMessage } from './protobuf.js';
import type { ProfileProperties } from './v1-format.js';

/**
 * whylogs v0 profile: one delimited DatasetProfileMessage (proto/v0 v0_messages.proto). whylogs
 * 1.6.4 writes this format, not WHY1, whenever a profile carries model performance metrics
 * (DatasetProfileView._write_it, WhyLabsWriter), because only v0 has a field for them
 * (`modeProfile`); it reads it back with whylogs.migration.converters.read_v0_to_view.
 *
 * The converter insists on parseable KLL, frequent-items and HLL bytes in every column, and reads
 * counts from `counters` (nulls from the deprecated `counters.null_count`) and types from
 * `schema.typeCounts`.
 */

// v0 InferredType.Type values, the keys of typeCounts
const InferredType = { unknown: 0, null: 1, fractional: 2, integral: 3, boolean: 4, string: 5 } as const;
const MODEL_TYPE_CLASSIFICATION = 1;
// whylogs' converter puts schema version 1.2 in v0 properties (the last v0 writer's version)
const SCHEMA_MAJOR = 1;
const SCHEMA_MINOR = 2;
// The empty DataSketches compact theta sketch whylogs writes into every v0 NumbersMessage
// (converters.EMPTY_THETA); whylogs no longer reads it, but v0 consumers may expect the field.
const EMPTY_THETA = Uint8Array.from([0x01, 0x03, 0x03, 0x00, 0x00, 0x1e, 0xcc, 0x93]);
// whylogs sizes empty confusion-matrix cells with k = 128 (confusion_matrix.EMPTY_KLL)
const EMPTY_CELL_KLL = new KllDoublesSketch(128).serialize();
// whylogs logs validations without scores as score 1.0 per pair (ConfusionMatrix.add)
const DEFAULT_SCORE = 1;

export function encodeV0Profile(
  properties: ProfileProperties,
  columns: Record<string, ColumnSummary>,
  confusion: ConfusionMatrix,
): Uint8Array {
  const message = new ProtoMessage().bytes(1, encodeProperties(properties));
  for (const [name, column] of Object.entries(columns)) {
    message.bytes(2, new ProtoMessage().string(1, name).bytes(2, encodeColumn(name, column)).toBytes());
  }
  message.bytes(10, encodeModelProfile(confusion));
  return delimited(message.toBytes());
}

function encodeProperties(properties: ProfileProperties): Uint8Array {
  const message = new ProtoMessage()
    .uint(1, SCHEMA_MAJOR)
    .uint(2, SCHEMA_MINOR)
    .uint(4, properties.creationTimestampMs) // session_timestamp
    .uint(5, properties.datasetTimestampMs); // data_timestamp
  for (const [key, value] of Object.entries(properties.metadata)) message.stringMapEntry(7, key, value);
  return message.toBytes();
}

function encodeColumn(name: string, column: ColumnSummary): Uint8Array {
  const nullCount = new ProtoMessage().uint(1, column.nulls).toBytes(); // google.protobuf.Int64Value
  const counters = new ProtoMessage().uint(1, column.count).bytes(3, nullCount);

  const schema = new ProtoMessage();
  const typeCounts: [number, number][] = [
    [InferredType.integral, column.types.integral],
    [InferredType.boolean, column.types.boolean],
    [InferredType.fractional, column.types.fractional],
    [InferredType.string, column.types.string],
    [InferredType.unknown, column.types.object],
    [InferredType.null, column.nulls],
  ];
  for (const [type, count] of typeCounts) schema.bytes(1, new ProtoMessage().uint(1, type).uint(2, count).toBytes());

  const frequentItems = new ProtoMessage()
    .bytes(1, (column.frequentStrings ?? new FrequentStringsSketch(FREQUENT_ITEMS_LG_MAX_K)).serialize())
    .uint(2, FREQUENT_ITEMS_LG_MAX_K);
  const cardinality = new ProtoMessage().bytes(1, column.cardinality.serialize()).uint(2, HLL_LG_K);

  return new ProtoMessage()
    .string(1, name)
    .bytes(2, counters.toBytes())
    .bytes(3, schema.toBytes())
    .bytes(4, encodeNumbers(column.distribution, column.mean, column.m2))
    .bytes(7, frequentItems.toBytes())
    .bytes(8, cardinality.toBytes())
    .toBytes();
}

// NumbersMessageV0: variance{count, sum = m2, mean}, doubles{count}, histogram = KLL bytes
function encodeNumbers(sketch: KllDoublesSketch, mean: number, m2: number): Uint8Array {
  const message = new ProtoMessage();
  const variance = new ProtoMessage().uint(1, sketch.n).double(2, m2).double(3, mean).toBytes();
  message.bytes(1, variance);
  if (!sketch.isEmpty) message.bytes(2, new ProtoMessage().uint(1, sketch.n).toBytes());
  return message.bytes(4, sketch.serialize()).bytes(6, EMPTY_THETA).toBytes();
}

// ModelProfileMessage{metrics: ModelMetricsMessage{scoreMatrix, modelType}}. output_fields stays
// empty on purpose: whylogs 1.6.4 raises a TypeError merging two profiles that both list them.
function encodeModelProfile(confusion: ConfusionMatrix): Uint8Array {
  const scoreMatrix = new ProtoMessage();
  for (const label of confusion.labels) scoreMatrix.string(1, label);
  for (const row of confusion.counts) {
    for (const count of row) scoreMatrix.bytes(10, encodeCell(count));
  }
  const metrics = new ProtoMessage().bytes(1, scoreMatrix.toBytes()).uint(2, MODEL_TYPE_CLASSIFICATION);
  return new ProtoMessage().bytes(10, metrics.toBytes()).toBytes();
}

// Each cell is a distribution of the scores of its pairs; whylogs counts a cell by its KLL's n.
function encodeCell(count: number): Uint8Array {
  if (count === 0) {
    return new ProtoMessage().bytes(1, new Uint8Array(0)).bytes(4, EMPTY_CELL_KLL).bytes(6, EMPTY_THETA).toBytes();
  }
  const sketch = new KllDoublesSketch(KLL_K);
  for (let i = 0; i < count; i++) sketch.update(DEFAULT_SCORE);
  return encodeNumbers(sketch, DEFAULT_SCORE, 0);
}
