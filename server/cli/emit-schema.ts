// `npm run schema:emit` writes schema/schema.graphql; `--check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaSdl } from '../graphql/schema.js';
import { projectRoot } from '../paths.js';

const target = join(projectRoot, 'schema', 'schema.graphql');
const sdl = await schemaSdl();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // a missing file is stale too
  }
  if (committed !== sdl) {
    process.stderr.write('schema/schema.graphql is stale: run `npm run schema:emit` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('schema/schema.graphql is fresh\n');
} else {
  writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target}\n`);
}
