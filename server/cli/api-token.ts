// The embedded demo's API token: generated once, kept under the data folder, printed only when new.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkToken } from '../config-access.js';

export function embeddedToken(dataDir: string): { token: string; created: boolean; path: string } {
  const path = join(dataDir, 'api-token');
  // A token file edited by hand is held to the same length as CLARA_API_TOKEN.
  if (existsSync(path))
    return { token: checkToken(path, readFileSync(path, 'utf8').trim()) ?? '', created: false, path };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return { token, created: true, path };
}
