import { expect, test } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';
import { DRIFT_RULE_DEFAULTS, DRIFT_RULES } from '../../server/core/drift-rules/rules.js';

test('drift and alert settings have the documented defaults', () => {
  const config = parseConfig({});
  expect(config.drift).toEqual({
    granularity: 'DAY',
    reference: 'TRAINING',
    baselineWindows: 4,
    recheckWindows: 7,
    rules: DRIFT_RULE_DEFAULTS,
  });
  expect(DRIFT_RULE_DEFAULTS).toMatchObject({
    enabled: DRIFT_RULES,
    psi: 0.2,
    js: 0.1,
    accuracyDrop: 0.05,
    ks: 0.1,
    pValue: 0.01,
    minSamples: 100,
  });
  expect(config.alerts).toEqual({
    resolveAfter: 3,
    webhooks: { urls: [], secret: null, format: 'json', timeoutMs: 10_000, retries: 4, retryDelayMs: 1_000 },
  });
});

test('every threshold and setting can be changed', () => {
  const config = parseConfig({
    CLARA_DRIFT_GRANULARITY: 'hour',
    CLARA_DRIFT_REFERENCE: 'baseline',
    CLARA_DRIFT_BASELINE_WINDOWS: '6',
    CLARA_DRIFT_RECHECK_WINDOWS: '10',
    CLARA_DRIFT_RULES: 'predicted-psi, accuracy-drop',
    CLARA_DRIFT_PSI_THRESHOLD: '0.25',
    CLARA_DRIFT_JS_THRESHOLD: '0.2',
    CLARA_DRIFT_ACCURACY_DROP_POINTS: '3',
    CLARA_DRIFT_CLASS_RECALL_DROP_POINTS: '8',
    CLARA_DRIFT_CLASS_RECALL_P_VALUE: '1e-4',
    CLARA_DRIFT_KS_THRESHOLD: '0.15',
    CLARA_DRIFT_ESTIMATED_ACCURACY_DROP_POINTS: '4',
    CLARA_DRIFT_P_VALUE: '0.001',
    CLARA_DRIFT_MIN_SAMPLES: '500',
    CLARA_DRIFT_PH_DELTA: '0.01',
    CLARA_DRIFT_PH_LAMBDA: '80',
    CLARA_DRIFT_PH_FORGETTING: '1',
    CLARA_DRIFT_PH_MIN_INSTANCES: '100',
    CLARA_DRIFT_CRITICAL_FACTOR: '3',
    CLARA_ALERT_RESOLVE_AFTER: '5',
    CLARA_ALERT_WEBHOOKS: 'https://hooks.example.com/a?token=x, http://127.0.0.1:9000/hook',
    CLARA_ALERT_WEBHOOK_SECRET: ' s3cret ',
    CLARA_ALERT_WEBHOOK_FORMAT: 'Slack',
    CLARA_ALERT_WEBHOOK_TIMEOUT: '2 seconds',
    CLARA_ALERT_WEBHOOK_RETRIES: '2',
    CLARA_ALERT_WEBHOOK_RETRY_DELAY: '250 ms',
  });
  expect(config.drift).toEqual({
    granularity: 'HOUR',
    reference: 'BASELINE',
    baselineWindows: 6,
    recheckWindows: 10,
    rules: {
      enabled: ['predicted-psi', 'accuracy-drop'],
      psi: 0.25,
      js: 0.2,
      accuracyDrop: 0.03,
      classRecallDrop: 0.08,
      classRecallPValue: 1e-4,
      ks: 0.15,
      estimatedAccuracyDrop: 0.04,
      pValue: 0.001,
      minSamples: 500,
      pageHinkley: { delta: 0.01, lambda: 80, alpha: 1, minInstances: 100 },
      criticalFactor: 3,
    },
  });
  expect(config.alerts).toEqual({
    resolveAfter: 5,
    webhooks: {
      urls: ['https://hooks.example.com/a?token=x', 'http://127.0.0.1:9000/hook'],
      secret: 's3cret',
      format: 'slack',
      timeoutMs: 2_000,
      retries: 2,
      retryDelayMs: 250,
    },
  });
});

test('bad values name the variable; a bad webhook URL is named by position, never echoed', () => {
  expect(() => parseConfig({ CLARA_DRIFT_RULES: 'psi' })).toThrow(/CLARA_DRIFT_RULES: unknown rule "psi"/);
  expect(() => parseConfig({ CLARA_DRIFT_PSI_THRESHOLD: 'high' })).toThrow(/CLARA_DRIFT_PSI_THRESHOLD/);
  expect(() => parseConfig({ CLARA_DRIFT_P_VALUE: '2' })).toThrow(ConfigError);
  expect(() => parseConfig({ CLARA_DRIFT_GRANULARITY: 'YEAR' })).toThrow(
    /CLARA_DRIFT_GRANULARITY: expected one of HOUR, DAY, WEEK, MONTH/,
  );
  expect(() => parseConfig({ CLARA_ALERT_WEBHOOK_FORMAT: 'xml' })).toThrow(/CLARA_ALERT_WEBHOOK_FORMAT/);
  expect(() => parseConfig({ CLARA_ALERT_RESOLVE_AFTER: '8' })).toThrow(
    /CLARA_ALERT_RESOLVE_AFTER: must be at most CLARA_DRIFT_RECHECK_WINDOWS \(7\)/,
  );
  let message = '';
  try {
    parseConfig({ CLARA_ALERT_WEBHOOKS: 'https://ok.example.com/x,ftp://files.example.com/T0K3N' });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toBe('CLARA_ALERT_WEBHOOKS: entry 2 is not an http(s) URL');
});

test('CLARA_CALIBRATION_REFERENCE pins the calibration reference range', () => {
  expect(parseConfig({}).calibration).toEqual({ reference: null });
  expect(parseConfig({ CLARA_CALIBRATION_REFERENCE: '2026-01-01T00:00:00Z/2026-02-01T00:00:00Z' }).calibration).toEqual(
    {
      reference: { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') },
    },
  );
  expect(() => parseConfig({ CLARA_CALIBRATION_REFERENCE: '2026-01-01' })).toThrow('CLARA_CALIBRATION_REFERENCE');
  expect(() => parseConfig({ CLARA_CALIBRATION_REFERENCE: '2026-02-01T00:00:00Z/2026-01-01T00:00:00Z' })).toThrow(
    'must start before it ends',
  );
});

test('anomaly settings have defaults and can be changed; silences are whole quarters', () => {
  expect(parseConfig({}).anomalies).toEqual({
    weeks: 4,
    volumeChange: 0.5,
    minExpected: 20,
    silenceMinutes: 60,
    jobFailures: 3,
    pValue: 0.001,
    criticalFactor: 2,
  });
  const config = parseConfig({
    CLARA_ANOMALY_WEEKS: '6',
    CLARA_ANOMALY_VOLUME_CHANGE: '0.3',
    CLARA_ANOMALY_MIN_EXPECTED: '50',
    CLARA_ANOMALY_SILENCE_MINUTES: '30',
    CLARA_ANOMALY_JOB_FAILURES: '5',
    CLARA_ANOMALY_P_VALUE: '0.0001',
    CLARA_DRIFT_CRITICAL_FACTOR: '3',
  });
  expect(config.anomalies).toEqual({
    weeks: 6,
    volumeChange: 0.3,
    minExpected: 50,
    silenceMinutes: 30,
    jobFailures: 5,
    pValue: 0.0001,
    criticalFactor: 3,
  });
  expect(() => parseConfig({ CLARA_ANOMALY_SILENCE_MINUTES: '20' })).toThrow('must be a multiple of 15');
});
