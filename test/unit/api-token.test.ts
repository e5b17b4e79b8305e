import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { embeddedToken } from '../../server/cli/api-token.js';
import { ConfigError } from '../../server/config.js';

test('the embedded token is generated once, kept private, and reused on restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clara-token-'));
  const first = embeddedToken(dir);
  expect(first.created).toBe(true);
  expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(statSync(first.path).mode & 0o777).toBe(0o600);
  const again = embeddedToken(dir);
  expect(again).toEqual({ token: first.token, created: false, path: first.path });
});

test('a token file edited down to fewer than 16 characters stops the start, naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clara-token-'));
  const { path } = embeddedToken(dir);
  writeFileSync(path, 'short\n');
  expect(() => embeddedToken(dir)).toThrow(ConfigError);
  expect(() => embeddedToken(dir)).toThrow(/api-token: must be at least 16 characters long \(got 5\)/);
});
