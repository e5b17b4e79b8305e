// Stores predictions, validations and training counts; every call is safe to retry.
import { InputError } from '../core/errors.js';
import {
  checkConfidence,
  checkId,
  checkInstant,
  checkLabel,
  checkModel,
  checkVersion,
  type PredictionRow,
} from '../core/prediction.js';
import { checkScores, type ClassScore } from '../core/scores.js';
import type { IngestJournal, JournalValidation } from '../store/ingest-journal.js';
import type { PredictionStore } from '../store/predictions.js';
import type { TrainingStore } from '../store/training.js';
import type { LabelLimit } from './label-limit.js';
import type { Telemetry } from './telemetry.js';
import { quarterTallies, type RollupService } from './rollups.js';

export interface PredictionItem {
  id: string;
  model?: string | null;
  predictedAt: Date;
  predicted: string;
  confidence?: number | null;
  scores?: ClassScore[] | null;
  actual?: string | null;
  /** When `actual` was given (an import's own column); the batch's arrival time otherwise. */
  validatedAt?: Date | null;
  version?: string | null;
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

/** What the ingest writes to and consults, narrowed to what it uses. */
export interface IngestDeps {
  predictions: Pick<PredictionStore, 'insertNew'>;
  journal: Pick<IngestJournal, 'newStamp' | 'append'>;
  training: Pick<TrainingStore, 'set'>;
  rollups: Pick<RollupService, 'kick'>;
  labels: Pick<LabelLimit, 'prepare' | 'admit'>;
  telemetry: Pick<Telemetry, 'ingest'>;
}

export interface IngestSettings {
  /** The model of items that name none. */
  defaultModel: string;
  /** Most items in one batch (CLARA_MAX_BATCH). */
  maxBatch: number;
}

export class IngestService {
  constructor(
    private readonly deps: IngestDeps,
    private readonly settings: IngestSettings,
  ) {}

  private checkBatch(field: string, size: number): void {
    if (size > this.settings.maxBatch)
      throw new InputError(field, `at most ${this.settings.maxBatch} items per batch, got ${size}; split the batch`);
  }

  private modelOf(field: string, model: string | null | undefined): string {
    return model === null || model === undefined ? this.settings.defaultModel : checkModel(field, model);
  }

  /**
   * Validates every item; the valid ones are stored, the others come back with their index and
   * reason. Costs one insert of the rows and one journal entry, whatever is stored already: an id
   * that exists (a re-send) is applied by the rollups drainer, in the order it was acknowledged.
   */
  async recordPredictions(items: PredictionItem[], now = new Date()): Promise<IngestOutcome> {
    this.checkBatch('predictions', items.length);
    const rows: PredictionRow[] = [];
    const rejected: Rejection[] = [];
    await this.deps.labels.prepare(items.map((item) => item.model ?? this.settings.defaultModel));
    items.forEach((item, index) => {
      const at = `predictions[${index}]`;
      try {
        const actual =
          item.actual === null || item.actual === undefined ? null : checkLabel(`${at}.actual`, item.actual);
        const predicted = checkLabel(`${at}.predicted`, item.predicted);
        const scores = checkScores(`${at}.scores`, item.scores, predicted);
        const row: PredictionRow = {
          id: checkId(`${at}.id`, item.id),
          model: this.modelOf(`${at}.model`, item.model),
          predictedAt: checkInstant(`${at}.predictedAt`, item.predictedAt, now),
          predicted,
          // Scores without a confidence: the predicted label's score is the confidence.
          confidence:
            checkConfidence(`${at}.confidence`, item.confidence) ??
            scores?.find((s) => s.label === predicted)?.score ??
            null,
          scores,
          actual,
          validatedAt:
            actual === null ? null : item.validatedAt ? checkInstant(`${at}.validatedAt`, item.validatedAt, now) : now,
          version: checkVersion(`${at}.version`, item.version),
        };
        this.deps.labels.admit(row.model, [
          { field: `${at}.predicted`, label: row.predicted },
          { field: `${at}.actual`, label: actual },
          ...(scores ?? []).map((s, i) => ({ field: `${at}.scores[${i}].label`, label: s.label })),
        ]);
        rows.push(row);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        rejected.push({ index, id: item.id || null, message: error.message });
      }
    });
    await this.storeRows(rows, now);
    this.deps.telemetry.ingest('prediction', rows.length, rejected.length);
    return { accepted: rows.length, rejected };
  }

  /**
   * Inserts the rows that are new and journals the batch: what the new rows add to each quarter, and
   * the re-sent ones for the drainer to apply. Also how the demo data is written.
   */
  async storeRows(rows: PredictionRow[], now = new Date()): Promise<void> {
    const stamp = this.deps.journal.newStamp();
    const existing = new Set(await this.deps.predictions.insertNew(rows, stamp));
    const inserted = rows.filter((_, position) => !existing.has(position));
    // Written after the rows: an entry always finds its rows. A crash in between leaves rows the
    // rollups miss only until the client, which got no answer, sends the batch again.
    await this.deps.journal.append(
      {
        stamp,
        deltas: quarterTallies(inserted),
        inserted: inserted.map((r) => ({ model: r.model, id: r.id })),
        resent: rows.filter((_, position) => existing.has(position)),
      },
      now,
    );
    this.deps.rollups.kick();
  }

  /**
   * One journal entry; the drainer applies it. A validation of an already validated prediction
   * replaces its label (a correction); one whose prediction has not arrived yet waits for it.
   */
  async recordValidations(items: ValidationItem[], now = new Date()): Promise<IngestOutcome> {
    this.checkBatch('validations', items.length);
    const rejected: Rejection[] = [];
    const validations: JournalValidation[] = [];
    await this.deps.labels.prepare(items.map((item) => item.model ?? this.settings.defaultModel));
    items.forEach((item, index) => {
      const at = `validations[${index}]`;
      try {
        const validation = {
          model: this.modelOf(`${at}.model`, item.model),
          id: checkId(`${at}.id`, item.id),
          actual: checkLabel(`${at}.actual`, item.actual),
          validatedAt: item.validatedAt ? checkInstant(`${at}.validatedAt`, item.validatedAt, now) : now,
        };
        this.deps.labels.admit(validation.model, [{ field: `${at}.actual`, label: validation.actual }]);
        validations.push(validation);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        rejected.push({ index, id: item.id || null, message: error.message });
      }
    });
    await this.deps.journal.append({ validations }, now);
    this.deps.rollups.kick();
    this.deps.telemetry.ingest('validation', validations.length, rejected.length);
    return { accepted: validations.length, rejected };
  }

  async setTrainingDistribution(
    model: string | null | undefined,
    counts: { label: string; count: number }[],
  ): Promise<{ label: string; count: number }[]> {
    const name = this.modelOf('model', model);
    this.checkBatch('counts', counts.length);
    const seen = new Set<string>();
    counts.forEach((c, i) => {
      checkLabel(`counts[${i}].label`, c.label);
      if (!Number.isInteger(c.count) || c.count < 0)
        throw new InputError(`counts[${i}].count`, 'must be a whole number ≥ 0');
      if (seen.has(c.label)) throw new InputError(`counts[${i}].label`, `"${c.label}" appears twice`);
      seen.add(c.label);
    });
    await this.deps.training.set(name, counts);
    return counts;
  }
}
