// How rows reach the database in the bench: straight into the collection as a user's application
// writes them (plain documents, driver ObjectIds), or through recordPredictions/recordValidations.
import type { Collection, Document } from 'mongodb';
import { Random } from '../../server/core/demo/random.js';
import { DEMO_CLASSES } from '../../server/core/demo/scenario.js';
import type { PredictionRow } from '../../server/core/prediction.js';
import type { ServerProcess } from './server-process.js';

export const DIRECT_BATCH = 5000;

export interface Loaded {
  rows: number;
  ms: number;
}

export function takeBatch<T>(rows: Iterator<T>, size: number): T[] {
  const batch: T[] = [];
  while (batch.length < size) {
    const next = rows.next();
    if (next.done) break;
    batch.push(next.value);
  }
  return batch;
}

/** The document an application would insert, under the default field mapping. */
export const userDocument = (r: PredictionRow): Document => ({
  model: r.model,
  id: r.id,
  predictedAt: r.predictedAt,
  predicted: r.predicted,
  confidence: r.confidence,
  actual: r.actual,
  validatedAt: r.validatedAt,
});

/**
 * insertMany straight into the collection (no rollup work), in batches; `seen` gets every row, so
 * the caller can keep a sample of ids without a second pass.
 */
export async function insertDirect(
  collection: Collection<Document>,
  rows: Iterator<PredictionRow>,
  seen: (row: PredictionRow) => void = () => undefined,
): Promise<Loaded> {
  const loaded: Loaded = { rows: 0, ms: 0 };
  for (let batch = takeBatch(rows, DIRECT_BATCH); batch.length > 0; batch = takeBatch(rows, DIRECT_BATCH)) {
    batch.forEach(seen);
    const started = performance.now();
    await collection.insertMany(batch.map(userDocument), { ordered: false });
    loaded.ms += performance.now() - started;
    loaded.rows += batch.length;
  }
  return loaded;
}

/** A uniform sample of `size` items of a stream of unknown length (reservoir sampling). */
export class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  constructor(
    private readonly size: number,
    private readonly rng: Random,
  ) {}

  offer(item: T): void {
    this.seen++;
    if (this.items.length < this.size) this.items.push(item);
    else {
      const at = Math.floor(this.rng.next() * this.seen);
      if (at < this.size) this.items[at] = item;
    }
  }
}

const LABELS = DEMO_CLASSES.map((c) => c.label);
const SHARES = DEMO_CLASSES.map((c) => c.share);

/** Predictions of new ids with predictedAt uniform in [from, to): one request "spread over 30 days". */
export function spreadPredictions(
  rng: Random,
  idPrefix: string,
  count: number,
  from: number,
  to: number,
): PredictionRow[] {
  return Array.from({ length: count }, (_, i) => {
    const truth = rng.weighted(SHARES);
    const predicted = rng.chance(0.9) ? truth : rng.weighted(SHARES);
    return {
      model: 'default',
      id: `${idPrefix}-${i}`,
      predictedAt: new Date(from + Math.floor(rng.next() * (to - from))),
      predicted: LABELS[predicted],
      confidence: Math.round(rng.next() * 1000) / 1000,
      actual: null,
      validatedAt: null,
    };
  });
}

export const randomLabel = (rng: Random): string => LABELS[rng.weighted(SHARES)];

const RECORD_PREDICTIONS = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted rejected { index message } } }`;
const RECORD_VALIDATIONS = `mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted rejected { index message } } }`;

interface IngestAnswer {
  accepted: number;
  rejected: { index: number; message: string }[];
}

function checkAccepted(answer: IngestAnswer, sent: number): void {
  if (answer.accepted !== sent)
    throw new Error(`${sent - answer.accepted} rejected, e.g. ${JSON.stringify(answer.rejected.slice(0, 2))}`);
}

export async function recordPredictions(
  server: ServerProcess,
  rows: PredictionRow[],
  timeoutMs: number,
): Promise<void> {
  const p = rows.map((r) => ({
    id: r.id,
    model: r.model,
    predictedAt: r.predictedAt.toISOString(),
    predicted: r.predicted,
    confidence: r.confidence,
  }));
  const { recordPredictions: answer } = await server.gql<{ recordPredictions: IngestAnswer }>(
    RECORD_PREDICTIONS,
    { p },
    timeoutMs,
  );
  checkAccepted(answer, rows.length);
}

export async function recordValidations(
  server: ServerProcess,
  items: { id: string; actual: string }[],
  timeoutMs: number,
): Promise<void> {
  const v = items.map((item) => ({ id: item.id, model: 'default', actual: item.actual }));
  const { recordValidations: answer } = await server.gql<{ recordValidations: IngestAnswer }>(
    RECORD_VALIDATIONS,
    { v },
    timeoutMs,
  );
  checkAccepted(answer, items.length);
}
