// Keeps rollups equal to a recomputation from raw rows: changed blocks are marked, then recomputed
// whole (never incremented), finest level first, so a crash or a repeated run converges.
import { LEVEL_MS, levelStart, parentStart, type RollupLevel } from '../core/grid.js';
import { addRow, emptyTally, mergeAll, type Tally } from '../core/tally.js';
import type { Logger } from '../logger.js';
import type { PredictionStore, RowRef } from '../store/predictions.js';
import type { RefreshStateStore } from '../store/refresh-state.js';
import type { Lease, LeaseStore } from '../store/leases.js';
import type { Block, RollupMarks } from '../store/rollup-marks.js';
import { blockKey, type RollupStore } from '../store/rollups.js';

/** Rows written directly may be committed a little after their ObjectId or validatedAt was stamped. */
const SCAN_OVERLAP_MS = 5 * 60 * 1000;
const BATCH = 500;
/** Marked quarters closer than this are read from raw rows in one range query. */
const RUN_GAP_MS = 24 * 3600 * 1000;

/** How long a recompute may hold the rollups before another process may take over (renewed per batch). */
export const ROLLUP_LEASE_MS = 5 * 60 * 1000;
const ROLLUP_LEASE = 'rollups';
/** How long a caller waits for another process's recompute to finish before leaving its marks queued. */
const LEASE_WAIT_MS = 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function uniqueBlocks(blocks: Block[]): Block[] {
  const unique = new Map<string, Block>();
  for (const b of blocks) unique.set(blockKey(b.model, b.start), { model: b.model, start: b.start });
  return [...unique.values()];
}

export interface RefreshSummary {
  rowsScanned: number;
  blocksRecomputed: number;
  asOf: Date;
}

