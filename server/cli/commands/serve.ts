import { parseConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { startRuntime } from '../../runtime.js';
import { seedDemoIfEmpty } from '../../services/demo.js';
import { demoDeps } from '../../wiring.js';
import { embeddedToken } from '../api-token.js';
import type { Command } from '../command.js';
import { openDatabase } from '../database.js';
import { Shutdown, shutdownBound } from '../shutdown.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--demo] [--no-jobs]',
  summary: 'serve the API and dashboard (and run the jobs unless --no-jobs)',
  async run(args) {
    const config = parseConfig(process.env, args);
    const log = createLogger(config.logLevel);
    // Before any slow start-up work, so a signal during it still closes what has started.
    const shutdown = new Shutdown(log, shutdownBound(config.shutdownGraceMs)).install();
    const database = await openDatabase(config, log);
    shutdown.add('database', () => database.stop());
    const lines: string[] = [];
    if (database.embedded) {
      lines.push(`database:  ${database.embedded}`);
      // The embedded default gets a token, so mutations work out of the box.
      if (!config.apiToken) {
        const { token, created, path } = embeddedToken(config.dataDir);
        config.apiToken = token;
        lines.push(created ? `API token (shown once, kept in ${path}): ${token}` : `API token: see ${path}`);
      }
    }
    const runtime = await startRuntime(config, log, { uri: database.uri });
    shutdown.add('server', () => runtime.close());
    if (config.demo) {
      // The dashboard already answers; say where, since seeding a first start takes a while.
      process.stdout.write(
        `clara-monitor: the dashboard answers at ${runtime.url}/ (demo data is being written if the database is empty)\n`,
      );
      await shutdown.unlessStopping(seedDemoIfEmpty(demoDeps(runtime), log, new Date()));
    }
    if (args.includes('--no-jobs')) lines.push('jobs: not run here (--no-jobs); run `clara-monitor worker` next to it');
    else await shutdown.unlessStopping(runtime.jobs.start());
    process.stdout.write(
      [
        `clara-monitor is running`,
        `  dashboard: ${runtime.url}/`,
        `  GraphQL:   ${runtime.url}/graphql`,
        ...lines.map((l) => `  ${l}`),
        '',
      ].join('\n'),
    );
    return new Promise<number>(() => undefined);
  },
};
