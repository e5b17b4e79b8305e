// `clara-monitor worker` as a process of its own, bundled by test/support/worker-process.ts.
import { workerCommand } from '../../server/cli/commands/worker.js';

process.exitCode = await workerCommand.run(process.argv.slice(2));