export class RollupService {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly predictions: PredictionStore,
    private readonly rollups: RollupStore,
    private readonly marks: RollupMarks,
    private readonly leases: LeaseStore,
    private readonly owner: string,
    private readonly state: RefreshStateStore,
    private readonly log: Logger,
  ) {}

  /** Marks the quarter blocks holding these rows (deduplicated). */
  async markRows(refs: Iterable<RowRef>): Promise<void> {
    const list = uniqueBlocks([...refs].map(({ model, predictedAt }) => ({ model, start: levelStart('QUARTER', predictedAt) })));
    for (let i = 0; i < list.length; i += BATCH) await this.marks.add('QUARTER', list.slice(i, i + BATCH));
  }

  /**
   * Recomputes every marked block, finest level first; returns how many blocks were written.
   * One writer at a time (a lease across processes, a queue within this one), so a slow recompute
   * can never overwrite a newer one; a crash leaves the marks, and the next run redoes the work.
   */
  processPending(): Promise<number> {
    const run = this.queue.then(() => this.drain());
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Returns once every write acknowledged before the call is in the rollups. */
  async settle(): Promise<void> {
    await this.processPending();
  }

  private async drain(): Promise<number> {
    const deadline = Date.now() + LEASE_WAIT_MS;
    let lease: Lease | null;
    while (!(lease = await this.leases.acquire(ROLLUP_LEASE, this.owner, ROLLUP_LEASE_MS))) {
      // Another process is draining; it may finish before seeing our marks, so keep asking.
      if (Date.now() > deadline) return 0;
      await sleep(100);
    }
    try {
      let written = 0;
      for (const level of ['QUARTER', 'HOUR', 'DAY'] as const) {
        for (let marks = await this.marks.next(level, BATCH); marks.length > 0; marks = await this.marks.next(level, BATCH)) {
          // A holder that lost its lease (it stalled past the lifetime) must not write stale tallies.
          if (!(await lease.renew())) throw new Error('rollup lease lost; the marks stay queued for the next run');
          const blocks = uniqueBlocks(marks);
          const tallies = level === 'QUARTER' ? await this.fromRaw(blocks) : await this.fromChildren(level, blocks);
          await this.rollups.write(level, blocks.map((block) => ({ block, tally: tallies.get(blockKey(block.model, block.start)) ?? emptyTally() })));
          // Parents are marked before the children's marks go, so a crash in between only repeats work.
          if (level !== 'DAY') {
            const parents = uniqueBlocks(blocks.map((b) => ({ model: b.model, start: parentStart(level, b.start).start })));
            await this.marks.add(level === 'QUARTER' ? 'HOUR' : 'DAY', parents);
          }
          await this.marks.remove(marks);
          written += blocks.length;
        }
      }
      return written;
    } finally {
      await lease.release();
    }
  }

  /**
   * One range read per run of nearby quarters of a model, split in memory: a few wide reads beat many
   * narrow ones (on an index the gaps cost little; without one every read is a scan).
   */
  private async fromRaw(blocks: Block[]): Promise<Map<string, Tally>> {
    const tallies = new Map<string, Tally>();
    const sorted = [...blocks].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : a.start.getTime() - b.start.getTime()));
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j].model === sorted[i].model && sorted[j].start.getTime() - sorted[j - 1].start.getTime() <= RUN_GAP_MS) j++;
      const run = sorted.slice(i, j);
      const byStart = new Map<number, Tally>();
      for (const block of run) {
        const tally = emptyTally();
        byStart.set(block.start.getTime(), tally);
        tallies.set(blockKey(block.model, block.start), tally);
      }
      const to = new Date(run[run.length - 1].start.getTime() + LEVEL_MS.QUARTER);
      for (const row of await this.predictions.rowsBetween(run[0].model, run[0].start, to)) {
        const tally = byStart.get(levelStart('QUARTER', row.predictedAt).getTime());
        if (tally) addRow(tally, row);
      }
      i = j;
    }
    return tallies;
  }

  private async fromChildren(level: RollupLevel, blocks: Block[]): Promise<Map<string, Tally>> {
    const child: RollupLevel = level === 'DAY' ? 'HOUR' : 'QUARTER';
    const per = LEVEL_MS[level] / LEVEL_MS[child];
    const childrenOf = (block: Block) =>
      Array.from({ length: per }, (_, k) => ({ model: block.model, start: new Date(block.start.getTime() + k * LEVEL_MS[child]) }));
    const stored = await this.rollups.read(child, blocks.flatMap(childrenOf));
    const tallies = new Map<string, Tally>();
    for (const block of blocks) {
      const children = childrenOf(block).map((c) => stored.get(blockKey(c.model, c.start)) ?? emptyTally());
      tallies.set(blockKey(block.model, block.start), mergeAll(children));
    }
    return tallies;
  }

  /**
   * Picks up rows written directly to the predictions collection (and late validations) since the
   * last scan, or every row when `full`, then recomputes what they touched.
   */
  async refresh(full = false): Promise<RefreshSummary> {
    const scanStart = new Date();
    const last = full ? null : await this.state.lastScanStart();
    const since = last ? new Date(last.getTime() - SCAN_OVERLAP_MS) : null;
    let rowsScanned = 0;
    // One ref per quarter for the whole scan: the two scans overlap (a new row that is also
    // validated) and every mark queued twice is a block recomputed twice.
    const touched = new Map<string, RowRef>();
    for await (const ref of this.predictions.changedSince(since, since)) {
      rowsScanned++;
      touched.set(blockKey(ref.model, levelStart('QUARTER', ref.predictedAt)), ref);
    }
    if (full) for (const ref of await this.existingQuarters()) touched.set(blockKey(ref.model, ref.predictedAt), ref);
    await this.markRows(touched.values());
    const blocksRecomputed = await this.processPending();
    await this.state.completed(scanStart);
    this.log.debug({ rowsScanned, blocksRecomputed, full }, 'rollups refreshed');
    return { rowsScanned, blocksRecomputed, asOf: scanStart };
  }

  /** A full refresh also revisits blocks whose rows were all deleted. */
  private async existingQuarters(): Promise<RowRef[]> {
    const refs: RowRef[] = [];
    for (const model of await this.rollups.models()) {
      for (const q of await this.rollups.readAll('QUARTER', model)) refs.push({ model, predictedAt: q.start });
    }
    return refs;
  }

  asOf(): Promise<Date | null> {
    return this.state.lastScanStart();
  }
}
