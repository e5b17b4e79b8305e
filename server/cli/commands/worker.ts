import { ConfigError, parseConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { createServices } from '../../services/index.js';
import { connect } from '../../store/connection.js';
import type { Command } from '../command.js';

export const workerCommand: Command = {
  name: 'worker',
  usage: 'worker',
  summary: 'run the scheduled jobs without serving HTTP (next to serve --no-jobs)',
  async run(args) {
    const config = parseConfig(process.env, args);
    // The embedded database belongs to one process; a worker shares the server's database.
    if (!config.mongoUri) throw new ConfigError('MONGODB_URI', 'the worker needs the database the server uses; set MONGODB_URI');
    const log = createLogger(config.logLevel);
    const client = await connect(config.mongoUri, log);
    try {
      const services = await createServices(client.db(config.dbName), config, log);
      await services.jobs.start();
      services.rollups.start(config.rollups.drainEveryMs);
      const jobs = await services.jobs.list();
      process.stdout.write(`clara-monitor worker is running jobs: ${jobs.map((j) => `${j.name} (every ${j.interval})`).join(', ')}\n`);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      log.info({ signal }, 'shutting down');
      await services.jobs.close();
      await services.rollups.stop();
      return 0;
    } finally {
      await client.close();
    }
  },
};
