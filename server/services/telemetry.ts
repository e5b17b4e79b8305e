// Prometheus figures: counters the request and ingest paths bump, and gauges read from the stores
// when /metrics is scraped (rollup lag, jobs, webhook deliveries), so no figure can drift from
// what the database says. One registry per runtime, so two services in one process stay apart.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type IngestKind = 'prediction' | 'validation';

export interface TelemetrySources {
  /** Seconds since the oldest write the rollups do not hold yet (0 when they hold everything). */
  rollupLagSeconds(): Promise<number>;
  quarantinedEntries(): Promise<number>;
  jobs(): Promise<{ name: string; failCount: number; lastRunAt: Date | null; running: boolean }[]>;
  /** Webhook deliveries of recent alerts by state. */
  deliveries(): Promise<Map<string, number>>;
}

export class Telemetry {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'clara_graphql_requests_total',
    help: 'GraphQL operations by root field and outcome.',
    labelNames: ['operation', 'outcome'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'clara_graphql_request_duration_seconds',
    help: 'GraphQL operation latency by root field.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly ingested = new Counter({
    name: 'clara_ingest_items_total',
    help: 'Predictions and validations received, accepted or rejected.',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });

  request(operation: string, outcome: 'ok' | 'error', seconds: number): void {
    this.requests.inc({ operation, outcome });
    this.latency.observe({ operation }, seconds);
  }

  ingest(kind: IngestKind, accepted: number, rejected: number): void {
    this.ingested.inc({ kind, outcome: 'accepted' }, accepted);
    this.ingested.inc({ kind, outcome: 'rejected' }, rejected);
  }

  /** Gauges computed at scrape time from the stores. */
  watch(sources: TelemetrySources): void {
    const registers = [this.registry];
    new Gauge({
      name: 'clara_rollup_lag_seconds',
      help: 'Age of the oldest write not yet in the rollups.',
      registers,
      collect: async function () {
        this.set(await sources.rollupLagSeconds());
      },
    });
    new Gauge({
      name: 'clara_rollup_quarantined_entries',
      help: 'Journal entries set aside after failing alone (see refresh --full).',
      registers,
      collect: async function () {
        this.set(await sources.quarantinedEntries());
      },
    });
    // One read of the jobs per scrape: the first gauge's collect sets the other two.
    const age = new Gauge({
      name: 'clara_job_last_run_age_seconds',
      help: 'Seconds since each job last started.',
      labelNames: ['job'],
      registers: [],
    });
    const running = new Gauge({
      name: 'clara_job_running',
      help: '1 while a run of the job holds its lease.',
      labelNames: ['job'],
      registers: [],
    });
    new Gauge({
      name: 'clara_job_consecutive_failures',
      help: 'Failed runs in a row of each job (0 after a success).',
      labelNames: ['job'],
      registers,
      collect: async function () {
        for (const job of await sources.jobs()) {
          this.set({ job: job.name }, job.failCount);
          running.set({ job: job.name }, job.running ? 1 : 0);
          if (job.lastRunAt) age.set({ job: job.name }, (Date.now() - job.lastRunAt.getTime()) / 1000);
        }
      },
    });
    this.registry.registerMetric(age);
    this.registry.registerMetric(running);
    new Gauge({
      name: 'clara_webhook_deliveries',
      help: 'Webhook deliveries of recent alerts by state.',
      labelNames: ['state'],
      registers,
      collect: async function () {
        this.reset();
        for (const [state, count] of await sources.deliveries()) this.set({ state }, count);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
