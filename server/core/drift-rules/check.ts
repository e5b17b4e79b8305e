// One model's drift check, as the check-drift job runs it, on plain data: evaluate the re-checked
// windows against the reference and baseline, feed Page–Hinkley, move the alerts on.
import type { Granularity, Window } from '../buckets.js';
import type { CategoryCounts } from '../drift/index.js';
import { advanceAlerts, type AlertChange, type RuleSlot } from '../alerts/lifecycle.js';
import type { Calibration } from '../calibration.js';
import type { Tally } from '../tally.js';
import { estimatedAccuracyOutcome } from './estimated-accuracy.js';
import { evaluateWindow, withOutcome, type WindowEvaluation } from './evaluate.js';
import {
  pageHinkleyOutcome,
  replayPageHinkley,
  type PageHinkleyCheckpoint,
  type ValidatedRow,
} from './page-hinkley-replay.js';
import type { DriftReference, DriftRuleSettings } from './rules.js';
import { rollingBaselines } from './windows.js';

/** What the job keeps per model between runs (JSON-friendly apart from Dates). */
export interface ModelDriftState {
  pageHinkley: PageHinkleyCheckpoint[];
  slots: RuleSlot[];
}

export const EMPTY_MODEL_STATE: ModelDriftState = { pageHinkley: [], slots: [] };

export interface DriftCheckSettings {
  granularity: Granularity;
  timeZone: string;
  reference: DriftReference;
  /** Windows merged into each window's baseline. */
  baselineWindows: number;
  /** Quiet windows in a row that resolve an alert. */
  resolveAfter: number;
  rules: DriftRuleSettings;
}

export interface ModelCheckInput {
  model: string;
  now: Date;
  /** `baselineWindows` windows of context, then the re-checked windows; each with its tally. */
  windows: readonly (Window & { tally: Tally })[];
  /** Validated rows of each re-checked window (needed only when page-hinkley is enabled). */
  validatedRows: readonly (readonly ValidatedRow[])[];
  training: CategoryCounts | null;
  /** The model's calibration (needed only by estimated-accuracy-drop); absent or null: none yet. */
  calibration?: Calibration | null;
  state: ModelDriftState;
  settings: DriftCheckSettings;
}

export interface ModelCheckResult {
  /** One per re-checked window, oldest first. */
  evaluations: WindowEvaluation[];
  state: ModelDriftState;
  changes: AlertChange[];
}

export function checkModel(input: ModelCheckInput): ModelCheckResult {
  const { settings } = input;
  const context = settings.baselineWindows;
  const baselines = rollingBaselines(
    input.windows.map((w) => w.tally),
    context,
  );
  const horizon = input.windows.slice(context);
  let evaluations = horizon.map((w, i) =>
    evaluateWindow(
      w,
      w.tally,
      baselines[context + i],
      { kind: settings.reference, training: input.training },
      settings.rules,
    ),
  );
  const calibration = input.calibration ?? null;
  evaluations = evaluations.map((e, i) =>
    withOutcome(e, estimatedAccuracyOutcome(horizon[i].tally, calibration, settings.rules), settings.rules),
  );
  let pageHinkley = input.state.pageHinkley;
  if (settings.rules.enabled.includes('page-hinkley')) {
    const replay = replayPageHinkley(horizon, input.validatedRows, input.state.pageHinkley, settings.rules);
    evaluations = evaluations.map((e, i) =>
      withOutcome(e, pageHinkleyOutcome(replay.windows[i], settings.rules), settings.rules),
    );
    pageHinkley = replay.checkpoints;
  }
  const alerts = advanceAlerts(input.state.slots, evaluations, {
    model: input.model,
    granularity: settings.granularity,
    timeZone: settings.timeZone,
    baselineWindows: settings.baselineWindows,
    resolveAfter: settings.resolveAfter,
    now: input.now,
  });
  return { evaluations, state: { pageHinkley, slots: alerts.slots }, changes: alerts.changes };
}
