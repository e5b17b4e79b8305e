// Keeps rollups equal to a recomputation from raw rows. Writes only append to the ingest journal;
// a single drainer (one process at a time, under a lease) applies the journal in passes: it
// stores the new versions of rows that changed (as revisions), then brings every quarter the pass
// touched up to date, finest level first. A pass deletes its journal entries last, so a crash anywhere only repeats work.
//
// A quarter is brought up to date one of two ways. Where its only news is rows a batch inserted,
// the batch's own tallies (computed when it was written) are added to the stored quarter: no raw
// row is read, which is what keeps a stream of inserts cheap where every filter scans. Otherwise it
// is recomputed from raw rows. The two never count a row twice thanks to stamps: every inserted
// row carries its batch's stamp, a recompute from raw counts only rows stamped at or below the
// watermark (the highest stamp any pass has taken in), and a batch's tallies are added to a quarter
// only when its stamp is above the quarter's last recompute from raw and the quarter does not list
// the batch's entry as applied already (a pass that crashed after writing it).
//
// A "model" here is a rollup series (core/series.ts): a row with a version counts in its model's
// series and in its version's, so every step above runs for both, and a version is reported from
// rollups like a model.
import { LEVEL_MS, levelStart, parentStart, type RollupLevel } from '../core/grid.js';
import { RowColumns } from '../core/row-columns.js';
import { parseSeries, seriesOfRow } from '../core/series.js';
import { addRow, emptyTally, mergeAll, mergeInto, relabel, type Tally } from '../core/tally.js';
import type { Document } from 'mongodb';
import type { Logger } from '../logger.js';
import type { EarlyValidations } from '../store/early-validations.js';
import type { PredictionRow } from '../core/prediction.js';
import type { BlockDelta, IngestJournal, JournalEntry } from '../store/ingest-journal.js';
import type { Lease, LeaseStore } from '../store/leases.js';
import type { PredictionStore, RowRef } from '../store/predictions.js';
import type { RefreshStateStore } from '../store/refresh-state.js';
import type { RowRewrites } from '../store/row-rewrites.js';
import { blockKey, type Block, type BlockWrite, type RollupStore } from '../store/rollups.js';
import { isTransient, type ServerTraits } from '../store/server-traits.js';
import { planRowChanges, type Relabel } from './row-changes.js';
import { countedBelow, highestStamp, restamp, surelyCounted } from '../store/stamps.js';

/** Rows written directly may be committed a little after their ObjectId or validatedAt was stamped. */
const SCAN_OVERLAP_MS = 5 * 60 * 1000;
/** On a server with indexes, marked quarters closer than this are read in one range query. */
const INDEXED_READ_GAP_MS = 3600 * 1000;

/**
 * How long a drain may go silent before another process may take over: short, so a killed drainer
 * delays the rollups by about this much; the holder renews at every step and every RENEW_ROWS rows.
 */
export const ROLLUP_LEASE_MS = 60 * 1000;
const RENEW_ROWS = 20_000;
/** Quarter tallies one pass adds up (bounds its memory when batches each span many quarters). */
const DELTA_BUDGET = 20_000;
const KICK_QUIET_MS = 250;
const KICK_MAX_DELAY_MS = 2000;
/** settle() gives up after this long (the drain keeps going; the caller gets an error to show). */
const SETTLE_LIMIT_MS = 10 * 60 * 1000;
const ROLLUP_LEASE = 'rollups';
/** Failures of an entry drained alone before it is set aside. */
const POISON_AFTER = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The rows' tallies per quarter of each series they count in: what a batch adds to the rollups. */
export function quarterTallies(rows: Iterable<PredictionRow>): BlockDelta[] {
  const deltas = new Map<string, BlockDelta>();
  for (const row of rows) {
    const start = levelStart('QUARTER', row.predictedAt);
    for (const series of seriesOfRow(row)) {
      const key = blockKey(series, start);
      let delta = deltas.get(key);
      if (!delta) deltas.set(key, (delta = { block: { model: series, start }, tally: emptyTally() }));
      addRow(delta.tally, row);
    }
  }
  return [...deltas.values()];
}

