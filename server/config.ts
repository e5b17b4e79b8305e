// Every setting, parsed and validated once. The settings tables in docs/ (configuration.md and the
// page of each part: jobs-and-whylogs.md, drift-and-alerts.md, …) mirror this file.
import { assertTimeZone, type Granularity } from './core/buckets.js';
import type { WebhookFormat } from './core/alerts/payload.js';
import {
  DRIFT_RULE_DEFAULTS,
  DRIFT_RULES,
  isDriftRule,
  type DriftReference,
  type DriftRule,
  type DriftRuleSettings,
} from './core/drift-rules/rules.js';
import { limitsConfig, readAccess, type LimitsConfig } from './config-access.js';
import { anomaliesConfig } from './config-anomalies.js';
import { calibrationConfig, type CalibrationConfig } from './config-calibration.js';
import type { AnomalySettings } from './core/anomalies/rules.js';
import { ConfigError, decimal, duration, flag, integer, text, whyLabsEndpoint, type Env } from './config-values.js';

export { ConfigError } from './config-values.js';
export type { LimitsConfig } from './config-access.js';

export interface FieldMapping {
  collection: string;
  /** null: the collection holds one model, named by defaultModel. */
  model: string | null;
  id: string;
  predictedAt: string;
  predicted: string;
  confidence: string;
  scores: string;
  /** The model version (optional on every row). */
  version: string;
  actual: string;
  validatedAt: string;
}

/** Which embedded store to start when MONGODB_URI is unset; auto tries mongod, then FerretDB. */
export type EmbeddedChoice = 'auto' | 'mongod' | 'ferretdb';

export interface Config {
  mongoUri: string | null;
  dbName: string;
  dataDir: string;
  embedded: EmbeddedChoice;
  port: number;
  host: string;
  timeZone: string;
  defaultModel: string;
  /** Token mutations need (and reads, with protectReads). */
  apiToken: string | null;
  /** A token that may read but not write (reads need one only with protectReads). */
  readToken: string | null;
  /** Every GraphQL request and profile download needs a read or write token. */
  protectReads: boolean;
  /** Host header names the server answers (DNS rebinding); empty: any. */
  allowedHosts: string[];
  demo: boolean;
  logLevel: string;
  corsOrigins: string[];
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish before they are cut. */
  shutdownGraceMs: number;
  /**
   * How far V8 lets the heap grow past what survived its last full collection, in percent (0: V8's
   * own policy, up to 300 % where memory is plentiful). Low keeps the process near its live size at
   * the cost of more collections.
   */
  heapGrowthPercent: number;
  mapping: FieldMapping;
  limits: LimitsConfig;
  rollups: RollupsConfig;
  jobs: JobsConfig;
  whylabs: WhyLabsConfig;
  drift: DriftConfig;
  alerts: AlertsConfig;
  calibration: CalibrationConfig;
  anomalies: AnomalySettings;
}

export interface DriftConfig {
  /** Windows the check-drift job evaluates (calendar buckets of CLARA_TIME_ZONE). */
  granularity: Granularity;
  reference: DriftReference;
  baselineWindows: number;
  /** Closed windows every run evaluates again, so late validations update their verdicts. */
  recheckWindows: number;
  rules: DriftRuleSettings;
}

export interface AlertsConfig {
  /** Quiet windows in a row that resolve an alert. */
  resolveAfter: number;
  webhooks: {
    urls: string[];
    secret: string | null;
    format: WebhookFormat;
    timeoutMs: number;
    retries: number;
    retryDelayMs: number;
  };
}

export interface RollupsConfig {
  /** How often a process looks for journal entries to drain (writes also start a drain at once). */
  drainEveryMs: number;
  /** Journal entries one drain pass takes in. */
  passEntries: number;
  /** Re-sent and validated rows one pass reads and rewrites: bounds its memory. */
  passRows: number;
  /** Quarter blocks recomputed from one read of raw rows: bounds a large pass's memory. */
  passBlocks: number;
  /**
   * Where every filter scans (FerretDB), the rows a refresh may hold in memory (compactly, about 40
   * bytes a row), in MB: within it one scan of the collection is all a refresh reads; past it the
   * refresh reads the quarters it found changed again, passBlocks at a time.
   */
  refreshMemoryMb: number;
  /**
   * Whether the refresh-rollups job scans the predictions collection for rows another application
   * wrote there. Off by default for our own collection (the API and the importer journal every
   * write); on by default when CLARA_PREDICTIONS_COLLECTION names the user's.
   */
  watchDirectWrites: boolean;
}

