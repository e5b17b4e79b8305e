// Imports a file of predictions and validations (or training-set class counts) through the ingest
// service in batches, as its text streams in. Ids make it idempotent: re-running changes nothing.
import { InputError } from '../core/errors.js';
import { ImportBatcher, type Batch } from '../core/import/batcher.js';
import type { ImportedCount, ImportLine } from '../core/import/items.js';
import { ImportReader, type ParsedLine } from '../core/import/reader.js';
import { RejectionLog, type ImportSummary } from '../core/import/summary.js';
import type { IngestService } from './ingest.js';

export interface ImportOptions {
  training: boolean;
  /** The model of lines that name none. */
  model: string;
  batchSize: number;
  /** Called after each chunk with the number of lines read so far. */
  onProgress?: (lines: number) => void;
}

/** The service names a field by its place in the batch; the file's reader knows the line instead. */
const withoutBatchIndex = (message: string): string => message.replace(/^(predictions|validations)\[\d+\]\./, '');

class ImportRun {
  lines = 0;
  readonly rejected = new RejectionLog();
  private readonly batcher: ImportBatcher;
  /** Lines that are a prediction plus its validation, until the validation is sent. */
  private readonly paired = new Set<number>();
  /** Paired lines whose prediction was refused: their validation is not sent. */
  private readonly refused = new Set<number>();
  private readonly counts = new Map<string, Map<string, { count: number; line: number }>>();

  constructor(
    private readonly ingest: IngestService,
    private readonly options: ImportOptions,
  ) {
    this.batcher = new ImportBatcher(options.batchSize);
  }

  async add(parsed: ParsedLine): Promise<void> {
    this.lines++;
    if ('error' in parsed) return this.rejected.add(parsed.line, parsed.error);
    const { line, item } = parsed;
    if (item.kind === 'count') return this.addCount(line, item.count);
    if (item.kind === 'validation') return this.send(this.batcher.addValidation(line, this.modelled(item.validation)));
    await this.addPrediction(line, item);
  }

  private async addPrediction(line: number, item: Extract<ImportLine, { kind: 'prediction' }>): Promise<void> {
    if (item.validation) this.paired.add(line);
    await this.send(this.batcher.addPrediction(line, this.modelled(item.prediction)));
    if (!item.validation) return;
    if (this.refused.delete(line)) this.paired.delete(line);
    else await this.send(this.batcher.addValidation(line, this.modelled(item.validation)));
  }

  private modelled<T extends { model: string | null }>(item: T): T {
    return item.model === null ? { ...item, model: this.options.model } : item;
  }

  private addCount(line: number, count: ImportedCount): void {
    const model = count.model ?? this.options.model;
    const labels = this.counts.get(model) ?? new Map<string, { count: number; line: number }>();
    this.counts.set(model, labels);
    const earlier = labels.get(count.label);
    if (earlier) return this.rejected.add(line, `label: "${count.label}" is already counted on line ${earlier.line}`);
    labels.set(count.label, { count: count.count, line });
  }

  async send(batches: Batch[]): Promise<void> {
    for (const batch of batches) {
      if (batch.kind === 'predictions') {
        const outcome = await this.ingest.recordPredictions(batch.items);
        for (const r of outcome.rejected) {
          const line = batch.lines[r.index];
          this.rejected.add(line, withoutBatchIndex(r.message));
          if (this.paired.has(line)) this.refused.add(line);
        }
      } else {
        const keep = batch.lines.map((line) => !this.refused.has(line));
        const lines = batch.lines.filter((_, i) => keep[i]);
        const outcome = await this.ingest.recordValidations(batch.items.filter((_, i) => keep[i]));
        for (const r of outcome.rejected) this.rejected.add(lines[r.index], withoutBatchIndex(r.message));
        for (const line of batch.lines) if (this.paired.delete(line)) this.refused.delete(line);
      }
    }
  }

  /** Each model's distribution is replaced whole, so it is sent once, at the end. */
  async sendCounts(): Promise<{ model: string; classes: number }[]> {
    const stored: { model: string; classes: number }[] = [];
    for (const [model, labels] of this.counts) {
      try {
        await this.ingest.setTrainingDistribution(
          model,
          [...labels].map(([label, c]) => ({ label, count: c.count })),
        );
        stored.push({ model, classes: labels.size });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        for (const c of labels.values()) this.rejected.add(c.line, error.message);
      }
    }
    return stored;
  }

  async finish(): Promise<void> {
    await this.send(this.batcher.flush());
  }
}

export async function importText(
  chunks: AsyncIterable<string>,
  ingest: IngestService,
  options: ImportOptions,
): Promise<ImportSummary> {
  const reader = new ImportReader(options.training);
  const run = new ImportRun(ingest, options);
  for await (const chunk of chunks) {
    for (const parsed of reader.push(chunk)) await run.add(parsed);
    options.onProgress?.(run.lines);
  }
  for (const parsed of reader.end()) await run.add(parsed);
  await run.finish();
  const training = await run.sendCounts();
  return { lines: run.lines, rejected: run.rejected, training, ignoredColumns: reader.ignoredColumns };
}
