// Page–Hinkley test for an increase in error rate over a stream of 0/1 errors
// (1 = wrong prediction) in prediction-time order. Written as a pure reducer over a
// JSON-serialisable state so a job can store the state and resume on the next batch.

export interface PageHinkleyParams {
  /** Tolerated increase over the running mean before evidence accumulates. */
  readonly delta: number;
  /** Alarm threshold on the accumulated evidence. */
  readonly lambda: number;
  /** Forgetting factor on the evidence (1 = none); below 1, old excursions fade away. */
  readonly alpha: number;
  /** No alarm until this many errors have been seen since the last reset. */
  readonly minInstances: number;
}

/** The defaults of scikit-multiflow and river, so thresholds carry over from those tools. */
export const PAGE_HINKLEY_DEFAULTS: PageHinkleyParams = {
  delta: 0.005,
  lambda: 50,
  alpha: 1 - 0.0001,
  minInstances: 30,
};

export interface PageHinkleyState {
  /** Errors seen since the last reset. */
  readonly count: number;
  /** Running mean error rate since the last reset. */
  readonly mean: number;
  /** Accumulated evidence of an increase, max(0, α·sum + x − mean − δ). */
  readonly sum: number;
}

export const PAGE_HINKLEY_INITIAL_STATE: PageHinkleyState = { count: 0, mean: 0, sum: 0 };

export interface PageHinkleyStep {
  readonly state: PageHinkleyState;
  readonly fired: boolean;
}

/**
 * One observation. Clamping the sum at 0 is the classic m_T − min m_t form of the test
 * (identical when α = 1). After an alarm the detector resets, so the new error rate
 * becomes the baseline and the same change does not fire again.
 */
export function pageHinkleyStep(
  state: PageHinkleyState,
  error: 0 | 1,
  params: PageHinkleyParams = PAGE_HINKLEY_DEFAULTS,
): PageHinkleyStep {
  if (error !== 0 && error !== 1) throw new RangeError(`Page–Hinkley expects 0 or 1, got ${String(error)}`);
  const count = state.count + 1;
  const mean = state.mean + (error - state.mean) / count;
  const sum = Math.max(0, params.alpha * state.sum + error - mean - params.delta);
  if (count >= params.minInstances && sum > params.lambda) {
    return { state: PAGE_HINKLEY_INITIAL_STATE, fired: true };
  }
  return { state: { count, mean, sum }, fired: false };
}

export interface PageHinkleyScan {
  /** Indices into the scanned errors where the detector fired. */
  readonly alarms: readonly number[];
  /** State after the last error, to store and pass back with the next batch. */
  readonly state: PageHinkleyState;
}

/** Runs the detector over a batch, starting from a stored state (fresh by default). */
export function pageHinkleyScan(
  errors: readonly (0 | 1)[],
  params: Partial<PageHinkleyParams> = {},
  from: PageHinkleyState = PAGE_HINKLEY_INITIAL_STATE,
): PageHinkleyScan {
  const resolved = { ...PAGE_HINKLEY_DEFAULTS, ...params };
  const alarms: number[] = [];
  let state = from;
  errors.forEach((error, index) => {
    const step = pageHinkleyStep(state, error, resolved);
    if (step.fired) alarms.push(index);
    state = step.state;
  });
  return { alarms, state };
}
