// Repeats an operation and summarises its durations (milliseconds).
export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True once the promise settled, false when `ms` passed first (the work itself goes on). */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `fn` `warmup` times unmeasured, then at least `minRuns` and at most `maxRuns` times, stopping
 * early (after minRuns) once `budgetMs` of measured time is spent.
 */
export async function timeRuns(
  fn: () => Promise<unknown>,
  {
    minRuns,
    maxRuns = minRuns,
    warmup = 2,
    budgetMs = Infinity,
  }: { minRuns: number; maxRuns?: number; warmup?: number; budgetMs?: number },
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  let spent = 0;
  while (times.length < maxRuns && (times.length < minRuns || spent < budgetMs)) {
    const { ms } = await timed(fn);
    times.push(ms);
    spent += ms;
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, p50: percentile(times, 50), p95: percentile(times, 95), min: times[0] };
}
