// The embedded demo's API token: generated once, kept under the data folder, printed only when new.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function embeddedToken(dataDir: string): { token: string; created: boolean; path: string } {
  const path = join(dataDir, 'api-token');
  if (existsSync(path)) return { token: readFileSync(path, 'utf8').trim(), created: false, path };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return { token, created: true, path };
}
