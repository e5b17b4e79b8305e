import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../config.js';
import { InputError } from '../../core/errors.js';
import { ImportFormatError } from '../../core/import/reader.js';
import { formatSummary } from '../../core/import/summary.js';
import { checkModel } from '../../core/prediction.js';
import { createLogger } from '../../logger.js';
import { importText } from '../../services/importer.js';
import type { RollupService } from '../../services/rollups.js';
import { connect } from '../../store/connection.js';
import { wire } from '../../wiring.js';
import type { Command } from '../command.js';
import { openDatabase } from '../database.js';
import { progressReporter } from '../progress.js';

const USAGE = 'import FILE [--training] [--model NAME] [--batch N]';
const DEFAULT_BATCH = 1000;

class UsageError extends Error {}

function options(
  args: string[],
  maxBatch: number,
): { file: string; training: boolean; model: string | null; batch: number; size: number } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { training: { type: 'boolean' }, model: { type: 'string' }, batch: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? 'name the file to import' : `one file at a time, got ${positionals.length}`,
    );
  const raw = values.batch ?? String(Math.min(DEFAULT_BATCH, maxBatch));
  const batch = Number(raw);
  if (!/^\d+$/.test(raw) || batch < 1 || batch > maxBatch)
    throw new UsageError(`--batch must be a whole number from 1 to ${maxBatch}, got "${raw}"`);
  try {
    const model = values.model === undefined ? null : checkModel('--model', values.model);
    const stat = statSync(positionals[0], { throwIfNoEntry: false });
    if (!stat?.isFile()) throw new UsageError(`${positionals[0]}: no such file`);
    return { file: positionals[0], training: values.training ?? false, model, batch, size: stat.size };
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message);
    throw error;
  }
}

/** The file's text, chunk by chunk; `read` counts the bytes for the progress bar. */
async function* utf8Chunks(file: string, read: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw new ImportFormatError(`not UTF-8 text (invalid bytes after byte ${offset})`);
    }
    offset += bytes.length;
    read(offset);
    yield text;
  }
  yield decoder.decode();
}

export const importCommand: Command = {
  name: 'import',
  usage: USAGE,
  summary: 'import predictions and validations (CSV or JSON Lines), or class counts with --training',
  async run(args) {
    const config = parseConfig(process.env, args);
    let opts;
    try {
      opts = options(args, config.limits.batchSize);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\nusage: clara-monitor ${USAGE}\n`);
      return 2;
    }
    // The summary is this command's output: the log only speaks up for warnings unless asked.
    const log = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn');
    const database = await openDatabase(config, log);
    const client = await connect(database.uri, log, 3);
    const progress = progressReporter(process.stderr, opts.size);
    let bytes = 0;
    let rollups: RollupService | null = null;
    try {
      const { services } = await wire(client.db(config.dbName), config, log);
      rollups = services.rollups;
      const summary = await importText(
        utf8Chunks(opts.file, (n) => (bytes = n)),
        services.ingest,
        {
          training: opts.training,
          model: opts.model ?? config.defaultModel,
          batchSize: opts.batch,
          onProgress: (lines) => progress.update(bytes, lines),
        },
      );
      // The rollups (a server's drainer, or this process's) take the rows in; say when they have.
      await services.rollups.settle();
      progress.done();
      process.stdout.write(formatSummary(opts.file, summary));
      return summary.rejected.count > 0 ? 1 : 0;
    } catch (error) {
      progress.done();
      if (!(error instanceof ImportFormatError)) throw error;
      process.stderr.write(`${opts.file}: ${error.message}\n`);
      return 2;
    } finally {
      // The last batch's drain timer must not fire on a closed connection.
      await rollups?.stop();
      await client.close();
      await database.stop();
    }
  },
};
