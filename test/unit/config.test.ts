import { describe, expect, test } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';

describe('parseConfig', () => {
  test('defaults describe the embedded, single-model setup', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      mongoUri: null,
      dbName: 'clara',
      embedded: 'auto',
      port: 4000,
      timeZone: 'UTC',
      defaultModel: 'default',
      apiToken: null,
      demo: true,
    });
    expect(config.mapping).toMatchObject({
      collection: 'predictions',
      model: 'model',
      id: 'id',
      predictedAt: 'predictedAt',
    });
    expect(config.limits).toMatchObject({ batchSize: 10_000, points: 5_000 });
    expect(config.heapGrowthPercent).toBe(30);
  });

  test('--demo and CLARA_DEMO both turn seeding on; the embedded default seeds unless CLARA_DEMO=0', () => {
    const uri = { MONGODB_URI: 'mongodb://db.example.com' };
    expect(parseConfig(uri).demo).toBe(false);
    expect(parseConfig(uri, ['--demo']).demo).toBe(true);
    expect(parseConfig({ ...uri, CLARA_DEMO: 'yes' }).demo).toBe(true);
    expect(parseConfig({ CLARA_DEMO: '0' }).demo).toBe(false);
  });

  test('an empty model field means a single-model collection', () => {
    expect(parseConfig({ CLARA_FIELD_MODEL: '' }).mapping.model).toBeNull();
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ CLARA_TIME_ZONE: 'Mars/Olympus' }, 'CLARA_TIME_ZONE'],
    [{ CLARA_DEMO: 'maybe' }, 'CLARA_DEMO'],
    [{ CLARA_EMBEDDED: 'sqlite' }, 'CLARA_EMBEDDED'],
    [{ CLARA_MAX_BATCH: '0' }, 'CLARA_MAX_BATCH'],
    [{ CLARA_FIELD_PREDICTED: '$label' }, 'CLARA_FIELD_PREDICTED'],
    [{ CLARA_HEAP_GROWTH_PERCENT: '-5' }, 'CLARA_HEAP_GROWTH_PERCENT'],
  ])('%o fails fast naming %s', (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`^${variable}: `));
  });
});

test('the rollups watch for direct writes by default only on a collection the user names', () => {
  expect(parseConfig({}).rollups.watchDirectWrites).toBe(false);
  expect(parseConfig({ CLARA_PREDICTIONS_COLLECTION: 'app_predictions' }).rollups.watchDirectWrites).toBe(true);
  expect(
    parseConfig({ CLARA_PREDICTIONS_COLLECTION: 'app_predictions', CLARA_WATCH_DIRECT_WRITES: 'false' }).rollups
      .watchDirectWrites,
  ).toBe(false);
  expect(parseConfig({ CLARA_WATCH_DIRECT_WRITES: 'true' }).rollups.watchDirectWrites).toBe(true);
  expect(() => parseConfig({ CLARA_ROLLUP_PASS_BLOCKS: '10' })).toThrow(/CLARA_ROLLUP_PASS_BLOCKS/);
});