export interface JobsConfig {
  /** Interval overrides by job name, from CLARA_JOB_<NAME>_EVERY (e.g. CLARA_JOB_LOG_PROFILES_EVERY). */
  intervals: Record<string, number>;
  /** A job's lock lasts this long without a heartbeat, so a killed process blocks the job no longer. */
  lockLifetimeMs: number;
  /** How often the scheduler looks for due jobs. */
  pollMs: number;
}

export interface WhyLabsConfig {
  apiKey: string | null;
  orgId: string | null;
  defaultDatasetId: string | null;
  /** Per-model dataset ids, from WHYLABS_DATASET_ID_MAP="modelA=model-1,modelB=model-2". */
  datasetIds: Record<string, string>;
  endpoint: string;
  /** Plain http endpoints and upload URLs are refused unless this is set (local test servers). */
  allowHttp: boolean;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

const JOB_INTERVAL = /^CLARA_JOB_([A-Z0-9_]+)_EVERY$/;

/** CLARA_JOB_LOG_PROFILES_EVERY → { 'log-profiles': ms }; the scheduler rejects names of no job. */
function jobIntervals(env: Env): Record<string, number> {
  const intervals: Record<string, number> = {};
  for (const name of Object.keys(env).sort()) {
    const found = JOB_INTERVAL.exec(name);
    if (found && env[name]?.trim()) intervals[found[1].toLowerCase().replace(/_/g, '-')] = duration(env, name, '', 100);
  }
  return intervals;
}

function datasetMap(env: Env): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of text(env, 'WHYLABS_DATASET_ID_MAP', '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const model = entry.slice(0, at).trim();
    const dataset = entry.slice(at + 1).trim();
    if (at < 0 || !model || !dataset)
      throw new ConfigError(
        'WHYLABS_DATASET_ID_MAP',
        `expected model=dataset-id pairs separated by commas, got "${entry}"`,
      );
    map[model] = dataset;
  }
  return map;
}

function choice<T extends string>(env: Env, name: string, fallback: T, options: readonly T[]): T {
  const raw = text(env, name, fallback);
  const found = options.find((o) => o.toLowerCase() === raw.toLowerCase());
  if (!found) throw new ConfigError(name, `expected one of ${options.join(', ')}, got "${raw}"`);
  return found;
}

function driftRules(env: Env): DriftRule[] {
  const names = text(env, 'CLARA_DRIFT_RULES', DRIFT_RULES.join(','))
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = names.find((n) => !isDriftRule(n));
  if (unknown !== undefined)
    throw new ConfigError('CLARA_DRIFT_RULES', `unknown rule "${unknown}"; rules: ${DRIFT_RULES.join(', ')}`);
  return names.filter(isDriftRule);
}

function webhookUrls(env: Env): string[] {
  const urls = text(env, 'CLARA_ALERT_WEBHOOKS', '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  urls.forEach((url, i) => {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      protocol = '';
    }
    // A webhook URL may itself be a credential (Slack's are): name the entry, never its text.
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new ConfigError('CLARA_ALERT_WEBHOOKS', `entry ${i + 1} is not an http(s) URL`);
  });
  return urls;
}

