// Drift: the `drift` query computed on the fly from rollups (cost grows with the number of
// windows, not rows), and the check-drift job that stores verdicts and drives alerts.
import { BucketLimitError, type Granularity, type Window } from '../core/buckets.js';
import { checkModel, type DriftCheckSettings } from '../core/drift-rules/check.js';
import { estimatedAccuracyOutcome } from '../core/drift-rules/estimated-accuracy.js';
import { evaluateWindow, withOutcome, type WindowEvaluation } from '../core/drift-rules/evaluate.js';
import type { ValidatedRow } from '../core/drift-rules/page-hinkley-replay.js';
import type { DriftReference } from '../core/drift-rules/rules.js';
import { closedWindows, rangeWindows, rollingBaselines, type RangeWindows } from '../core/drift-rules/windows.js';
import { InputError } from '../core/errors.js';
import { driftResultDoc, type DriftResultStore } from '../store/drift-results.js';
import type { PredictionStore } from '../store/predictions.js';
import type { TrainingStore } from '../store/training.js';
import { commitAlerts, type AlertOutbox, type AlertStates } from './alert-outbox.js';
import type { CalibrationService } from './calibration.js';
import type { ReportService, Subject } from './reports.js';

export interface DriftPointView extends WindowEvaluation {
  /** The check-drift job's Page–Hinkley verdict for exactly this window; null when it has none. */
  pageHinkley: boolean | null;
}

export interface CheckSummary {
  models: number;
  windows: number;
  firing: number;
  written: number;
  opened: number;
  resolved: number;
  sent: number;
  failed: number;
}

/** What the drift service reads and writes, each narrowed to what it uses. */
export interface DriftDeps {
  reports: Pick<ReportService, 'checkRange' | 'resolveZone' | 'resolveSubject' | 'knownModels' | 'tallies'>;
  predictions: Pick<PredictionStore, 'rowsBetween'>;
  training: Pick<TrainingStore, 'get'>;
  results: Pick<DriftResultStore, 'save' | 'verdicts'>;
  state: AlertStates;
  alerts: AlertOutbox;
  calibrations: Pick<CalibrationService, 'current'>;
}

export interface DriftOptions {
  settings: DriftCheckSettings;
  /** Closed windows each run evaluates again. */
  recheckWindows: number;
  maxPoints: number;
}

export class DriftService {
  constructor(
    private readonly deps: DriftDeps,
    private readonly options: DriftOptions,
  ) {}

  /** The settings the rules run with, for clients that draw thresholds. */
  describe(): DriftCheckSettings & { recheckWindows: number } {
    return { ...this.options.settings, recheckWindows: this.options.recheckWindows };
  }

  private windowsOf(range: Window, granularity: Granularity, timeZone: string): RangeWindows {
    try {
      return rangeWindows(range, granularity, timeZone, this.options.settings.baselineWindows, this.options.maxPoints);
    } catch (error) {
      if (error instanceof BucketLimitError) {
        throw new InputError(
          'granularity',
          `this range at ${granularity} gives ${error.count} points, more than the limit of ${this.options.maxPoints}; use a coarser granularity or a shorter range`,
        );
      }
      throw error;
    }
  }

