import { describe, expect, test } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';

const fails = (env: Record<string, string>, variable: string, message?: RegExp) => {
  expect(() => parseConfig(env)).toThrow(ConfigError);
  expect(() => parseConfig(env)).toThrow(new RegExp(`^${variable}: ${message?.source ?? ''}`));
};

describe('tokens and read protection', () => {
  test.each(['CLARA_API_TOKEN', 'CLARA_READ_TOKEN'])(
    '%s shorter than 16 characters is refused at start',
    (variable) => {
      fails(
        { [variable]: 'short-token-15ch'.slice(0, 15) },
        variable,
        /must be at least 16 characters long \(got 15\)/,
      );
      expect(parseConfig({ [variable]: '0123456789abcdef' })).toBeTruthy();
    },
  );

  test('read protection needs a token to read with', () => {
    fails({ CLARA_PROTECT_READS: '1' }, 'CLARA_PROTECT_READS', /needs CLARA_API_TOKEN or CLARA_READ_TOKEN/);
    expect(parseConfig({ CLARA_PROTECT_READS: '1', CLARA_READ_TOKEN: 'r'.repeat(16) })).toMatchObject({
      protectReads: true,
      readToken: 'r'.repeat(16),
      apiToken: null,
    });
    expect(parseConfig({}).protectReads).toBe(false);
  });
});

describe('allowed hosts', () => {
  test('bound to loopback: loopback names only', () => {
    expect(parseConfig({}).allowedHosts).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(parseConfig({ HOST: '::1' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(parseConfig({ HOST: '127.0.0.2' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '::1', '127.0.0.2']);
  });

  test('bound elsewhere: any, unless listed', () => {
    expect(parseConfig({ HOST: '0.0.0.0' }).allowedHosts).toEqual([]);
    expect(parseConfig({ HOST: '0.0.0.0', CLARA_ALLOWED_HOSTS: 'Clara.Example.com, [::1]' }).allowedHosts).toEqual([
      'clara.example.com',
      '::1',
    ]);
    expect(parseConfig({ CLARA_ALLOWED_HOSTS: '*' }).allowedHosts).toEqual([]);
  });
});

describe('limits', () => {
  test('defaults', () => {
    expect(parseConfig({}).limits).toMatchObject({
      queryCost: 100_000,
      queryFields: 1_000,
      queryTokens: 50_000,
      operations: 10,
      rangeMs: 3660 * 86_400_000,
      blocks: 20_000,
    });
  });

  test.each([
    [{ CLARA_MAX_QUERY_COST: '10' }, 'CLARA_MAX_QUERY_COST'],
    [{ CLARA_MAX_OPERATIONS: '0' }, 'CLARA_MAX_OPERATIONS'],
    [{ CLARA_MAX_RANGE: 'forever' }, 'CLARA_MAX_RANGE'],
    [{ CLARA_MAX_BLOCKS: 'lots' }, 'CLARA_MAX_BLOCKS'],
  ])('%o fails fast naming %s', (env, variable) => fails(env, variable));
});

describe('field mapping', () => {
  test.each(['CLARA_FIELD_ID', 'CLARA_FIELD_PREDICTED', 'CLARA_FIELD_MODEL', 'CLARA_FIELD_VALIDATED_AT'])(
    '%s with a "." is refused (MongoDB would read a path)',
    (variable) => {
      fails({ [variable]: 'meta.label' }, variable, /"meta\.label" is not a usable field name/);
    },
  );
});

describe('WhyLabs endpoint', () => {
  test('must be https unless http is allowed', () => {
    fails({ WHYLABS_API_ENDPOINT: 'http://whylabs.internal' }, 'WHYLABS_API_ENDPOINT', /must be an https URL/);
    expect(
      parseConfig({ WHYLABS_API_ENDPOINT: 'http://127.0.0.1:9', CLARA_WHYLABS_ALLOW_HTTP: '1' }).whylabs,
    ).toMatchObject({ endpoint: 'http://127.0.0.1:9', allowHttp: true });
    expect(parseConfig({}).whylabs.allowHttp).toBe(false);
  });
});
