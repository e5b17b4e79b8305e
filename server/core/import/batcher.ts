// Groups imported lines into batches for the ingest service without changing what file order means.
// Predictions are always sent before validations, so a validation finds the predictions above it;
// a prediction whose id has a validation still waiting first sends everything waiting.
import type { ImportedPrediction, ImportedValidation } from './items.js';

export type Batch =
  | { kind: 'predictions'; items: ImportedPrediction[]; lines: number[] }
  | { kind: 'validations'; items: ImportedValidation[]; lines: number[] };

export class ImportBatcher {
  private predictions: Extract<Batch, { kind: 'predictions' }> = { kind: 'predictions', items: [], lines: [] };
  private validations: Extract<Batch, { kind: 'validations' }> = { kind: 'validations', items: [], lines: [] };
  private readonly waiting = new Set<string>();

  constructor(private readonly size: number) {}

  /** The caller fills in each line's model first, so one prediction has one key. */
  private key(item: { model: string | null; id: string }): string {
    return `${item.model ?? ''}\u0000${item.id}`;
  }

  /** Adds a prediction; returns the batches to send, in order, before adding more. */
  addPrediction(line: number, item: ImportedPrediction): Batch[] {
    const out = this.waiting.has(this.key(item)) ? this.flush() : [];
    this.predictions.items.push(item);
    this.predictions.lines.push(line);
    if (this.predictions.items.length >= this.size) out.push(this.takePredictions());
    return out;
  }

  addValidation(line: number, item: ImportedValidation): Batch[] {
    this.validations.items.push(item);
    this.validations.lines.push(line);
    this.waiting.add(this.key(item));
    return this.validations.items.length >= this.size ? this.flush() : [];
  }

  /** Everything waiting: predictions first. */
  flush(): Batch[] {
    const out: Batch[] = [];
    if (this.predictions.items.length > 0) out.push(this.takePredictions());
    if (this.validations.items.length > 0) {
      out.push(this.validations);
      this.validations = { kind: 'validations', items: [], lines: [] };
      this.waiting.clear();
    }
    return out;
  }

  private takePredictions(): Batch {
    const batch = this.predictions;
    this.predictions = { kind: 'predictions', items: [], lines: [] };
    return batch;
  }
}