  /**
   * One point per calendar bucket of the range (clipped to it, as `metrics`), each against the
   * reference. With a version: that version's windows and baselines, against the model's training
   * distribution and calibration; Page-Hinkley verdicts are the check-drift job's, kept per model only.
   */
  async series(
    range: Window,
    granularity: Granularity,
    subject: Subject,
    reference: DriftReference,
    zone: string | null | undefined,
  ): Promise<DriftPointView[]> {
    this.deps.reports.checkRange(range);
    const timeZone = this.deps.reports.resolveZone(zone);
    const { model: name, version } = await this.deps.reports.resolveSubject(subject);
    const { points, whole } = this.windowsOf(range, granularity, timeZone);
    const context = this.options.settings.baselineWindows;
    // The first point may be clipped; later points' baselines include its whole bucket.
    const clipped = points[0].start.getTime() !== whole[context].start.getTime();
    const tallies = await this.deps.reports.tallies(name, clipped ? [...whole, points[0]] : whole, version);
    const baselines = rollingBaselines(tallies.slice(0, whole.length), context);
    const training = reference === 'TRAINING' ? await this.deps.training.get(name) : null;
    const rules = this.options.settings.rules;
    const stored =
      rules.enabled.includes('page-hinkley') && version === null
        ? await this.deps.results.verdicts(name, granularity, 'page-hinkley', points)
        : new Map<number, boolean>();
    const calibration = rules.enabled.includes('estimated-accuracy-drop')
      ? ((await this.deps.calibrations.current(name, range.start))?.calibration ?? null)
      : null;
    return points.map((w, i) => {
      const current = clipped && i === 0 ? tallies[whole.length] : tallies[context + i];
      const evaluation = withOutcome(
        evaluateWindow(w, current, baselines[context + i], { kind: reference, training }, rules),
        estimatedAccuracyOutcome(current, calibration, rules),
        rules,
      );
      const pageHinkley = stored.get(w.start.getTime()) ?? null;
      return { ...evaluation, pageHinkley, drift: evaluation.drift || pageHinkley === true };
    });
  }

  /**
   * The check-drift job: for every model, evaluates the last closed windows again (late
   * validations change verdicts), stores the verdicts, moves alerts on, sends notifications.
   * Safe to repeat: results and alerts have ids computed from model, window and rule.
   */
  async check(signal: AbortSignal, now = new Date()): Promise<CheckSummary> {
    const s = this.options.settings;
    const windows = closedWindows(now, s.baselineWindows + this.options.recheckWindows, s.granularity, s.timeZone);
    const horizon = windows.slice(s.baselineWindows);
    const summary: CheckSummary = {
      models: 0,
      windows: 0,
      firing: 0,
      written: 0,
      opened: 0,
      resolved: 0,
      sent: 0,
      failed: 0,
    };
    for (const model of await this.deps.reports.knownModels()) {
      signal.throwIfAborted();
      const tallies = await this.deps.reports.tallies(model, windows);
      const stored = await this.deps.state.get(model);
      const result = checkModel({
        model,
        now,
        windows: windows.map((w, i) => ({ ...w, tally: tallies[i] })),
        validatedRows: s.rules.enabled.includes('page-hinkley') ? await this.validatedRows(model, horizon) : [],
        training: s.reference === 'TRAINING' ? await this.deps.training.get(model) : null,
        calibration: s.rules.enabled.includes('estimated-accuracy-drop')
          ? ((await this.deps.calibrations.current(model, horizon[0].start))?.calibration ?? null)
          : null,
        state: stored.state,
        settings: s,
      });
      const docs = result.evaluations.flatMap((e) =>
        e.outcomes.map((o) => driftResultDoc(model, s.granularity, s.timeZone, e, o, now)),
      );
      summary.written += await this.deps.results.save(docs);
      const delivered = await commitAlerts(
        this.deps.alerts,
        this.deps.state,
        model,
        stored,
        result.state,
        result.changes,
        signal,
        now,
      );
      summary.models++;
      summary.windows += result.evaluations.length;
      summary.firing += docs.filter((d) => d.verdict).length;
      summary.opened += result.changes.filter((c) => c.events.includes('opened')).length;
      summary.resolved += result.changes.filter((c) => c.events.includes('resolved')).length;
      summary.sent += delivered.sent;
      summary.failed += delivered.failed;
    }
    return summary;
  }

  /** Page–Hinkley needs each validated prediction in time order, which only raw rows have. */
  private async validatedRows(model: string, windows: readonly Window[]): Promise<ValidatedRow[][]> {
    const rows: ValidatedRow[][] = [];
    for (const w of windows) {
      const raw = await this.deps.predictions.rowsBetween(model, w.start, w.end);
      rows.push(
        raw.flatMap((r) =>
          r.actual === null ? [] : [{ at: r.predictedAt.getTime(), id: r.id, error: r.actual === r.predicted ? 0 : 1 }],
        ),
      );
    }
    return rows;
  }
}
