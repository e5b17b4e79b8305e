// Anomaly settings: the usual volume, silences and failing jobs (core/anomalies/).
import { ANOMALY_DEFAULTS, type AnomalySettings } from './core/anomalies/rules.js';
import { ConfigError, decimal, integer, type Env } from './config-values.js';

/** Severity is the drift rules' (CLARA_DRIFT_CRITICAL_FACTOR). */
export function anomaliesConfig(env: Env, criticalFactor: number): AnomalySettings {
  const d = ANOMALY_DEFAULTS;
  const silenceMinutes = integer(env, 'CLARA_ANOMALY_SILENCE_MINUTES', d.silenceMinutes, 15, 7 * 24 * 60);
  // Spans are read from quarter-hour rollup blocks.
  if (silenceMinutes % 15 !== 0)
    throw new ConfigError('CLARA_ANOMALY_SILENCE_MINUTES', `must be a multiple of 15, got ${silenceMinutes}`);
  return {
    weeks: integer(env, 'CLARA_ANOMALY_WEEKS', d.weeks, 2, 52),
    volumeChange: decimal(env, 'CLARA_ANOMALY_VOLUME_CHANGE', d.volumeChange, 0, 100),
    minExpected: decimal(env, 'CLARA_ANOMALY_MIN_EXPECTED', d.minExpected, 0, 1e9),
    silenceMinutes,
    jobFailures: integer(env, 'CLARA_ANOMALY_JOB_FAILURES', d.jobFailures, 1, 1000),
    pValue: decimal(env, 'CLARA_ANOMALY_P_VALUE', d.pValue, 0, 1),
    criticalFactor,
  };
}
