// Fills an empty database with the demo model, so a first start has something to show.
import { demoDataset, type DemoOptions } from '../core/demo/generator.js';
import type { PredictionRow } from '../core/prediction.js';
import type { Logger } from '../logger.js';
import type { JobRun } from '../store/job-runs.js';
import type { PredictionStore } from '../store/predictions.js';
import type { IngestService } from './ingest.js';
import type { RollupService } from './rollups.js';

const BATCH = 5000;
const PROGRESS_EVERY = 50_000;

export interface DemoDeps {
  predictions: Pick<PredictionStore, 'defaultModel'>;
  /** Whether the predictions collection holds anything already. */
  holdsPredictions(): Promise<boolean>;
  ingest: Pick<IngestService, 'storeRows' | 'setTrainingDistribution'>;
  rollups: Pick<RollupService, 'processPending' | 'settle'>;
  /** Runs the check-drift job now, as runJob does (its lease, its run history). */
  checkDrift(): Promise<JobRun>;
}

export interface SeedSummary {
  seeded: boolean;
  rows: number;
  validated: number;
  blocksRecomputed: number;
}

/**
 * Writes the demo only when the predictions collection holds nothing, so a restart (or a second
 * server starting at the same time) leaves existing data alone.
 *
 * Rows are stored as the ingest stores a batch (with their tallies, so the rollups never read them
 * back), but not through recordPredictions: it stamps validatedAt = now on every labelled
 * prediction, which would erase the validation delays the demo is meant to show. Then one drift
 * check turns the demo's degradation into an alert.
 */
export async function seedDemoIfEmpty(
  deps: DemoDeps,
  log: Logger,
  now: Date,
  options: Omit<DemoOptions, 'now' | 'model'> = {},
): Promise<SeedSummary> {
  if (await deps.holdsPredictions()) {
    log.debug('predictions exist; demo data not seeded');
    return { seeded: false, rows: 0, validated: 0, blocksRecomputed: 0 };
  }
  const demo = demoDataset({ ...options, now, model: deps.predictions.defaultModel });
  log.info({ model: demo.model, from: demo.start, to: demo.end }, 'seeding demo data');
  const started = Date.now();
  let rows = 0;
  let validated = 0;
  let batch: PredictionRow[] = [];
  const flush = async () => {
    await deps.ingest.storeRows(batch);
    rows += batch.length;
    batch = [];
    if (rows % PROGRESS_EVERY === 0) log.info({ rows }, 'demo data: predictions written');
  };
  for (const row of demo.rows()) {
    if (row.actual !== null) validated++;
    batch.push(row);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  await deps.ingest.setTrainingDistribution(demo.model, demo.training);
  log.info({ rows }, 'demo data: computing rollups');
  const blocksRecomputed = await deps.rollups.processPending();
  await deps.rollups.settle();
  const drift = await checkDemoDrift(deps, log);
  log.info(
    { model: demo.model, rows, validated, blocksRecomputed, drift, ms: Date.now() - started },
    'demo data seeded',
  );
  return { seeded: true, rows, validated, blocksRecomputed };
}

/**
 * The demo's degradation should be on the Drift tab at once, not after the scheduler's next run:
 * on a database that was used before, check-drift's schedule may be up to an hour away, and with
 * --no-jobs the worker may have checked while the rows were still being written. Run through the
 * job service, the check holds the job's lease (a worker's run cannot overlap it) and shows in the
 * run history; later scheduled runs find the same verdicts and open nothing twice.
 */
async function checkDemoDrift(deps: DemoDeps, log: Logger): Promise<string> {
  try {
    const run = await deps.checkDrift();
    if (run.status === 'FAILED')
      log.warn({ error: run.error }, 'demo data: check-drift failed; its next scheduled run will try again');
    return run.summary ?? run.status;
  } catch (error) {
    // Another process is running it right now; the data is there for its next run.
    log.warn({ error: error instanceof Error ? error.message : String(error) }, 'demo data: check-drift not run');
    return 'not run';
  }
}
