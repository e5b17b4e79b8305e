// Two ways rows reach the database: recordPredictions over HTTP like a producer, or straight into
// the collection like an application writing its own rows (then picked up by a refresh).
import type { PredictionRow } from '../../server/core/prediction.js';
import type { Services } from '../../server/services/index.js';
import type { ServerProcess } from './server-process.js';

export const BATCH = 5000;
/** At least this many HTTP batches are sent even when the time budget runs out, for a stable rate. */
const MIN_HTTP_BATCHES = 3;

export interface Loaded {
  rows: number;
  batches: number;
  ms: number;
}

export function takeBatch(rows: Iterator<PredictionRow>, size: number): PredictionRow[] {
  const batch: PredictionRow[] = [];
  for (let next = rows.next(); !next.done; next = rows.next()) {
    batch.push(next.value);
    if (batch.length === size) break;
  }
  return batch;
}

const RECORD = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted rejected { index message } } }`;

/**
 * Sends chronological batches one request at a time, as a single producer would, until `maxRows`
 * are sent or the next batch would overrun `budgetMs`.
 */
export async function sendOverHttp(
  server: ServerProcess,
  rows: Iterator<PredictionRow>,
  maxRows: number,
  budgetMs: number,
  progress: (loaded: Loaded) => void,
): Promise<Loaded> {
  const loaded: Loaded = { rows: 0, batches: 0, ms: 0 };
  while (loaded.rows < maxRows) {
    if (loaded.batches >= MIN_HTTP_BATCHES && loaded.ms + loaded.ms / loaded.batches > budgetMs) break;
    const batch = takeBatch(rows, Math.min(BATCH, maxRows - loaded.rows));
    if (batch.length === 0) break;
    const predictions = batch.map((r) => ({
      id: r.id,
      model: r.model,
      predictedAt: r.predictedAt.toISOString(),
      predicted: r.predicted,
      confidence: r.confidence,
      actual: r.actual,
    }));
    const started = performance.now();
    const { recordPredictions } = await server.gql<{ recordPredictions: { accepted: number; rejected: unknown[] } }>(RECORD, { p: predictions });
    loaded.ms += performance.now() - started;
    if (recordPredictions.accepted !== batch.length) throw new Error(`batch rejected rows: ${JSON.stringify(recordPredictions.rejected.slice(0, 3))}`);
    loaded.rows += batch.length;
    loaded.batches++;
    progress(loaded);
  }
  return loaded;
}

/** insertMany straight into the predictions collection (no rollup work), in batches. */
export async function insertDirect(services: Services, rows: Iterator<PredictionRow>, maxRows: number): Promise<Loaded> {
  const loaded: Loaded = { rows: 0, batches: 0, ms: 0 };
  while (loaded.rows < maxRows) {
    const batch = takeBatch(rows, Math.min(BATCH, maxRows - loaded.rows));
    if (batch.length === 0) break;
    const started = performance.now();
    await services.predictions.insertNew(batch);
    loaded.ms += performance.now() - started;
    loaded.rows += batch.length;
    loaded.batches++;
  }
  return loaded;
}
