// Seeded synthetic prediction streams, one tally per day, and a day-by-day replay of the
// check-drift job's pure core (checkModel) over them, as the job would run after each day closes.
import type { AlertChange } from '../../server/core/alerts/lifecycle.js';
import type { Calibration } from '../../server/core/calibration.js';
import {
  checkModel,
  EMPTY_MODEL_STATE,
  type DriftCheckSettings,
  type ModelDriftState,
} from '../../server/core/drift-rules/check.js';
import type { WindowEvaluation } from '../../server/core/drift-rules/evaluate.js';
import type { ValidatedRow } from '../../server/core/drift-rules/page-hinkley-replay.js';
import { DRIFT_RULE_DEFAULTS, type DriftRule } from '../../server/core/drift-rules/rules.js';
import { Random } from '../../server/core/demo/random.js';
import type { PredictionRow } from '../../server/core/prediction.js';
import { emptyTally, tallyRows, type Tally } from '../../server/core/tally.js';

export interface StreamClass {
  label: string;
  share: number;
  recall: number;
}

/** The demo's document classes: overall accuracy about 0.92. */
export const CLASSES: readonly StreamClass[] = [
  { label: 'invoice', share: 0.34, recall: 0.94 },
  { label: 'receipt', share: 0.23, recall: 0.91 },
  { label: 'contract', share: 0.16, recall: 0.89 },
  { label: 'id_document', share: 0.11, recall: 0.97 },
  { label: 'bank_statement', share: 0.1, recall: 0.9 },
  { label: 'letter', share: 0.06, recall: 0.8 },
];

export const TRAINING = CLASSES.map((c) => ({ label: c.label, count: Math.round(c.share * 60_000) }));

export interface DayPlan {
  predictions: number;
  /** Share of predictions with ground truth. */
  validated: number;
  classes: readonly StreamClass[];
}

export interface Day {
  start: Date;
  end: Date;
  rows: PredictionRow[];
}

const DAY_MS = 86_400_000;
export const ORIGIN = Date.UTC(2025, 0, 1);

const clamp = (x: number) => Math.min(0.999, Math.max(0.05, x));

/** Wrong predictions go to another class uniformly; confidence is high when right, middling when wrong. */
export function streamDays(seed: number, days: number, planOf: (day: number) => DayPlan): Day[] {
  const random = new Random(seed);
  return Array.from({ length: days }, (_, d) => {
    const plan = planOf(d);
    const start = ORIGIN + d * DAY_MS;
    const rows: PredictionRow[] = [];
    for (let i = 0; i < plan.predictions; i++) {
      const truth = plan.classes[random.weighted(plan.classes.map((c) => c.share))];
      const right = random.chance(truth.recall);
      const others = plan.classes.filter((c) => c.label !== truth.label);
      const predicted = right ? truth.label : others[Math.floor(random.next() * others.length)].label;
      const confidence = clamp(right ? 0.87 + 0.07 * random.normal() : 0.6 + 0.12 * random.normal());
      const validated = random.chance(plan.validated);
      rows.push({
        model: 'sim',
        id: `${d}-${i}`,
        predictedAt: new Date(start + Math.floor(random.next() * DAY_MS)),
        predicted,
        confidence,
        actual: validated ? truth.label : null,
        validatedAt: validated ? new Date(start + DAY_MS) : null,
      });
    }
    return { start: new Date(start), end: new Date(start + DAY_MS), rows };
  });
}

export const validatedRows = (rows: readonly PredictionRow[]): ValidatedRow[] =>
  rows.flatMap((r) =>
    r.actual === null
      ? []
      : [{ at: r.predictedAt.getTime(), id: r.id, error: r.actual === r.predicted ? 0 : 1 } as ValidatedRow],
  );

export const SETTINGS: DriftCheckSettings = {
  granularity: 'DAY',
  timeZone: 'UTC',
  reference: 'TRAINING',
  baselineWindows: 4,
  resolveAfter: 3,
  rules: DRIFT_RULE_DEFAULTS,
};
export const RECHECK = 7;

export interface Opened {
  rule: DriftRule;
  /** Day index of the window that opened it. */
  window: number;
  /** Day index after which the opening run happened. */
  run: number;
}

export interface Replay {
  opened: Opened[];
  /** Evaluations of each run (the re-checked windows), by the day after which it ran. */
  runs: WindowEvaluation[][];
  changes: AlertChange[][];
}

const dayIndex = (d: Date) => Math.round((d.getTime() - ORIGIN) / DAY_MS);

export interface ReplayOptions {
  settings?: DriftCheckSettings;
  /** What a run after day `run` knows of day `index` (default: everything, i.e. no late data). */
  view?: (day: Day, index: number, run: number) => Day;
  /** The calibration estimated-accuracy-drop uses (default: none, so that rule never fires). */
  calibration?: Calibration | null;
}

/** Runs the check once after each day closes; days before 0 are empty. */
export function replayDailyChecks(days: readonly Day[], options: ReplayOptions = {}): Replay {
  const settings = options.settings ?? SETTINGS;
  const final = new Map<number, Tally>(days.map((d, i) => [i, tallyRows(d.rows)]));
  const count = settings.baselineWindows + RECHECK;
  let state: ModelDriftState = EMPTY_MODEL_STATE;
  const replay: Replay = { opened: [], runs: [], changes: [] };
  for (let run = 0; run < days.length; run++) {
    const indexes = Array.from({ length: count }, (_, k) => run - count + 1 + k);
    const known = (i: number): Day | null => {
      const day = days[i];
      return day === undefined ? null : options.view ? options.view(day, i, run) : day;
    };
    const tallyOf = (i: number): Tally => {
      const day = known(i);
      if (!day) return emptyTally();
      return day === days[i] ? (final.get(i) ?? emptyTally()) : tallyRows(day.rows);
    };
    const windows = indexes.map((i) => ({
      start: new Date(ORIGIN + i * DAY_MS),
      end: new Date(ORIGIN + (i + 1) * DAY_MS),
      tally: tallyOf(i),
    }));
    const result = checkModel({
      model: 'sim',
      now: new Date(ORIGIN + (run + 1) * DAY_MS),
      windows,
      validatedRows: indexes.slice(settings.baselineWindows).map((i) => validatedRows(known(i)?.rows ?? [])),
      training: TRAINING,
      calibration: options.calibration ?? null,
      state,
      settings,
    });
    state = result.state;
    replay.runs.push(result.evaluations);
    replay.changes.push(result.changes);
    for (const c of result.changes) {
      if (c.events.includes('opened'))
        replay.opened.push({ rule: c.alert.rule, window: dayIndex(c.alert.firstWindow.start), run });
    }
  }
  return replay;
}
