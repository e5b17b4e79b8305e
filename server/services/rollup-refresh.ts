// Picks up rows another application wrote straight into the predictions collection (and its late
// validations): a scan for rows changed since the last one, then a recompute of their quarters.
import { setTimeout as sleep } from 'node:timers/promises';
import { levelStart } from '../core/grid.js';
import { RowColumns } from '../core/row-columns.js';
import { seriesOfRow } from '../core/series.js';
import type { Logger } from '../logger.js';
import type { IngestJournal } from '../store/ingest-journal.js';
import type { Lease } from '../store/leases.js';
import type { PredictionStore, RowRef } from '../store/predictions.js';
import type { RefreshStateStore } from '../store/refresh-state.js';
import { blockKey, type Block, type RollupStore } from '../store/rollups.js';
import type { ServerTraits } from '../store/server-traits.js';
import { countedBelow } from '../store/stamps.js';
import { RENEW_ROWS, uniqueBlocks, type RollupRecompute } from './rollup-recompute.js';

/** Rows written directly may be committed a little after their ObjectId or validatedAt was stamped. */
const SCAN_OVERLAP_MS = 5 * 60 * 1000;

interface RefreshCounts {
  rowsScanned: number;
  blocksRecomputed: number;
}

export interface RefreshSummary extends RefreshCounts {
  asOf: Date;
}

/** What the refresh needs of the drainer (RollupService). */
export interface Drainer {
  processPending(): Promise<number>;
  /**
   * Runs `work` in the drain queue holding the rollup lease, waiting up to `waitMs` for another
   * process's drain to end; null when the lease did not come.
   */
  underLease<T>(waitMs: number, work: (lease: Lease) => Promise<T>): Promise<T | null>;
}

export interface RefreshStores {
  predictions: PredictionStore;
  rollups: RollupStore;
  journal: IngestJournal;
  state: RefreshStateStore;
}

function touch(touched: Map<string, Block>, ref: RowRef): void {
  const start = levelStart('QUARTER', ref.predictedAt);
  for (const series of seriesOfRow(ref)) touched.set(blockKey(series, start), { model: series, start });
}

export class RollupRefresh {
  constructor(
    private readonly stores: RefreshStores,
    private readonly settings: { traits: ServerTraits; refreshMemoryMb: number; leaseMs: number },
    private readonly recomputer: RollupRecompute,
    private readonly drainer: Drainer,
    private readonly log: Logger,
  ) {}

  /**
   * Picks up rows written directly to the predictions collection (and late validations) since the
   * last scan, or every row when `full`, then recomputes what they touched.
   */
  async run(full = false): Promise<RefreshSummary> {
    // A row counts as seen by this scan only if its ObjectId's second precedes the scan's
    // (stamps.ts): starting on a second boundary makes that every row inserted before this call.
    await sleep(1000 - (Date.now() % 1000));
    const scanStart = new Date();
    const last = full ? null : await this.stores.state.lastScanStart();
    const since = last ? new Date(last.getTime() - SCAN_OVERLAP_MS) : null;
    const summary = this.settings.traits.scansEveryFilter
      ? await this.refreshInOneScan(full, since, scanStart)
      : await this.refreshByJournal(full, since, scanStart);
    await this.stores.state.completed(scanStart);
    this.log.debug({ ...summary, full }, 'rollups refreshed');
    return { ...summary, asOf: scanStart };
  }

  /** Where indexes serve: the changed rows' quarters are journaled, and a drain reads them by range. */
  private async refreshByJournal(full: boolean, since: Date | null, scanStart: Date): Promise<RefreshCounts> {
    let rowsScanned = 0;
    const touched = new Map<string, Block>();
    for await (const ref of this.stores.predictions.changedSince(since, since)) {
      rowsScanned++;
      touch(touched, ref);
    }
    return { rowsScanned, blocksRecomputed: await this.recomputeTouched(touched, full, scanStart) };
  }

  /**
   * Where every filter scans: one scan finds the changed rows and keeps every row compactly, and
   * their quarters are tallied from memory, under the lease throughout (the watermark the scan
   * counts at must not move before its quarters are written). Past refreshMemoryMb, or when another
   * process drains for longer than a lease, the quarters go through the journal instead.
   */
  private async refreshInOneScan(full: boolean, since: Date | null, scanStart: Date): Promise<RefreshCounts> {
    await this.drainer.processPending();
    const scanned = await this.drainer.underLease(this.settings.leaseMs, (lease) =>
      this.scanAndRecompute(full, since, lease),
    );
    if (!scanned) return this.refreshByJournal(full, since, scanStart);
    const { rowsScanned, touched, blocksRecomputed } = scanned;
    return {
      rowsScanned,
      blocksRecomputed: blocksRecomputed ?? (await this.recomputeTouched(touched, full, scanStart)),
    };
  }

  /** The scan and, when its rows fit in refreshMemoryMb, the recompute of what it touched (else null). */
  private async scanAndRecompute(
    full: boolean,
    since: Date | null,
    lease: Lease,
  ): Promise<{ rowsScanned: number; touched: Map<string, Block>; blocksRecomputed: number | null }> {
    const { watermark } = await this.stores.state.stamps();
    const touched = new Map<string, Block>();
    let rows: RowColumns | null = new RowColumns();
    const budget = this.settings.refreshMemoryMb * 1024 * 1024;
    let rowsScanned = 0;
    let read = 0;
    for await (const { counted, changed } of this.stores.predictions.scanAll(since)) {
      if (changed) {
        rowsScanned++;
        touch(touched, changed);
      }
      if (rows && counted && countedBelow(counted.stamp, watermark)) rows.add(counted);
      if (rows && rows.bytes > budget) rows = null;
      if (++read % RENEW_ROWS === 0 && !(await lease.renew()))
        throw new Error('rollup lease lost while scanning for changed rows');
    }
    if (!rows) return { rowsScanned, touched, blocksRecomputed: null };
    const held = rows;
    const tallies = async (blocks: Block[]) =>
      new Map(blocks.map((b) => [blockKey(b.model, b.start), held.quarterTally(b.model, b.start)]));
    const blocks = uniqueBlocks(await this.withStored(touched, full));
    const blocksRecomputed = await this.recomputer.recompute(
      blocks,
      [],
      { watermark, lease, read: tallies },
      new Map(),
    );
    return { rowsScanned, touched, blocksRecomputed };
  }

  /** Journals the touched quarters (and, when full, every stored one) and drains them. */
  private async recomputeTouched(touched: Map<string, Block>, full: boolean, at: Date): Promise<number> {
    await this.stores.journal.append({ blocks: await this.withStored(touched, full) }, at);
    return this.drainer.processPending();
  }

  /** The touched quarters; a full refresh adds every stored one, so quarters whose rows were all deleted empty. */
  private async withStored(touched: Map<string, Block>, full: boolean): Promise<Block[]> {
    if (full)
      for (const model of await this.stores.rollups.models())
        for (const { start } of await this.stores.rollups.versions('QUARTER', model))
          touched.set(blockKey(model, start), { model, start });
    return [...touched.values()];
  }
}
