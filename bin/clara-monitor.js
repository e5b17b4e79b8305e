#!/usr/bin/env node
// The CLI runs the compiled server; `npm run build` (or `npm start`) compiles it.
import './check-node.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// graphql-js runs development checks on every type test unless NODE_ENV is production (about a
// tenth of a 2,000-point metrics query); set NODE_ENV yourself to keep them.
process.env.NODE_ENV ??= 'production';

const main = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('clara-monitor is not built yet: run `npm run build` in its folder first.\n');
  process.exit(1);
}
await import(main.href);