function driftConfig(env: Env): DriftConfig {
  const d = DRIFT_RULE_DEFAULTS;
  return {
    granularity: choice<Granularity>(env, 'CLARA_DRIFT_GRANULARITY', 'DAY', ['HOUR', 'DAY', 'WEEK', 'MONTH']),
    reference: choice<DriftReference>(env, 'CLARA_DRIFT_REFERENCE', 'TRAINING', ['TRAINING', 'BASELINE']),
    baselineWindows: integer(env, 'CLARA_DRIFT_BASELINE_WINDOWS', 4, 1, 100),
    recheckWindows: integer(env, 'CLARA_DRIFT_RECHECK_WINDOWS', 7, 1, 100),
    rules: {
      enabled: driftRules(env),
      psi: decimal(env, 'CLARA_DRIFT_PSI_THRESHOLD', d.psi, 0, 100),
      js: decimal(env, 'CLARA_DRIFT_JS_THRESHOLD', d.js, 0, 1),
      accuracyDrop: decimal(env, 'CLARA_DRIFT_ACCURACY_DROP_POINTS', d.accuracyDrop * 100, 0, 100) / 100,
      classRecallDrop: decimal(env, 'CLARA_DRIFT_CLASS_RECALL_DROP_POINTS', d.classRecallDrop * 100, 0, 100) / 100,
      classRecallPValue: decimal(env, 'CLARA_DRIFT_CLASS_RECALL_P_VALUE', d.classRecallPValue, 0, 1),
      ks: decimal(env, 'CLARA_DRIFT_KS_THRESHOLD', d.ks, 0, 1),
      estimatedAccuracyDrop:
        decimal(env, 'CLARA_DRIFT_ESTIMATED_ACCURACY_DROP_POINTS', d.estimatedAccuracyDrop * 100, 0, 100) / 100,
      pValue: decimal(env, 'CLARA_DRIFT_P_VALUE', d.pValue, 0, 1),
      minSamples: integer(env, 'CLARA_DRIFT_MIN_SAMPLES', d.minSamples, 1, 1_000_000_000),
      pageHinkley: {
        delta: decimal(env, 'CLARA_DRIFT_PH_DELTA', d.pageHinkley.delta, 0, 1),
        lambda: decimal(env, 'CLARA_DRIFT_PH_LAMBDA', d.pageHinkley.lambda, 0, 1_000_000),
        alpha: decimal(env, 'CLARA_DRIFT_PH_FORGETTING', d.pageHinkley.alpha, 0, 1),
        minInstances: integer(env, 'CLARA_DRIFT_PH_MIN_INSTANCES', d.pageHinkley.minInstances, 1, 1_000_000_000),
      },
      criticalFactor: decimal(env, 'CLARA_DRIFT_CRITICAL_FACTOR', d.criticalFactor, 1, 1000),
    },
  };
}

function alertsConfig(env: Env, drift: DriftConfig): AlertsConfig {
  const resolveAfter = integer(env, 'CLARA_ALERT_RESOLVE_AFTER', 3, 1, 100);
  // Quiet windows are counted among the re-checked ones, so more could never be seen.
  if (resolveAfter > drift.recheckWindows)
    throw new ConfigError(
      'CLARA_ALERT_RESOLVE_AFTER',
      `must be at most CLARA_DRIFT_RECHECK_WINDOWS (${drift.recheckWindows}), got ${resolveAfter}`,
    );
  return {
    resolveAfter,
    webhooks: {
      urls: webhookUrls(env),
      secret: env.CLARA_ALERT_WEBHOOK_SECRET?.trim() || null,
      format: choice<WebhookFormat>(env, 'CLARA_ALERT_WEBHOOK_FORMAT', 'json', ['json', 'slack']),
      timeoutMs: duration(env, 'CLARA_ALERT_WEBHOOK_TIMEOUT', '10 seconds', 10),
      retries: integer(env, 'CLARA_ALERT_WEBHOOK_RETRIES', 4, 0, 10),
      retryDelayMs: duration(env, 'CLARA_ALERT_WEBHOOK_RETRY_DELAY', '1 second', 1),
    },
  };
}

function fieldName(env: Env, name: string, fallback: string): string {
  const value = text(env, name, fallback);
  // MongoDB reads "a.b" as a path into a subdocument, never as one field named "a.b".
  if (value.startsWith('$') || value.includes('\0') || value.includes('.'))
    throw new ConfigError(name, `"${value}" is not a usable field name (no "$" at the start, no "." or NUL)`);
  return value;
}

