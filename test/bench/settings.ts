// Every knob of `npm run bench`, from the environment, with defaults sized for the targets.
// Each phase has a time budget: past it the bench stops the phase and prints MISS with what it reached.

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}: expected a non-negative number, got "${raw}"`);
  return value;
}

const seconds = (name: string, fallback: number) => numberFrom(name, fallback) * 1000;

const PHASES = ['sizes', 'lag', 'demo', 'import'] as const;
export type Phase = (typeof PHASES)[number];

function phases(): Set<Phase> {
  const raw = process.env.BENCH_PHASES?.trim();
  if (!raw) return new Set(PHASES);
  const named = raw.split(',').map((p) => p.trim());
  const unknown = named.find((p) => !PHASES.some((known) => known === p));
  if (unknown !== undefined) throw new Error(`BENCH_PHASES: unknown phase "${unknown}"; phases: ${PHASES.join(', ')}`);
  return new Set(PHASES.filter((p) => named.includes(p)));
}

export const SETTINGS = {
  /** Stored predictions at which every per-size figure is taken; each size gets a fresh database. */
  sizes: (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number),
  phases: phases(),
  /** The stored rows are spread over this many days, ending at today's UTC midnight. */
  spanDays: numberFrom('BENCH_DAYS', 365),
  dbPrefix: process.env.BENCH_DB ?? 'clara_bench',
  /** Documents written to measure the store's own insertMany rate (one client, batches of `batch`). */
  ceilingDocs: numberFrom('BENCH_CEILING_DOCS', 50_000),
  /** Predictions (or validations) per request. */
  batch: numberFrom('BENCH_BATCH', 1000),
  /** recordPredictions requests sent one at a time, each spread over `requestSpanDays`. */
  requests: numberFrom('BENCH_REQUESTS', 50),
  requestSpanDays: numberFrom('BENCH_REQUEST_DAYS', 30),
  clients: numberFrom('BENCH_CLIENTS', 4),
  /** recordPredictions requests per concurrent client. */
  concurrentRequests: numberFrom('BENCH_CONCURRENT_REQUESTS', 8),
  validationRequests: numberFrom('BENCH_VALIDATION_REQUESTS', 30),
  /** The steady stream of the lag figure: predictions per second, for this long. */
  streamRate: numberFrom('BENCH_STREAM_RATE', 1000),
  streamMs: seconds('BENCH_STREAM_S', 120),
  /** How often the lag poller asks `metrics` for its asOf. */
  pollMs: numberFrom('BENCH_POLL_MS', 500),
  importLines: numberFrom('BENCH_IMPORT_LINES', 1_000_000),
  budget: {
    /** One HTTP request; past it the request counts as failed. */
    requestMs: seconds('BENCH_REQUEST_TIMEOUT_S', 30),
    sequentialMs: seconds('BENCH_SEQUENTIAL_BUDGET_S', 90),
    concurrentMs: seconds('BENCH_CONCURRENT_BUDGET_S', 60),
    validationsMs: seconds('BENCH_VALIDATIONS_BUDGET_S', 60),
    refreshMs: seconds('BENCH_REFRESH_BUDGET_S', 200),
    settleMs: seconds('BENCH_SETTLE_BUDGET_S', 45),
    /** Before the stream starts, how long the rollups may take to drain what earlier phases wrote. */
    backlogMs: seconds('BENCH_BACKLOG_BUDGET_S', 600),
    /** After the stream stops, how long acknowledged batches may take to show in asOf. */
    drainMs: seconds('BENCH_DRAIN_BUDGET_S', 100),
    naiveMs: seconds('BENCH_NAIVE_BUDGET_S', 60),
    demoMs: seconds('BENCH_DEMO_BUDGET_S', 150),
    importMs: seconds('BENCH_IMPORT_BUDGET_S', 240),
  },
};

export const DAY = 86_400_000;

/** The stored rows end here, so both query ranges fall on whole rollup blocks. */
export const DATA_END = new Date(Math.floor(Date.now() / DAY) * DAY);

/** Progress on stderr; the figures go to stdout at the end. */
export const say = (line: string): void =>
  void process.stderr.write(`${new Date().toISOString().slice(11, 19)}  ${line}\n`);
