// Wires one database's stores, services and jobs, for every command (serve, worker, refresh,
// import): the jobs are built here on top of the services, so services never depend on jobs.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from 'mongodb';
import type { Config } from './config.js';
import { checkDrift } from './jobs/check-drift.js';
import { JOBS } from './jobs/index.js';
import { JobService } from './jobs/service.js';
import type { Logger } from './logger.js';
import type { DemoDeps } from './services/demo.js';
import { createServices, type ApiServices, type Services } from './services/index.js';
import { Telemetry } from './services/telemetry.js';
import { openStores, type Stores } from './store/index.js';
import { holdsPredictions } from './store/prediction-presence.js';

export interface Wired {
  stores: Stores;
  services: Services;
  jobs: JobService;
}

export async function wire(db: Db, config: Config, log: Logger, telemetry = new Telemetry()): Promise<Wired> {
  const stores = await openStores(db, { mapping: config.mapping, defaultModel: config.defaultModel }, log);
  // Names this process in job locks, rollup leases and upload claims.
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const services = createServices(stores, config, log, { telemetry, owner, jobNames: JOBS.map((j) => j.name) });
  const jobs = new JobService(
    {
      definitions: JOBS,
      context: services,
      runs: stores.jobRuns,
      leases: stores.leases,
      backend: stores.agendaBackend,
      log,
    },
    { ...config.jobs, owner },
  );
  watchTelemetry(telemetry, stores, services, jobs);
  return { stores, services, jobs };
}

/** The services as the API (GraphQL context, HTTP routes) reaches them. */
export const apiServices = ({ services, jobs }: Wired): ApiServices => ({ ...services, jobs });

/** What the demo seeding uses: stores and services as they are, check-drift through the job machinery. */
export const demoDeps = ({ stores, services, jobs }: Wired): DemoDeps => ({
  predictions: stores.predictions,
  holdsPredictions: () => holdsPredictions(stores.predictions),
  ingest: services.ingest,
  rollups: services.rollups,
  checkDrift: () => jobs.runNow(checkDrift.name),
});

function watchTelemetry(telemetry: Telemetry, stores: Stores, services: Services, jobs: JobService): void {
  telemetry.watch({
    rollupLagSeconds: async () => {
      const oldest = await stores.journal.oldestPendingAt();
      return oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0;
    },
    quarantinedEntries: () => stores.journal.quarantined(),
    jobs: async () =>
      (await jobs.list()).map((j) => ({
        name: j.name,
        failCount: j.failCount,
        lastRunAt: j.lastRunAt,
        running: j.status === 'RUNNING',
      })),
    deliveries: async () => {
      const byState = new Map<string, number>();
      for (const alert of await services.alerts.list(null, null, 500))
        for (const d of alert.deliveries) byState.set(d.state, (byState.get(d.state) ?? 0) + 1);
      return byState;
    },
  });
}
