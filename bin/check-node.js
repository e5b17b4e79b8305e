// Stops with a clear message when Node.js is older than package.json's engines.node (">=X.Y").
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const wanted = /^>=(\d+)\.(\d+)/.exec(engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
if (wanted && (major < Number(wanted[1]) || (major === Number(wanted[1]) && minor < Number(wanted[2])))) {
  process.stderr.write(
    `clara-monitor needs Node.js ${engines.node}; this is ${process.versions.node}. Install a newer Node.js (https://nodejs.org/) and run the command again.\n`,
  );
  process.exit(1);
}
