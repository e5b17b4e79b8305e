import { expect, test } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';

test('job settings: interval overrides by job name, lock lifetime and poll interval, with defaults', () => {
  const defaults = parseConfig({});
  expect(defaults.jobs).toEqual({ intervals: {}, lockLifetimeMs: 600_000, pollMs: 5_000 });
  const set = parseConfig({
    CLARA_JOB_LOG_PROFILES_EVERY: '30 minutes',
    CLARA_JOB_REFRESH_ROLLUPS_EVERY: '20s',
    CLARA_JOBS_LOCK_LIFETIME: '2 minutes',
    CLARA_JOBS_POLL_EVERY: '1 second',
  });
  expect(set.jobs).toEqual({
    intervals: { 'log-profiles': 1_800_000, 'refresh-rollups': 20_000 },
    lockLifetimeMs: 120_000,
    pollMs: 1_000,
  });
});

test('job settings that are not durations, or too short, name the variable', () => {
  expect(() => parseConfig({ CLARA_JOB_LOG_PROFILES_EVERY: 'hourly' })).toThrow(/CLARA_JOB_LOG_PROFILES_EVERY/);
  expect(() => parseConfig({ CLARA_JOB_LOG_PROFILES_EVERY: '5 ms' })).toThrow(ConfigError);
  expect(() => parseConfig({ CLARA_JOBS_LOCK_LIFETIME: '10' })).toThrow(/CLARA_JOBS_LOCK_LIFETIME/);
});

test('WhyLabs settings use whylogs names; the dataset map gives per-model overrides', () => {
  expect(parseConfig({}).whylabs).toMatchObject({
    apiKey: null,
    orgId: null,
    defaultDatasetId: null,
    datasetIds: {},
    endpoint: 'https://api.whylabsapp.com',
  });
  const set = parseConfig({
    WHYLABS_API_KEY: ' key ',
    WHYLABS_DEFAULT_ORG_ID: 'org-1',
    WHYLABS_DEFAULT_DATASET_ID: 'model-1',
    WHYLABS_DATASET_ID_MAP: 'modelA=model-2, model=B = model-3,',
    WHYLABS_API_ENDPOINT: 'http://127.0.0.1:9000/',
    CLARA_WHYLABS_ALLOW_HTTP: '1',
    CLARA_WHYLABS_TIMEOUT: '5 seconds',
    CLARA_WHYLABS_RETRIES: '2',
    CLARA_WHYLABS_RETRY_DELAY: '250 ms',
  });
  expect(set.whylabs).toEqual({
    apiKey: 'key',
    orgId: 'org-1',
    defaultDatasetId: 'model-1',
    datasetIds: { modelA: 'model-2', 'model=B': 'model-3' },
    endpoint: 'http://127.0.0.1:9000',
    allowHttp: true,
    timeoutMs: 5_000,
    retries: 2,
    retryDelayMs: 250,
  });
  expect(() => parseConfig({ WHYLABS_DATASET_ID_MAP: 'modelA' })).toThrow(/WHYLABS_DATASET_ID_MAP/);
  expect(() => parseConfig({ WHYLABS_DATASET_ID_MAP: '=model-1' })).toThrow(/WHYLABS_DATASET_ID_MAP/);
  expect(() => parseConfig({ WHYLABS_API_ENDPOINT: 'api.whylabsapp.com' })).toThrow(/WHYLABS_API_ENDPOINT/);
});
