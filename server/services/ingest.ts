// Stores predictions, validations and training counts; every call is safe to retry.
import { InputError } from '../core/errors.js';
import { checkConfidence, checkId, checkInstant, checkLabel, checkModel, type PredictionRow } from '../core/prediction.js';
import type { PredictionStore, RowRef } from '../store/predictions.js';
import type { TrainingStore } from '../store/training.js';
import type { RollupService } from './rollups.js';

export interface PredictionItem {
  id: string;
  model?: string | null;
  predictedAt: Date;
  predicted: string;
  confidence?: number | null;
  actual?: string | null;
}

export interface ValidationItem {
  id: string;
  model?: string | null;
  actual: string;
  validatedAt?: Date | null;
}

export interface Rejection {
  index: number;
  id: string | null;
  message: string;
}

export interface IngestOutcome {
  accepted: number;
  rejected: Rejection[];
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export class IngestService {
  constructor(
    private readonly predictions: PredictionStore,
    private readonly training: TrainingStore,
    private readonly rollups: RollupService,
    private readonly defaultModel: string,
    private readonly maxBatch: number,
  ) {}

  private checkBatch(field: string, size: number): void {
    if (size > this.maxBatch) throw new InputError(field, `at most ${this.maxBatch} items per batch, got ${size}; split the batch`);
  }

  private modelOf(field: string, model: string | null | undefined): string {
    return model === null || model === undefined ? this.defaultModel : checkModel(field, model);
  }

  /** Validates every item; the valid ones are stored, the others come back with their index and reason. */
  async recordPredictions(items: PredictionItem[], now = new Date()): Promise<IngestOutcome> {
    this.checkBatch('predictions', items.length);
    const rows: PredictionRow[] = [];
    const rejected: Rejection[] = [];
    items.forEach((item, index) => {
      const at = `predictions[${index}]`;
      try {
        const actual = item.actual === null || item.actual === undefined ? null : checkLabel(`${at}.actual`, item.actual);
        rows.push({
          id: checkId(`${at}.id`, item.id),
          model: this.modelOf(`${at}.model`, item.model),
          predictedAt: checkInstant(`${at}.predictedAt`, item.predictedAt, now),
          predicted: checkLabel(`${at}.predicted`, item.predicted),
          confidence: checkConfidence(`${at}.confidence`, item.confidence),
          actual,
          validatedAt: actual === null ? null : now,
        });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        rejected.push({ index, id: item.id || null, message: error.message });
      }
    });
    const touched: RowRef[] = rows.map((r) => ({ model: r.model, predictedAt: r.predictedAt }));
    const resent = (await this.predictions.insertNew(rows)).map((position) => rows[position]);
    for (const [model, group] of groupBy(resent, (r) => r.model)) {
      const located = await this.predictions.locate(model, group.map((r) => r.id));
      for (const row of group) {
        const stored = located.get(row.id);
        if (!stored) continue;
        // The old block loses the row, the new one gains it.
        touched.push({ model, predictedAt: stored.predictedAt });
        await this.predictions.replaceExisting(stored.key, row);
      }
    }
    await this.rollups.markRows(touched);
    await this.rollups.processPending();
    return { accepted: rows.length, rejected };
  }

  /** A validation of an already validated prediction replaces its label (a correction). */
  async recordValidations(items: ValidationItem[], now = new Date()): Promise<IngestOutcome> {
    this.checkBatch('validations', items.length);
    const rejected: Rejection[] = [];
    const byModel = new Map<string, { index: number; id: string; actual: string; validatedAt: Date }[]>();
    items.forEach((item, index) => {
      const at = `validations[${index}]`;
      try {
        const model = this.modelOf(`${at}.model`, item.model);
        const entry = {
          index,
          id: checkId(`${at}.id`, item.id),
          actual: checkLabel(`${at}.actual`, item.actual),
          validatedAt: item.validatedAt ? checkInstant(`${at}.validatedAt`, item.validatedAt, now) : now,
        };
        byModel.set(model, [...(byModel.get(model) ?? []), entry]);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        rejected.push({ index, id: item.id || null, message: error.message });
      }
    });
    let accepted = 0;
    const touched: RowRef[] = [];
    for (const [model, entries] of byModel) {
      const located = await this.predictions.locate(model, entries.map((e) => e.id));
      const known = entries.filter((e) => {
        if (located.has(e.id)) return true;
        rejected.push({ index: e.index, id: e.id, message: `validations[${e.index}].id: no prediction "${e.id}" for model "${model}"` });
        return false;
      });
      await this.predictions.setValidations(known.map((e) => ({ key: located.get(e.id)?.key, actual: e.actual, validatedAt: e.validatedAt })));
      for (const e of known) touched.push({ model, predictedAt: located.get(e.id)?.predictedAt ?? e.validatedAt });
      accepted += known.length;
    }
    await this.rollups.markRows(touched);
    await this.rollups.processPending();
    rejected.sort((a, b) => a.index - b.index);
    return { accepted, rejected };
  }

  async setTrainingDistribution(model: string | null | undefined, counts: { label: string; count: number }[]): Promise<{ label: string; count: number }[]> {
    const name = this.modelOf('model', model);
    this.checkBatch('counts', counts.length);
    const seen = new Set<string>();
    counts.forEach((c, i) => {
      checkLabel(`counts[${i}].label`, c.label);
      if (!Number.isInteger(c.count) || c.count < 0) throw new InputError(`counts[${i}].count`, 'must be a whole number ≥ 0');
      if (seen.has(c.label)) throw new InputError(`counts[${i}].label`, `"${c.label}" appears twice`);
      seen.add(c.label);
    });
    await this.training.set(name, counts);
    return counts;
  }
}
