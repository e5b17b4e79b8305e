// `clara-monitor import` of a generated CSV (one prediction a line, ~85% with their validation, over
// the bench's span) into an empty database: the CLI process's wall time.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { MongoClient } from 'mongodb';
import { demoDataset } from '../../server/core/demo/generator.js';
import type { PredictionRow } from '../../server/core/prediction.js';
import { int, secs, sizeName, type Figures } from './report.js';
import { ofCeiling, type Ceiling } from './ceiling.js';
import { CLI } from './server-process.js';
import { DATA_END, SETTINGS, say } from './settings.js';

const TARGET_MS = 180_000;

export const importFigure = (lines: number): string =>
  `clara-monitor import of a ${sizeName(lines)}-line CSV (wall time)`;
const HEADER = 'id,model,predictedAt,predicted,confidence,actual,validatedAt\n';

const csvLine = (r: PredictionRow): string =>
  `${r.id},${r.model},${r.predictedAt.toISOString()},${r.predicted},${r.confidence ?? ''},${r.actual ?? ''},${r.validatedAt?.toISOString() ?? ''}\n`;

/** Exactly `lines` predictions, drawn a little denser than needed so the span ends near DATA_END. */
async function writeCsv(file: string, lines: number): Promise<void> {
  const demo = demoDataset({
    now: DATA_END,
    days: SETTINGS.spanDays,
    perDay: (lines / SETTINGS.spanDays) * 1.02,
    seed: 4242,
    idPrefix: 'import',
  });
  const out = createWriteStream(file);
  out.write(HEADER);
  let written = 0;
  let chunk = '';
  for (const row of demo.rows()) {
    if (written === lines) break;
    chunk += csvLine(row);
    written++;
    if (chunk.length < 1 << 20) continue;
    const flushed = out.write(chunk);
    chunk = '';
    if (!flushed) await once(out, 'drain');
  }
  out.end(chunk);
  await once(out, 'finish');
}

interface CliRun {
  code: number | null;
  ms: number;
  killed: boolean;
  stdout: string;
  stderr: string;
}

function runImport(file: string, env: NodeJS.ProcessEnv, budgetMs: number): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'import', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const run: CliRun = { code: null, ms: 0, killed: false, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (run.stdout = (run.stdout + chunk.toString()).slice(-8000)));
  child.stderr.on('data', (chunk: Buffer) => (run.stderr = (run.stderr + chunk.toString()).slice(-8000)));
  const timer = setTimeout(() => {
    run.killed = true;
    child.kill('SIGKILL');
  }, budgetMs);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      run.ms = performance.now() - started;
      run.code = code;
      resolve(run);
    });
  });
}

/** The last "N lines" of the CLI's progress lines (printed every 10 s when not on a terminal). */
const linesSoFar = (stderr: string): string => [...stderr.matchAll(/([\d,]+) lines,/g)].pop()?.[1] ?? 'unknown';

export async function benchImport(client: MongoClient, uri: string, ceiling: Ceiling, figures: Figures): Promise<void> {
  const lines = SETTINGS.importLines;
  const name = importFigure(lines);
  const dir = await mkdtemp(join(tmpdir(), 'clara-bench-'));
  const dbName = `${SETTINGS.dbPrefix}_import`;
  try {
    const file = join(dir, 'predictions.csv');
    say(`import: writing ${int(lines)} lines to ${file} …`);
    await writeCsv(file, lines);
    await client.db(dbName).dropDatabase();
    say(`import: clara-monitor import (budget ${SETTINGS.budget.importMs / 1000} s) …`);
    const env = { ...process.env, MONGODB_URI: uri, MONGODB_DB: dbName, LOG_LEVEL: 'warn' };
    const run = await runImport(file, env, SETTINGS.budget.importMs);
    const summary = run.stdout.trim().split('\n')[0] ?? '';
    if (run.killed) {
      figures.detail(`import: killed after ${secs(run.ms)}, ${linesSoFar(run.stderr)} lines read by then`);
      figures.miss(
        name,
        '-',
        `> ${secs(SETTINGS.budget.importMs)}`,
        `≤ ${secs(TARGET_MS)}`,
        `${linesSoFar(run.stderr)} lines read by then`,
      );
    } else if (run.code !== 0) {
      figures.detail(`import: exit code ${run.code} after ${secs(run.ms)}: ${summary || run.stderr.slice(-300)}`);
      figures.miss(name, '-', `exit ${run.code}`, `≤ ${secs(TARGET_MS)}`, summary.slice(0, 120));
    } else {
      figures.detail(`import: ${secs(run.ms)}, ${int(lines / (run.ms / 1000))} lines/s; ${summary}`);
      const rate = lines / (run.ms / 1000);
      figures.atMost(name, '-', run.ms, TARGET_MS, secs, {
        note: `${int(rate)} lines/s (${ofCeiling(rate, ceiling)})`,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
  }
}
