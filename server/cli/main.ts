// clara-monitor <command>: each command lives in its own file under commands/.
import 'reflect-metadata';
import { ConfigError } from '../config.js';
import type { Command } from './command.js';
import { importCommand } from './commands/import.js';
import { refreshCommand } from './commands/refresh.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';

const commands: Command[] = [serveCommand, workerCommand, refreshCommand, importCommand];

function help(): string {
  return [
    'usage: clara-monitor <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`),
    '',
  ].join('\n');
}

const [name, ...args] = process.argv.slice(2);
const command = commands.find((c) => c.name === name);
if (!command) {
  process.stderr.write(name && name !== '--help' ? `unknown command "${name}"\n\n${help()}` : help());
  process.exit(name && name !== '--help' ? 2 : 0);
}
try {
  process.exitCode = await command.run(args);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
