import { ConfigError, parseConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { connect } from '../../store/connection.js';
import { wire } from '../../wiring.js';
import type { Command } from '../command.js';
import { Shutdown, shutdownBound } from '../shutdown.js';

export const workerCommand: Command = {
  name: 'worker',
  usage: 'worker',
  summary: 'run the scheduled jobs without serving HTTP (next to serve --no-jobs)',
  async run(args) {
    const config = parseConfig(process.env, args);
    // The embedded database belongs to one process; a worker shares the server's database.
    if (!config.mongoUri)
      throw new ConfigError('MONGODB_URI', 'the worker needs the database the server uses; set MONGODB_URI');
    const log = createLogger(config.logLevel);
    // Before connecting (which retries for as long as the database is away), as serve does.
    const shutdown = new Shutdown(log, shutdownBound(config.shutdownGraceMs)).install();
    const client = await connect(config.mongoUri, log);
    shutdown.add('database connection', () => client.close());
    const { services, jobs } = await shutdown.unlessStopping(wire(client.db(config.dbName), config, log));
    // Runs in flight finish (or are asked to stop) before the connection closes.
    shutdown.add('jobs', async () => {
      await jobs.close();
      await services.rollups.stop();
    });
    await shutdown.unlessStopping(jobs.start());
    services.rollups.start(config.rollups.drainEveryMs);
    const listed = await shutdown.unlessStopping(jobs.list());
    process.stdout.write(
      `clara-monitor worker is running jobs: ${listed.map((j) => `${j.name} (every ${j.interval})`).join(', ')}\n`,
    );
    return new Promise<number>(() => undefined);
  },
};
