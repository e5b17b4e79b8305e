// Feeds the Page–Hinkley detector the validated predictions of the checked windows, in
// prediction-time order. Each run replays the whole re-checked horizon from the state stored at
// its first window, so validations that arrive late still reach the detector while their window
// is re-checked; once a window leaves the horizon its rows are final for the detector.
import type { Window } from '../buckets.js';
import { PAGE_HINKLEY_INITIAL_STATE, pageHinkleyStep, type PageHinkleyState } from '../drift/index.js';
import { ruleOutcome, type RuleOutcome } from './evaluate.js';
import type { DriftRuleSettings } from './rules.js';

/** A validated prediction reduced to what the detector needs. */
export interface ValidatedRow {
  /** predictedAt in ms. */
  at: number;
  /** Breaks ties between rows of the same instant, so every replay sees the same order. */
  id: string;
  error: 0 | 1;
}

/** The detector's state just before the window starting at `at`. */
export interface PageHinkleyCheckpoint {
  at: number;
  state: PageHinkleyState;
}

export interface PageHinkleyWindow {
  alarms: number;
  validated: number;
  errors: number;
  /** Detector state when the window started. */
  before: PageHinkleyState;
}

export interface PageHinkleyReplay {
  windows: PageHinkleyWindow[];
  /** One per window, to store: the next run starts from the one at its first window. */
  checkpoints: PageHinkleyCheckpoint[];
  /** False when no stored checkpoint matched the first window and the detector started afresh. */
  resumed: boolean;
}

const byTimeThenId = (a: ValidatedRow, b: ValidatedRow) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `rows[i]` are the validated rows of `windows[i]` (any order). Starts from the stored checkpoint
 * of the first window; without one (first run, or the job missed the whole horizon) from scratch.
 */
export function replayPageHinkley(
  windows: readonly Window[],
  rows: readonly (readonly ValidatedRow[])[],
  stored: readonly PageHinkleyCheckpoint[],
  settings: DriftRuleSettings,
): PageHinkleyReplay {
  const first = windows[0]?.start.getTime();
  const start = stored.find((c) => c.at === first);
  let state = start?.state ?? PAGE_HINKLEY_INITIAL_STATE;
  const checkpoints: PageHinkleyCheckpoint[] = [];
  const results = windows.map((window, i) => {
    checkpoints.push({ at: window.start.getTime(), state });
    const before = state;
    const sorted = [...(rows[i] ?? [])].sort(byTimeThenId);
    let alarms = 0;
    let errors = 0;
    for (const row of sorted) {
      const step = pageHinkleyStep(state, row.error, settings.pageHinkley);
      if (step.fired) alarms++;
      errors += row.error;
      state = step.state;
    }
    return { alarms, validated: sorted.length, errors, before };
  });
  return { windows: results, checkpoints, resumed: start !== undefined };
}

export function pageHinkleyOutcome(window: PageHinkleyWindow, settings: DriftRuleSettings): RuleOutcome {
  const { lambda, delta } = settings.pageHinkley;
  return ruleOutcome(
    'page-hinkley',
    {
      value: window.alarms,
      threshold: 1,
      pValue: null,
      alpha: null,
      reference: 'RUNNING_MEAN',
      samples: { current: window.validated, reference: window.before.count },
      fired: window.alarms >= 1,
      details: {
        errors: window.errors,
        errorRate: window.validated > 0 ? window.errors / window.validated : null,
        runningErrorRate: window.before.count > 0 ? window.before.mean : null,
        lambda,
        delta,
      },
    },
    settings,
  );
}
