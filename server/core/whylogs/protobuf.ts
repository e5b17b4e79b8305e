import { ByteSink } from '../sketches/byte-sink.js';

/**
 * Minimal protobuf (proto3) wire writer: enough for whylogs' messages. Every call writes its
 * field, zero included; callers leave out defaults themselves. Writing a zero matters for
 * members of a `oneof` (whylogs' MetricComponentMessage), whose presence is the information.
 */

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;

export class ProtoMessage {
  private readonly sink = new ByteSink();

  /** uint32/uint64/int64/enum/bool field holding a non-negative safe integer. */
  uint(field: number, value: number): this {
    this.tag(field, VARINT).varint(value);
    return this;
  }

  double(field: number, value: number): this {
    this.tag(field, FIXED64).f64(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8(value));
  }

  /** bytes field, or an embedded message already encoded. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, LENGTH_DELIMITED).varint(value.length).bytes(value);
    return this;
  }

  /** Repeated integer field in packed form (proto3's default encoding). */
  packedUints(field: number, values: readonly number[]): this {
    const packed = new ByteSink();
    for (const value of values) packed.varint(value);
    return this.bytes(field, packed.toBytes());
  }

  /** One entry of a `map<string, string>` field. */
  stringMapEntry(field: number, key: string, value: string): this {
    return this.bytes(field, new ProtoMessage().string(1, key).string(2, value).toBytes());
  }

  toBytes(): Uint8Array {
    return this.sink.toBytes();
  }

  private tag(field: number, wireType: number): ByteSink {
    return this.sink.varint(field * 8 + wireType);
  }
}

/** A message prefixed with its varint length, as whylogs' write_delimited_protobuf writes it. */
export function delimited(message: Uint8Array): Uint8Array {
  return new ByteSink().varint(message.length).bytes(message).toBytes();
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a well-formed string; lone surrogates have no UTF-8 form and are rejected. */
export function utf8(value: string): Uint8Array {
  if (/\p{Surrogate}/u.test(value))
    throw new RangeError(`string has a lone UTF-16 surrogate: ${JSON.stringify(value)}`);
  return encoder.encode(value);
}
