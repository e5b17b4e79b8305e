// The browser tests' Chromium: CHROMIUM_PATH, /usr/bin/chromium, or one on PATH; as root on
// Debian/Ubuntu, apt installs it (once); elsewhere one message says what to install.
import { existsSync, readFileSync } from 'node:fs';
import { findOnPath, isExecutable, runCommand } from '../../server/system.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

function installed(): string | null {
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  return NAMES.map(findOnPath).find((path) => path !== null) ?? null;
}

function isDebianLike(): boolean {
  if (!existsSync('/etc/os-release') || !findOnPath('apt-get')) return false;
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
}

async function aptInstall(): Promise<void> {
  process.stdout.write('installing Chromium for the browser tests (apt-get, once)…\n');
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    // Waits for another apt run (a parallel test run provisioning too) instead of failing at once.
    const { code, output } = await runCommand('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (code !== 0) throw new Error(`apt-get ${args.join(' ')} failed: ${output}`);
  }
}

export async function provideChromium(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file.`);
    return configured;
  }
  const found = installed();
  if (found) return found;
  if (process.getuid?.() === 0 && isDebianLike()) await aptInstall();
  const after = installed();
  if (after) return after;
  throw new Error(
    `The browser tests need Chromium: install chromium (or Google Chrome), or set CHROMIUM_PATH to its executable. Looked for /usr/bin/chromium and ${NAMES.join(', ')} on PATH.`,
  );
}
