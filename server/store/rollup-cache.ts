// Hour and day blocks kept in memory between two rollup writes, for servers where every read scans
// the whole collection (FerretDB): there, reading 48 hours costs as much as reading a year of them,
// so a model's level is read whole once and served from memory until a drain writes again.
//
// Every rollup write (in any process) sets a new token in one small document; a reader compares it
// with its copy's by an `_id` read, the one read such a server answers without a scan.
import { ObjectId, type Collection, type Db } from 'mongodb';
import type { RollupLevel } from '../core/grid.js';
import type { Tally } from '../core/tally.js';
import { COLLECTIONS } from './collections.js';
import { unpackTally, type PackedTally } from './rollup-docs.js';

interface TokenDoc {
  _id: string;
  token?: string;
}

const TOKEN_ID = 'rollups-written';
const NEVER_WRITTEN = 'never written';

const keyOf = (level: RollupLevel, model: string) => `${level}:${model}`;

interface Copy {
  token: string;
  /** Block start (ms) → tally of its newest revision, packed (a year of hours is ~9,000 of them). */
  blocks: Map<number, PackedTally>;
}

export class RollupCache {
  private readonly states: Collection<TokenDoc>;
  private readonly copies = new Map<string, Copy>();
  /**
   * Blocks unpacked lately, by their packed copy (a block written since has another), least
   * recently used first: a dashboard polls the same ranges again and again.
   */
  private readonly recent = new Map<PackedTally, Tally>();

  constructor(
    db: Db,
    /** Model levels kept (least recently used dropped first): a year of hours is ~9,000 tallies. */
    private readonly maxCopies = 16,
    /** Unpacked blocks kept: 4,000 hours of a model with 1M rows a year are about 24 MB. */
    private readonly maxRecent = 4000,
  ) {
    this.states = db.collection<TokenDoc>(COLLECTIONS.refreshState);
  }

  /** The token of the last rollup write; readers compare copies against it. */
  async token(): Promise<string> {
    return (await this.states.findOne({ _id: TOKEN_ID }))?.token ?? NEVER_WRITTEN;
  }

  /**
   * Called after every rollup write, so every process's copies go stale. This process's copies that
   * were current when the write began (`prior`) stay current, with the written blocks patched in:
   * the drain reads the hours it just wrote to sum days, and queries follow every pass, so reloading
   * a whole level after each write would cost a scan each time. When another process wrote in
   * between (the token is no longer `prior`), every copy is dropped instead.
   */
  async written(
    prior: string,
    level: RollupLevel,
    writes: { block: { model: string; start: Date }; packed: PackedTally }[],
  ): Promise<void> {
    const token = new ObjectId().toHexString();
    const swapped =
      prior !== NEVER_WRITTEN &&
      (await this.states.updateOne({ _id: TOKEN_ID, token: prior }, { $set: { token } })).matchedCount === 1;
    if (!swapped) {
      this.copies.clear();
      await this.states.updateOne({ _id: TOKEN_ID }, { $set: { token } }, { upsert: true });
      return;
    }
    for (const [key, copy] of this.copies) {
      if (copy.token !== prior) this.copies.delete(key);
      else copy.token = token;
    }
    for (const { block, packed } of writes)
      this.copies.get(keyOf(level, block.model))?.blocks.set(block.start.getTime(), packed);
  }

  /** A block's tally, unpacked once while it stays among the recently read (callers must not change it). */
  unpack(packed: PackedTally): Tally {
    const tally = this.recent.get(packed) ?? unpackTally(packed);
    this.recent.delete(packed);
    this.recent.set(packed, tally);
    if (this.recent.size > this.maxRecent) this.recent.delete(this.recent.keys().next().value as PackedTally);
    return tally;
  }

  /** The blocks of one model level as of `token`, loading them whole when the copy is missing or stale. */
  async blocks(
    level: RollupLevel,
    model: string,
    token: string,
    load: () => Promise<Map<number, PackedTally>>,
  ): Promise<Map<number, PackedTally>> {
    const key = keyOf(level, model);
    const copy = this.copies.get(key);
    if (copy && copy.token === token) {
      // Most recently used last.
      this.copies.delete(key);
      this.copies.set(key, copy);
      return copy.blocks;
    }
    const blocks = await load();
    this.copies.delete(key);
    this.copies.set(key, { token, blocks });
    while (this.copies.size > this.maxCopies) this.copies.delete(this.copies.keys().next().value as string);
    return blocks;
  }
}