const childLevel = (level: 'HOUR' | 'DAY'): RollupLevel => (level === 'DAY' ? 'HOUR' : 'QUARTER');

/** The blocks of the level below that make up a block (an hour's quarters, a day's hours). */
function childrenOf(level: 'HOUR' | 'DAY', block: Block): Block[] {
  const step = LEVEL_MS[childLevel(level)];
  return Array.from({ length: LEVEL_MS[level] / step }, (_, k) => ({
    model: block.model,
    start: new Date(block.start.getTime() + k * step),
  }));
}

export function uniqueBlocks(blocks: Iterable<Block>): Block[] {
  const unique = new Map<string, Block>();
  for (const b of blocks) unique.set(blockKey(b.model, b.start), { model: b.model, start: b.start });
  return [...unique.values()].sort((a, b) =>
    a.model < b.model ? -1 : a.model > b.model ? 1 : a.start.getTime() - b.start.getTime(),
  );
}

/**
 * The leading entries whose re-sent and validated rows (each read, then rewritten) stay within
 * `rowBudget` and whose quarter tallies stay within DELTA_BUDGET, and at least one: bounds a pass's
 * reads between two lease renewals, and its memory.
 */
function withinBudget(entries: JournalEntry[], rowBudget: number): JournalEntry[] {
  let rows = 0;
  let deltas = 0;
  const taken = entries.findIndex(
    (e) => (rows += e.resent.length + e.validations.length) > rowBudget || (deltas += e.deltas.length) > DELTA_BUDGET,
  );
  return taken === -1 ? entries : entries.slice(0, Math.max(1, taken));
}

interface PendingDelta {
  block: Block;
  parts: { entry: string; stamp: string; tally: Tally }[];
  relabels: Relabel[];
}

/** How a recompute tallies quarters from raw rows, counting those stamped at or below the watermark. */
interface RawTallies {
  watermark: string | null;
  lease: Lease;
  read: (blocks: Block[]) => Promise<Map<string, Tally>>;
}

interface RefreshCounts {
  rowsScanned: number;
  blocksRecomputed: number;
}

export interface RefreshSummary extends RefreshCounts {
  asOf: Date;
}

function touch(touched: Map<string, Block>, ref: RowRef): void {
  const start = levelStart('QUARTER', ref.predictedAt);
  for (const series of seriesOfRow(ref)) touched.set(blockKey(series, start), { model: series, start });
}

export interface RollupStores {
  predictions: PredictionStore;
  rollups: RollupStore;
  journal: IngestJournal;
  early: EarlyValidations;
  rewrites: RowRewrites;
  leases: LeaseStore;
  state: RefreshStateStore;
}

export interface RollupSettings {
  /** Journal entries one pass takes in. */
  passEntries: number;
  /** Re-sent and validated rows one pass reads and rewrites (bounds its memory). */
  passRows: number;
  /** Quarters recomputed from one read of raw rows (bounds the memory of a large pass). */
  passBlocks: number;
  /** Rows a refresh may hold in memory where every filter scans, in MB (RollupsConfig). */
  refreshMemoryMb: number;
  traits: ServerTraits;
  /** Scheduled refreshes scan for rows another application wrote (see RollupsConfig). */
  watchDirectWrites: boolean;
  /** Names this process in the lease. */
  owner: string;
}

