// npm start's prestart: checks the Node.js version, then builds the server and the dashboard only
// when their sources changed since the last build (a content hash), so later starts skip a minute
// of compiling.
import './check-node.js';
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = [
  'server',
  'dashboard/src',
  'dashboard/index.html',
  'dashboard/playground.html',
  'dashboard/vite.config.ts',
  'dashboard/tsconfig.json',
  'tsconfig.json',
  'package-lock.json',
];
const OUTPUTS = ['dist/server/cli/main.js', 'dashboard/dist/index.html'];
const STAMP = join(root, 'dist', '.build-stamp');

function files(path) {
  return statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => files(join(path, name))) : [path];
}

const hash = createHash('sha256');
for (const file of INPUTS.flatMap((input) => files(join(root, input))).sort())
  hash.update(relative(root, file)).update('\0').update(readFileSync(file));
const wanted = hash.digest('hex');
const fresh =
  OUTPUTS.every((output) => existsSync(join(root, output))) &&
  existsSync(STAMP) &&
  readFileSync(STAMP, 'utf8') === wanted;
if (!fresh) {
  try {
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
  } catch (error) {
    process.exit(error.status ?? 1); // npm has printed why
  }
  writeFileSync(STAMP, wanted);
}
