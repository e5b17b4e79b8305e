// Calibration settings: which validated predictions the confidence calibration is fitted on.
import { parseInstant } from './core/instant.js';
import { ConfigError, text, type Env } from './config-values.js';

export interface CalibrationConfig {
  /**
   * Pinned reference range [from, to); null: every validated prediction before the job's run
   * (or, before the first run, before the window being estimated).
   */
  reference: { start: Date; end: Date } | null;
}

/** CLARA_CALIBRATION_REFERENCE="2026-01-01T00:00:00Z/2026-02-01T00:00:00Z" pins the reference. */
export function calibrationConfig(env: Env): CalibrationConfig {
  const name = 'CLARA_CALIBRATION_REFERENCE';
  const raw = text(env, name, '');
  if (!raw) return { reference: null };
  const [from, to, ...rest] = raw.split('/').map((part) => part.trim());
  const start = from ? parseInstant(from) : null;
  const end = to ? parseInstant(to) : null;
  if (!start || !end || rest.length > 0)
    throw new ConfigError(name, `expected two ISO-8601 instants as from/to, got "${raw}"`);
  if (start >= end) throw new ConfigError(name, 'the range must start before it ends');
  return { reference: { start, end } };
}
