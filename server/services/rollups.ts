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
import { levelStart } from '../core/grid.js';
import { seriesOfRow } from '../core/series.js';
import { addRow, emptyTally } from '../core/tally.js';
import type { Document } from 'mongodb';
import type { Logger } from '../logger.js';
import type { EarlyValidations } from '../store/early-validations.js';
import type { PredictionRow } from '../core/prediction.js';
import type { BlockDelta, IngestJournal, JournalEntry } from '../store/ingest-journal.js';
import type { Lease, LeaseStore } from '../store/leases.js';
import type { PredictionStore } from '../store/predictions.js';
import type { RefreshStateStore } from '../store/refresh-state.js';
import type { RowRewrites } from '../store/row-rewrites.js';
import { blockKey, type Block, type RollupStore } from '../store/rollups.js';
import { isTransient, type ServerTraits } from '../store/server-traits.js';
import { planRowChanges } from './row-changes.js';
import { highestStamp, restamp, surelyCounted } from '../store/stamps.js';
import { RollupRecompute, uniqueBlocks } from './rollup-recompute.js';
import { RollupRefresh, type Drainer, type RefreshSummary } from './rollup-refresh.js';

export type { RefreshSummary } from './rollup-refresh.js';

/**
 * How long a drain may go silent before another process may take over: short, so a killed drainer
 * delays the rollups by about this much; the holder renews at every step and every RENEW_ROWS rows.
 */
export const ROLLUP_LEASE_MS = 60 * 1000;
/** Quarter tallies one pass adds up (bounds its memory when batches each span many quarters). */
const DELTA_BUDGET = 20_000;
const KICK_QUIET_MS = 250;
const KICK_MAX_DELAY_MS = 5000;
/** settle() gives up after this long (the drain keeps going; the caller gets an error to show). */
const SETTLE_LIMIT_MS = 10 * 60 * 1000;
const ROLLUP_LEASE = 'rollups';
/** Failures of an entry drained alone before it is set aside. */
const POISON_AFTER = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** For the pass logs: how much memory a pass holds, to size passRows and passBlocks. */
function memory(): { rssMb: number; heapMb: number } {
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: Math.round(rss / 2 ** 20), heapMb: Math.round(heapUsed / 2 ** 20) };
}

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

export class RollupService implements Drainer {
  private queue: Promise<unknown> = Promise.resolve();
  /** A drain asked for and not started yet, and when the first of its asks came. */
  private kickTimer: NodeJS.Timeout | null = null;
  private kickedAt: number | null = null;
  /** The oldest entry after a failed pass, and how often it failed alone. */
  private suspect: { key: string; failures: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly recomputer: RollupRecompute;
  private readonly refresher: RollupRefresh;

  constructor(
    private readonly stores: RollupStores,
    private readonly settings: RollupSettings,
    private readonly log: Logger,
  ) {
    this.recomputer = new RollupRecompute(stores, settings, log);
    this.refresher = new RollupRefresh(stores, { ...settings, leaseMs: ROLLUP_LEASE_MS }, this.recomputer, this, log);
  }

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
    const { added, siblings } = await this.recomputer.addedQuarters(entries, changes.relabels, fromRaw, stale);
    this.log.debug(
      { fromRaw: fromRaw.size, added: added.length, ms: Date.now() - started, ...memory() },
      'rollups pass: quarters planned',
    );
    const read = (chunk: Block[]) => this.recomputer.fromRaw(chunk, watermark, lease);
    const written = await this.recomputer.recompute(
      uniqueBlocks(fromRaw.values()),
      added,
      { watermark, lease, read },
      siblings,
    );
    this.log.debug({ written, ms: Date.now() - started, ...memory() }, 'rollups pass: blocks written');
    await early.remove(changes.usedEarly);
    await rewrites.remove([...unfinished.map((r) => r.id), ...(saved ? [saved.id] : [])]);
    await journal.remove(entries.map((e) => e.id));
    await state.pruneStale(stamps.stale);
    return written;
  }

  /**
   * Picks up rows written directly to the predictions collection (and late validations) since the
   * last scan, or every row when `full`, then recomputes what they touched (rollup-refresh.ts).
   */
  refresh(full = false): Promise<RefreshSummary> {
    return this.refresher.run(full);
  }

  /** The refresh-rollups job: drains the journal, and scans for direct writes when watching for them. */
  async scheduledRefresh(): Promise<RefreshSummary | null> {
    if (this.settings.watchDirectWrites) return this.refresh();
    await this.processPending();
    return null;
  }

  underLease<T>(waitMs: number, work: (lease: Lease) => Promise<T>): Promise<T | null> {
    // In the drain queue: a drain of this process would otherwise reclaim the lease from `work`.
    return this.exclusive(async () => {
      const lease = await this.leaseWithin(waitMs);
      if (!lease) return null;
      try {
        return await work(lease);
      } finally {
        await this.releaseQuietly(lease);
      }
    });
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
}
