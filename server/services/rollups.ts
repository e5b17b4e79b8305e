// Keeps rollups equal to a recomputation from raw rows: changed blocks are marked, then recomputed
// whole (never incremented), finest level first, so a crash or a repeated run converges.
import { LEVEL_MS, levelStart, parentStart, type RollupLevel } from '../core/grid.js';
import { addRow, emptyTally, mergeAll, type Tally } from '../core/tally.js';
import type { Logger } from '../logger.js';
import type { PredictionStore, RowRef } from '../store/predictions.js';
import type { RefreshStateStore } from '../store/refresh-state.js';
import { blockKey, type Mark, type RollupStore } from '../store/rollups.js';

/** Rows written directly may be committed a little after their ObjectId or validatedAt was stamped. */
const SCAN_OVERLAP_MS = 5 * 60 * 1000;
const BATCH = 500;

export interface RefreshSummary {
  rowsScanned: number;
  blocksRecomputed: number;
  asOf: Date;
}

export class RollupService {
  constructor(
    private readonly predictions: PredictionStore,
    private readonly rollups: RollupStore,
    private readonly state: RefreshStateStore,
    private readonly log: Logger,
  ) {}

  /** Marks the quarter blocks holding these rows (deduplicated). */
  async markRows(refs: Iterable<RowRef>): Promise<void> {
    const blocks = new Map<string, { model: string; start: Date }>();
    for (const { model, predictedAt } of refs) {
      const start = levelStart('QUARTER', predictedAt);
      blocks.set(blockKey(model, start), { model, start });
    }
    const list = [...blocks.values()];
    for (let i = 0; i < list.length; i += BATCH) await this.rollups.mark('QUARTER', list.slice(i, i + BATCH));
  }

  /** Recomputes every marked block, level by level; returns how many blocks were written. */
  async processPending(): Promise<number> {
    let written = 0;
    for (const level of ['QUARTER', 'HOUR', 'DAY'] as const) {
      for (let marks = await this.rollups.pending(level, BATCH); marks.length > 0; marks = await this.rollups.pending(level, BATCH)) {
        const tallies = level === 'QUARTER' ? await this.fromRaw(marks) : await this.fromChildren(level, marks);
        await this.rollups.write(level, marks.map((mark) => ({ mark, tally: tallies.get(mark.id) ?? emptyTally() })));
        // Parents are marked before children are cleared, so a crash in between only repeats work.
        if (level !== 'DAY') {
          const parents = new Map<string, { model: string; start: Date }>();
          for (const mark of marks) {
            const start = parentStart(level, mark.start).start;
            parents.set(blockKey(mark.model, start), { model: mark.model, start });
          }
          await this.rollups.mark(level === 'QUARTER' ? 'HOUR' : 'DAY', [...parents.values()]);
        }
        await this.rollups.clear(marks);
        written += marks.length;
      }
    }
    return written;
  }

  /** One range read per run of nearby quarters of a model, split in memory. */
  private async fromRaw(marks: Mark[]): Promise<Map<string, Tally>> {
    const tallies = new Map<string, Tally>();
    const quarter = LEVEL_MS.QUARTER;
    const sorted = [...marks].sort((a, b) => a.model.localeCompare(b.model) || a.start.getTime() - b.start.getTime());
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j].model === sorted[i].model && sorted[j].start.getTime() - sorted[j - 1].start.getTime() <= quarter * 4) j++;
      const run = sorted.slice(i, j);
      const byStart = new Map<number, Tally>();
      for (const mark of run) {
        const tally = emptyTally();
        byStart.set(mark.start.getTime(), tally);
        tallies.set(mark.id, tally);
      }
      const to = new Date(run[run.length - 1].start.getTime() + quarter);
      for (const row of await this.predictions.rowsBetween(run[0].model, run[0].start, to)) {
        const tally = byStart.get(levelStart('QUARTER', row.predictedAt).getTime());
        if (tally) addRow(tally, row);
      }
      i = j;
    }
    return tallies;
  }

  private async fromChildren(level: RollupLevel, marks: Mark[]): Promise<Map<string, Tally>> {
    const child: RollupLevel = level === 'DAY' ? 'HOUR' : 'QUARTER';
    const per = LEVEL_MS[level] / LEVEL_MS[child];
    const childrenOf = (mark: Mark) =>
      Array.from({ length: per }, (_, k) => ({ model: mark.model, start: new Date(mark.start.getTime() + k * LEVEL_MS[child]) }));
    const stored = await this.rollups.read(child, marks.flatMap(childrenOf));
    const tallies = new Map<string, Tally>();
    for (const mark of marks) {
      const children = childrenOf(mark).map((c) => stored.get(blockKey(c.model, c.start)) ?? emptyTally());
      tallies.set(mark.id, mergeAll(children));
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
    let buffer: RowRef[] = [];
    for await (const ref of this.predictions.changedSince(since, since)) {
      rowsScanned++;
      buffer.push(ref);
      if (buffer.length >= 10_000) {
        await this.markRows(buffer);
        buffer = [];
      }
    }
    await this.markRows(buffer);
    if (full) await this.markExistingQuarters();
    const blocksRecomputed = await this.processPending();
    await this.state.completed(scanStart);
    this.log.debug({ rowsScanned, blocksRecomputed, full }, 'rollups refreshed');
    return { rowsScanned, blocksRecomputed, asOf: scanStart };
  }

  /** A full refresh also revisits blocks whose rows were all deleted. */
  private async markExistingQuarters(): Promise<void> {
    for (const model of await this.rollups.models()) {
      const quarters = await this.rollups.readAll('QUARTER', model);
      for (let i = 0; i < quarters.length; i += BATCH) {
        await this.rollups.mark('QUARTER', quarters.slice(i, i + BATCH).map((q) => ({ model, start: q.start })));
      }
    }
  }

  asOf(): Promise<Date | null> {
    return this.state.lastScanStart();
  }
}
