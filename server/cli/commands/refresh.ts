import { parseConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { connect } from '../../store/connection.js';
import { wire } from '../../wiring.js';
import type { Command } from '../command.js';
import { openDatabase } from '../database.js';

export const refreshCommand: Command = {
  name: 'refresh',
  usage: 'refresh [--full]',
  summary: 'bring rollups up to date with rows written directly (--full: recompute all)',
  async run(args) {
    const config = parseConfig(process.env, args);
    const log = createLogger(config.logLevel);
    const database = await openDatabase(config, log);
    const client = await connect(database.uri, log, 3);
    try {
      const { services } = await wire(client.db(config.dbName), config, log);
      const summary = await services.rollups.refresh(args.includes('--full'));
      process.stdout.write(
        `refreshed: ${summary.rowsScanned} rows scanned, ${summary.blocksRecomputed} rollup blocks recomputed, as of ${summary.asOf.toISOString()}\n`,
      );
      return 0;
    } finally {
      await client.close();
      await database.stop();
    }
  },
};