export function parseConfig(env: Env, argv: readonly string[] = []): Config {
  const timeZone = text(env, 'CLARA_TIME_ZONE', 'UTC');
  try {
    assertTimeZone(timeZone);
  } catch {
    throw new ConfigError('CLARA_TIME_ZONE', `unknown IANA time zone "${timeZone}"`);
  }
  const modelField = env.CLARA_FIELD_MODEL?.trim() === '' ? null : fieldName(env, 'CLARA_FIELD_MODEL', 'model');
  const drift = driftConfig(env);
  const host = text(env, 'HOST', '127.0.0.1');
  return {
    mongoUri: env.MONGODB_URI?.trim() || null,
    dbName: text(env, 'MONGODB_DB', 'clara'),
    dataDir: text(env, 'CLARA_DATA_DIR', '.data'),
    embedded: choice<EmbeddedChoice>(env, 'CLARA_EMBEDDED', 'auto', ['auto', 'mongod', 'ferretdb']),
    port: integer(env, 'PORT', 4000, 0, 65535),
    host,
    timeZone,
    defaultModel: text(env, 'CLARA_DEFAULT_MODEL', 'default'),
    ...readAccess(env, host),
    // The embedded default is the demo unless CLARA_DEMO says otherwise.
    demo: argv.includes('--demo') || (env.CLARA_DEMO?.trim() ? flag(env, 'CLARA_DEMO') : !env.MONGODB_URI?.trim()),
    logLevel: text(env, 'LOG_LEVEL', 'info'),
    corsOrigins: text(env, 'CLARA_CORS_ORIGINS', '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    shutdownGraceMs: duration(env, 'CLARA_SHUTDOWN_GRACE', '10 seconds', 0),
    heapGrowthPercent: integer(env, 'CLARA_HEAP_GROWTH_PERCENT', 30, 0, 1000),
    mapping: {
      collection: text(env, 'CLARA_PREDICTIONS_COLLECTION', 'predictions'),
      model: modelField,
      id: fieldName(env, 'CLARA_FIELD_ID', 'id'),
      predictedAt: fieldName(env, 'CLARA_FIELD_PREDICTED_AT', 'predictedAt'),
      predicted: fieldName(env, 'CLARA_FIELD_PREDICTED', 'predicted'),
      confidence: fieldName(env, 'CLARA_FIELD_CONFIDENCE', 'confidence'),
      scores: fieldName(env, 'CLARA_FIELD_SCORES', 'scores'),
      version: fieldName(env, 'CLARA_FIELD_VERSION', 'version'),
      actual: fieldName(env, 'CLARA_FIELD_ACTUAL', 'actual'),
      validatedAt: fieldName(env, 'CLARA_FIELD_VALIDATED_AT', 'validatedAt'),
    },
    limits: limitsConfig(env),
    rollups: {
      drainEveryMs: duration(env, 'CLARA_ROLLUP_DRAIN_EVERY', '2 seconds', 100),
      passEntries: integer(env, 'CLARA_ROLLUP_PASS_ENTRIES', 500, 1, 100_000),
      passRows: integer(env, 'CLARA_ROLLUP_PASS_ROWS', 20_000, 1, 1_000_000),
      passBlocks: integer(env, 'CLARA_ROLLUP_PASS_BLOCKS', 20_000, 100, 1_000_000),
      refreshMemoryMb: integer(env, 'CLARA_ROLLUP_REFRESH_MEMORY_MB', 160, 0, 100_000),
      watchDirectWrites: env.CLARA_WATCH_DIRECT_WRITES?.trim()
        ? flag(env, 'CLARA_WATCH_DIRECT_WRITES')
        : Boolean(env.CLARA_PREDICTIONS_COLLECTION?.trim()),
    },
    jobs: {
      intervals: jobIntervals(env),
      lockLifetimeMs: duration(env, 'CLARA_JOBS_LOCK_LIFETIME', '10 minutes', 500),
      pollMs: duration(env, 'CLARA_JOBS_POLL_EVERY', '5 seconds', 50),
    },
    whylabs: {
      apiKey: env.WHYLABS_API_KEY?.trim() || null,
      orgId: env.WHYLABS_DEFAULT_ORG_ID?.trim() || null,
      defaultDatasetId: env.WHYLABS_DEFAULT_DATASET_ID?.trim() || null,
      datasetIds: datasetMap(env),
      endpoint: whyLabsEndpoint(env),
      allowHttp: flag(env, 'CLARA_WHYLABS_ALLOW_HTTP'),
      timeoutMs: duration(env, 'CLARA_WHYLABS_TIMEOUT', '30 seconds', 10),
      retries: integer(env, 'CLARA_WHYLABS_RETRIES', 4, 0, 20),
      retryDelayMs: duration(env, 'CLARA_WHYLABS_RETRY_DELAY', '1 second', 1),
    },
    drift,
    alerts: alertsConfig(env, drift),
    calibration: calibrationConfig(env),
    anomalies: anomaliesConfig(env, drift.rules.criticalFactor),
  };
}
