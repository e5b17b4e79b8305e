import { ByteSink } from '../sketches/byte-sink.js';
import type { ColumnSummary } from './columns.js';
import { delimited, ProtoMessage } from './protobuf.js';

/**
 * whylogs v1 binary profile ("WHY1"), as DatasetProfileView._do_write writes it and _do_read
 * reads it (whylogs/core/view/dataset_profile_view.py, proto/src/whylogs_messages.proto):
 *
 *   "WHY1" | delimited DatasetSegmentHeader | delimited DatasetProfileHeader | column chunks
 *
 * Each column chunk is a delimited ChunkHeader{type: COLUMN, length} followed by a ChunkMessage
 * mapping metric-path indexes to MetricComponentMessages; the header maps every column name to
 * its chunk's offset (counted from the end of the header) and every index to its metric path
 * ("counts/n", "distribution/kll", …).
 *
 * This format has no place for model performance metrics: whylogs itself switches to the v0
 * format (v0-format.ts) for a profile that carries them.
 */

export interface ProfileProperties {
  datasetTimestampMs: number;
  creationTimestampMs: number;
  metadata: Record<string, string>;
}

const MAGIC = new TextEncoder().encode('WHY1');
const CHUNK_TYPE_COLUMN = 2;

// MetricComponentMessage fields; exactly one value field is set (a oneof)
type Component = { n: number } | { d: number } | { sketch: Uint8Array; field: SketchField };
enum SketchField {
  frequentItems = 4,
  hll = 5,
  kll = 6,
}

export function encodeV1Profile(properties: ProfileProperties, columns: Record<string, ColumnSummary>): Uint8Array {
  const componentsByColumn = Object.entries(columns)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, column]) => [name, columnComponents(column)] as const);
  const paths = [...new Set(componentsByColumn.flatMap(([, components]) => [...components.keys()]))].sort();
  const pathIndex = new Map(paths.map((path, i) => [path, i]));

  const chunks = new ByteSink();
  const offsets: [string, number][] = [];
  for (const [name, components] of componentsByColumn) {
    offsets.push([name, chunks.size]);
    const chunk = new ProtoMessage();
    for (const [path, component] of components) {
      const entry = new ProtoMessage().uint(1, pathIndex.get(path)!).bytes(2, encodeComponent(component));
      chunk.bytes(1, entry.toBytes());
    }
    const body = chunk.toBytes();
    chunks.bytes(delimited(new ProtoMessage().uint(1, CHUNK_TYPE_COLUMN).uint(3, body.length).toBytes()));
    chunks.bytes(body);
  }

  const header = new ProtoMessage().bytes(1, encodeProperties(properties));
  for (const [name, offset] of offsets) {
    const chunkOffsets = new ProtoMessage().packedUints(1, [offset]).toBytes();
    header.bytes(2, new ProtoMessage().string(1, name).bytes(2, chunkOffsets).toBytes());
  }
  header.uint(4, chunks.size);
  paths.forEach((path, i) => header.bytes(5, new ProtoMessage().uint(1, i).string(2, path).toBytes()));

  const emptySegmentHeader = new Uint8Array(0); // has_segments: false, all defaults
  return new ByteSink()
    .bytes(MAGIC)
    .bytes(delimited(emptySegmentHeader))
    .bytes(delimited(header.toBytes()))
    .bytes(chunks.toBytes())
    .toBytes();
}

function encodeProperties(properties: ProfileProperties): Uint8Array {
  const message = new ProtoMessage().uint(4, properties.creationTimestampMs).uint(5, properties.datasetTimestampMs);
  for (const [key, value] of Object.entries(properties.metadata)) message.stringMapEntry(7, key, value);
  return message.toBytes();
}

// The metric components whylogs 1.6.4 writes for a string or fractional column.
function columnComponents(column: ColumnSummary): Map<string, Component> {
  const components = new Map<string, Component>([
    ['cardinality/hll', { sketch: column.cardinality.serialize(), field: SketchField.hll }],
    ['counts/inf', { n: 0 }],
    ['counts/n', { n: column.count }],
    ['counts/nan', { n: 0 }],
    ['counts/null', { n: column.nulls }],
    ['counts/true', { n: 0 }],
    ['distribution/kll', { sketch: column.distribution.serialize(), field: SketchField.kll }],
    ['distribution/m2', { d: column.m2 }],
    ['distribution/mean', { d: column.mean }],
    ['types/boolean', { n: column.types.boolean }],
    ['types/fractional', { n: column.types.fractional }],
    ['types/integral', { n: column.types.integral }],
    ['types/object', { n: column.types.object }],
    ['types/string', { n: column.types.string }],
    ['types/tensor', { n: 0 }],
  ]);
  if (column.frequentStrings) {
    const sketch = column.frequentStrings.serialize();
    components.set('frequent_items/frequent_strings', { sketch, field: SketchField.frequentItems });
  }
  return components;
}

// type_id stays 0 (plain sum/merge) for every component written here
function encodeComponent(component: Component): Uint8Array {
  const message = new ProtoMessage();
  if ('n' in component) return message.uint(2, component.n).toBytes();
  if ('d' in component) return message.double(3, component.d).toBytes();
  return message.bytes(component.field, new ProtoMessage().bytes(1, component.sketch).toBytes()).toBytes();
}