export class RollupService {
  private queue: Promise<unknown> = Promise.resolve();
  /** A drain asked for and not started yet, and when the first of its asks came. */
  private kickTimer: NodeJS.Timeout | null = null;
  private kickedAt: number | null = null;
  /** The oldest entry after a failed pass, and how often it failed alone. */
  private suspect: { key: string; failures: number } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stores: RollupStores,
    private readonly settings: RollupSettings,
    private readonly log: Logger,
  ) {}

  /** Drains on a timer too: entries other processes wrote, and drains that failed, are taken up. */
  start(intervalMs: number): void {
    this.timer ??= setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a drain in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.timer = this.kickTimer = this.kickedAt = null;
    await this.queue;
  }

  /**
   * Asks for a drain soon, without waiting for it (writes never wait for the rollups). A burst of
   * writes is drained once it pauses for KICK_QUIET_MS, and at most KICK_MAX_DELAY_MS after its
   * first write: draining between the writes would hold the store's one writer (SQLite) while
   * clients still write, and one later pass takes the whole burst in.
   */
  kick(): void {
    const now = Date.now();
    this.kickedAt ??= now;
    if (this.kickTimer) clearTimeout(this.kickTimer);
    const wait = Math.max(0, Math.min(KICK_QUIET_MS, this.kickedAt + KICK_MAX_DELAY_MS - now));
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      this.kickedAt = null;
      this.processPending().catch((error: unknown) =>
        this.log.warn({ error: String(error) }, 'rollups drain failed; the journal keeps its entries for the next one'),
      );
    }, wait);
  }

  /**
   * Applies the journal until it is empty; returns the blocks written. Within a process drains run
   * one after another; across processes the lease lets one drain at a time, and the others return.
   */
  processPending(): Promise<number> {
    return this.exclusive(() => this.drain());
  }

  /** Runs `work` after every drain this process asked for before, and before any it asks for next. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Returns once every write acknowledged before the call is in the rollups. */
  async settle(limitMs = SETTLE_LIMIT_MS): Promise<void> {
    const since = new Date();
    for (;;) {
      if (Date.now() - since.getTime() > limitMs)
        throw new Error(
          `the rollups did not take in the writes acknowledged before ${since.toISOString()} within ${limitMs / 1000} s`,
        );
      await this.processPending();
      const pending = await this.stores.journal.oldestPendingAt();
      if (!pending || pending > since) return;
      // Another process holds the lease and is draining these entries.
      await sleep(50);
    }
  }

  /** Every write acknowledged before this instant is in the rollups. */
  async asOf(now = new Date()): Promise<Date> {
    return (await this.pendingSince()) ?? now;
  }

  /** When the oldest write not yet in the rollups was acknowledged; null when none waits. */
  pendingSince(): Promise<Date | null> {
    return this.stores.journal.oldestPendingAt();
  }

  /** Models written but not yet in the rollups. */
  pendingModels(): Promise<string[]> {
    return this.stores.journal.models();
  }

  private async drain(): Promise<number> {
    const { leases, journal, rewrites } = this.stores;
    if (!(await journal.oldestPendingAt()) && (await rewrites.unfinished()).length === 0) return 0;
    // Drains never overlap within this process, so a live lease of ours is one whose release failed.
    const lease = await leases.acquire(ROLLUP_LEASE, this.settings.owner, ROLLUP_LEASE_MS, { reclaimOwn: true });
    if (!lease) return 0;
    try {
      let written = 0;
      for (let blocks = await this.guardedPass(lease); blocks !== null; blocks = await this.guardedPass(lease))
        written += blocks;
      return written;
    } finally {
      await this.releaseQuietly(lease);
    }
  }

  private async releaseQuietly(lease: Lease): Promise<void> {
    await lease
      .release()
      .catch((error: unknown) =>
        this.log.warn(
          { error: String(error) },
          'rollup lease not released; this process reclaims it on its next drain',
        ),
      );
  }

  /**
   * A pass that fails for a reason other than an unreachable or busy server is retried one entry at
   * a time; an entry that fails alone POISON_AFTER times is quarantined, so it cannot hold up the
   * others (or other models) for good.
   */
  private async guardedPass(lease: Lease): Promise<number | null> {
    const limit = this.suspect ? 1 : this.settings.passEntries;
    try {
      const written = await this.pass(lease, limit);
      this.suspect = null;
      return written;
    } catch (error) {
      if (isTransient(error)) throw error;
      const [first] = await this.stores.journal.oldest(1);
      if (!first) throw error;
      const key = first.id.toHexString();
      const failures = limit === 1 && this.suspect?.key === key ? this.suspect.failures + 1 : limit === 1 ? 1 : 0;
      this.suspect = { key, failures };
      if (failures < POISON_AFTER) throw error;
      this.suspect = null;
      await this.stores.journal.quarantine(first, String(error));
      this.log.error(
        { entry: key, error: String(error) },
        'journal entry quarantined after failing alone; run `clara-monitor refresh --full` once the cause is fixed',
      );
      return 0;
    }
  }

  /** One pass over the oldest journal entries; null when there was nothing to do. */
  private async pass(lease: Lease, limit: number): Promise<number | null> {
    const { journal, early, rewrites, predictions, state } = this.stores;
    const unfinished = await rewrites.unfinished();
    for (const rewrite of unfinished) await predictions.revise(rewrite.docs);
    const entries = withinBudget(await journal.oldest(limit), this.settings.passRows);
    if (entries.length === 0 && unfinished.length === 0) return null;

    const stamps = await state.stamps();
    const watermark = highestStamp(stamps.watermark, entries);
    // Raised before anything is written, so no later recompute from raw counts fewer rows.
    if (watermark !== null && watermark !== stamps.watermark) await state.raiseWatermark(watermark);

    const needsEarly = entries.some((e) => e.inserted.length > 0 || e.validations.length > 0);
    const started = Date.now();
    const validates = entries.some((e) => e.validations.length > 0);
    const known = {
      watermark: stamps.watermark,
      pending: validates ? await journal.pendingStamps() : new Set<string>(),
      scannedFrom: validates ? await state.lastScanStart() : null,
    };
    const counted = (doc: Document) => surelyCounted(doc, predictions.mapping.validatedAt, known);
    const waiting = needsEarly ? await early.all() : [];
    const ready = Date.now() - started;
    const changes = await planRowChanges(entries, waiting, predictions, counted);
    this.log.debug(
      {
        entries: entries.length,
        rewrites: changes.docs.length,
        relabels: changes.relabels.length,
        early: waiting.length,
        msBeforeRows: ready,
        ms: Date.now() - started,
      },
      'rollups pass: rows to change read',
    );
    // A rewritten row whose batch is not drained yet is counted from raw from now on; that batch's
    // tallies no longer describe it, so its quarters will be recomputed from raw too.
    const staleNow = restamp(changes.docs, watermark);
    await state.markStale(staleNow);
    if (!(await lease.renew())) throw new Error('rollup lease lost while reading the rows to change');
    const relabeled = changes.relabels.map((r) => r.block);
    const saved = changes.docs.length > 0 ? await rewrites.save(changes.docs, [...changes.blocks, ...relabeled]) : null;
    await predictions.revise(changes.docs);
    await early.add(changes.early);

    const fromRaw = new Map<string, Block>();
    for (const b of [...unfinished.flatMap((r) => r.blocks), ...entries.flatMap((e) => e.blocks), ...changes.blocks])
      fromRaw.set(blockKey(b.model, b.start), b);
    const stale = new Set([...stamps.stale, ...staleNow]);
    const { added, siblings } = await this.addedQuarters(entries, changes.relabels, fromRaw, stale);
    this.log.debug(
      { fromRaw: fromRaw.size, added: added.length, ms: Date.now() - started },
      'rollups pass: quarters planned',
    );
    const read = (chunk: Block[]) => this.fromRaw(chunk, watermark, lease);
    const written = await this.recompute(uniqueBlocks(fromRaw.values()), added, { watermark, lease, read }, siblings);
    this.log.debug({ written, ms: Date.now() - started }, 'rollups pass: blocks written');
    await early.remove(changes.usedEarly);
    await rewrites.remove([...unfinished.map((r) => r.id), ...(saved ? [saved.id] : [])]);
    await journal.remove(entries.map((e) => e.id));
    await state.pruneStale(stamps.stale);
    return written;
  }

  /**
   * The quarters whose batch tallies can be added to what is stored, and whose relabeled rows can
   * change label in it, with their new tallies; the others join `fromRaw`. The same read brings the
   * stored quarters that share an hour with them (`siblings`, none of which this pass rewrites), so
   * summing their hours reads no quarter again.
   */
  private async addedQuarters(
    entries: JournalEntry[],
    relabels: Relabel[],
    fromRaw: Map<string, Block>,
    stale: Set<string>,
  ): Promise<{ added: BlockWrite[]; siblings: Map<string, Tally> }> {
    const pending = new Map<string, PendingDelta>();
    const pendingFor = (block: Block) => {
      const key = blockKey(block.model, block.start);
      let delta = pending.get(key);
      if (!delta) pending.set(key, (delta = { block, parts: [], relabels: [] }));
      return delta;
    };
    for (const entry of entries) {
      const stamp = entry.stamp?.toHexString() ?? null;
      for (const { block, tally } of entry.deltas) {
        if (stamp === null || stale.has(stamp)) fromRaw.set(blockKey(block.model, block.start), block);
        else pendingFor(block).parts.push({ entry: entry.id.toHexString(), stamp, tally });
      }
    }
    for (const r of relabels) pendingFor(r.block).relabels.push(r);
    const candidates = [...pending].filter(([key]) => !fromRaw.has(key));
    if (candidates.length === 0) return { added: [], siblings: new Map() };
    const hours = uniqueBlocks(
      candidates.map(([, d]) => ({ model: d.block.model, start: parentStart('QUARTER', d.block.start).start })),
    );
    const quarters = hours.flatMap((hour) => childrenOf('HOUR', hour));
    const stored = await this.stores.rollups.readStamped('QUARTER', quarters);
    const added: BlockWrite[] = [];
    for (const [key, { block, parts, relabels }] of candidates) {
      // A quarter that counts a relabeled row is stored; if it is not, something else changed it.
      if (relabels.length > 0 && !stored.has(key)) {
        fromRaw.set(key, block);
        continue;
      }
      const current = stored.get(key) ?? { tally: emptyTally(), rawAt: null, applied: [] };
      // A recompute from raw at or above a batch's stamp may have counted its rows already.
      const rawAt = current.rawAt;
      if (rawAt !== null && parts.some((p) => p.stamp <= rawAt)) {
        fromRaw.set(key, block);
        continue;
      }
      const applied = new Set(current.applied);
      for (const part of parts) if (!applied.has(part.entry)) mergeInto(current.tally, part.tally);
      for (const r of relabels) relabel(current.tally, r.row, r.from, r.to);
      added.push({ block, tally: current.tally, rawAt, applied: parts.map((p) => p.entry) });
    }
    const siblings = new Map<string, Tally>();
    for (const { model, start } of quarters) {
      const key = blockKey(model, start);
      // A quarter absent from the store is empty: known as well as a stored one.
      if (!pending.has(key) && !fromRaw.has(key)) siblings.set(key, stored.get(key)?.tally ?? emptyTally());
    }
    return { added, siblings };
  }

  /**
   * Quarters from raw rows (`read` tallies them at the watermark) or with batch tallies added, hours
   * from quarters, days from hours.
   */
  private async recompute(
    fromRaw: Block[],
    added: BlockWrite[],
    { watermark, lease, read }: RawTallies,
    siblings: Map<string, Tally>,
  ): Promise<number> {
    let written = 0;
    // Tallies this pass just wrote at the level below: a parent reads from the store only the
    // children the pass did not recompute (bounded, so a huge pass does not hold every tally), nor
    // read already (the quarter siblings of added ones).
    let fresh = new Map<string, Tally>(siblings);
    const keep = (key: string, tally: Tally) => {
      if (fresh.size < this.settings.passBlocks) fresh.set(key, tally);
    };
    const write = async (level: RollupLevel, writes: BlockWrite[]) => {
      // A holder that lost its lease (it stalled past the lifetime) must not write stale tallies.
      if (!(await lease.renew()))
        throw new Error('rollup lease lost; the journal keeps its entries for the next drain');
      const started = Date.now();
      await this.stores.rollups.write(level, writes);
      written += writes.length;
      this.log.debug({ level, blocks: writes.length, ms: Date.now() - started }, 'rollups pass: blocks stored');
    };
    for (let i = 0; i < fromRaw.length; i += this.settings.passBlocks) {
      const chunk = fromRaw.slice(i, i + this.settings.passBlocks);
      const tallies = await read(chunk);
      const writes = chunk.map((block) => ({
        block,
        tally: tallies.get(blockKey(block.model, block.start)) ?? emptyTally(),
        rawAt: watermark,
        applied: [],
      }));
      // The last read's quarters go with the added ones: one write drops their older revisions.
      await write('QUARTER', i + this.settings.passBlocks >= fromRaw.length ? [...writes, ...added] : writes);
      for (const [key, tally] of tallies) keep(key, tally);
    }
    if (fromRaw.length === 0)
      for (let i = 0; i < added.length; i += this.settings.passBlocks)
        await write('QUARTER', added.slice(i, i + this.settings.passBlocks));
    for (const a of added) keep(blockKey(a.block.model, a.block.start), a.tally);

    let blocks = uniqueBlocks([...fromRaw, ...added.map((a) => a.block)]);
    for (const [child, level] of [
      ['QUARTER', 'HOUR'],
      ['HOUR', 'DAY'],
    ] as const) {
      blocks = uniqueBlocks(blocks.map((b) => ({ model: b.model, start: parentStart(child, b.start).start })));
      const next = new Map<string, Tally>();
      for (let i = 0; i < blocks.length; i += this.settings.passBlocks) {
        const chunk = blocks.slice(i, i + this.settings.passBlocks);
        const tallies = await this.fromChildren(level, chunk, fresh);
        await write(
          level,
          chunk.map((block) => ({ block, tally: tallies.get(blockKey(block.model, block.start)) ?? emptyTally() })),
        );
        for (const [key, tally] of tallies) if (next.size < this.settings.passBlocks) next.set(key, tally);
      }
      fresh = next;
    }
    return written;
  }

  /**
   * Raw rows read in as few range queries as suit the server: one per model where every filter
   * scans the collection anyway, one per run of nearby quarters where indexes serve ranges. A
   * version's series is read from its model's rows, so one read serves the model and its versions.
   */
  private async fromRaw(blocks: Block[], watermark: string | null, lease: Lease): Promise<Map<string, Tally>> {
    const tallies = new Map<string, Tally>();
    let rows = 0;
    const gap = this.settings.traits.scansEveryFilter ? Infinity : INDEXED_READ_GAP_MS;
    const startsByModel = new Map<string, Set<number>>();
    for (const b of blocks) {
      tallies.set(blockKey(b.model, b.start), emptyTally());
      const { model } = parseSeries(b.model);
      startsByModel.set(model, (startsByModel.get(model) ?? new Set()).add(b.start.getTime()));
    }
    for (const [model, set] of startsByModel) {
      const starts = [...set].sort((a, b) => a - b);
      for (let i = 0; i < starts.length;) {
        let j = i + 1;
        while (j < starts.length && starts[j] - starts[j - 1] <= gap) j++;
        for await (const row of this.stores.predictions.streamBetween(
          model,
          new Date(starts[i]),
          new Date(starts[j - 1] + LEVEL_MS.QUARTER),
        )) {
          // Rows of batches above the watermark are added with their batch's tallies instead.
          if (countedBelow(row.stamp, watermark)) {
            const start = levelStart('QUARTER', row.predictedAt);
            for (const series of seriesOfRow(row)) {
              const tally = tallies.get(blockKey(series, start));
              if (tally) addRow(tally, row);
            }
          }
          if (++rows % RENEW_ROWS === 0 && !(await lease.renew()))
            throw new Error('rollup lease lost while reading raw rows');
        }
        i = j;
      }
    }
    return tallies;
  }

  private async fromChildren(
    level: 'HOUR' | 'DAY',
    blocks: Block[],
    fresh: Map<string, Tally>,
  ): Promise<Map<string, Tally>> {
    const child = childLevel(level);
    const missing = blocks.flatMap((b) => childrenOf(level, b)).filter((c) => !fresh.has(blockKey(c.model, c.start)));
    const stored = missing.length > 0 ? await this.stores.rollups.read(child, missing) : new Map<string, Tally>();
    const tallies = new Map<string, Tally>();
    for (const block of blocks) {
      const children = childrenOf(level, block).map(
        (c) => fresh.get(blockKey(c.model, c.start)) ?? stored.get(blockKey(c.model, c.start)) ?? emptyTally(),
      );
      tallies.set(blockKey(block.model, block.start), mergeAll(children));
    }
    return tallies;
  }

  /**
   * Picks up rows written directly to the predictions collection (and late validations) since the
   * last scan, or every row when `full`, then recomputes what they touched.
   */
  async refresh(full = false): Promise<RefreshSummary> {
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
    await this.processPending();
    // In the drain queue: a drain of this process would otherwise reclaim the lease mid-scan.
    const scanned = await this.exclusive(async () => {
      const lease = await this.leaseWithin(ROLLUP_LEASE_MS);
      if (!lease) return null;
      try {
        return await this.scanAndRecompute(full, since, lease);
      } finally {
        await this.releaseQuietly(lease);
      }
    });
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
    if (full) for (const b of await this.storedQuarters()) touched.set(blockKey(b.model, b.start), b);
    const tallies = async (blocks: Block[]) =>
      new Map(blocks.map((b) => [blockKey(b.model, b.start), held.quarterTally(b.model, b.start)]));
    const blocks = uniqueBlocks(touched.values());
    const blocksRecomputed = await this.recompute(blocks, [], { watermark, lease, read: tallies }, new Map());
    return { rowsScanned, touched, blocksRecomputed };
  }

  /** Journals the touched quarters (and, when full, every stored one) and drains them. */
  private async recomputeTouched(touched: Map<string, Block>, full: boolean, at: Date): Promise<number> {
    // A full refresh also revisits blocks whose rows were all deleted.
    if (full) for (const b of await this.storedQuarters()) touched.set(blockKey(b.model, b.start), b);
    await this.stores.journal.append({ blocks: [...touched.values()] }, at);
    return this.processPending();
  }

  /** The rollup lease, waiting up to `waitMs` for another process's drain to end. */
  private async leaseWithin(waitMs: number): Promise<Lease | null> {
    const until = Date.now() + waitMs;
    for (;;) {
      const lease = await this.stores.leases.acquire(ROLLUP_LEASE, this.settings.owner, ROLLUP_LEASE_MS, {
        reclaimOwn: true,
      });
      if (lease || Date.now() > until) return lease;
      await sleep(200);
    }
  }

  /** The refresh-rollups job: drains the journal, and scans for direct writes when watching for them. */
  async scheduledRefresh(): Promise<RefreshSummary | null> {
    if (this.settings.watchDirectWrites) return this.refresh();
    await this.processPending();
    return null;
  }

  private async storedQuarters(): Promise<Block[]> {
    const blocks: Block[] = [];
    for (const model of await this.stores.rollups.models()) {
      for (const q of await this.stores.rollups.versions('QUARTER', model)) blocks.push({ model, start: q.start });
    }
    return blocks;
  }
}
