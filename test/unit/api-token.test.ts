import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { embeddedToken } from '../../server/cli/api-token.js';

test('the embedded token is generated once, kept private, and reused on restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clara-token-'));
  const first = embeddedToken(dir);
  expect(first.created).toBe(true);
  expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(statSync(first.path).mode & 0o777).toBe(0o600);
  const again = embeddedToken(dir);
  expect(again).toEqual({ token: first.token, created: false, path: first.path });
});
