// Parent side of rollup-child.ts: one call at a time, each bounded by a budget (then the child is
// killed, and a fresh one serves the next call).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type RollupRequest = { op: 'refresh' } | { op: 'only-rollup-jobs' };

export interface RollupReply {
  ok: boolean;
  ms: number;
  /** refresh(): the part before settle(). */
  refreshMs?: number;
  summary?: string;
  error?: string;
}

/** A reply, or null when the budget ran out first (`ms` is then the budget). */
export interface RollupOutcome {
  reply: RollupReply | null;
  ms: number;
}

const CHILD = fileURLToPath(new URL('./rollup-child.js', import.meta.url));
const START_MS = 60_000;

export class RollupWorker {
  private child: ChildProcess | null = null;

  constructor(private readonly env: { uri: string; dbName: string }) {}

  private async start(): Promise<ChildProcess> {
    const child = fork(CHILD, [], {
      env: { ...process.env, MONGODB_URI: this.env.uri, MONGODB_DB: this.env.dbName },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const reply = await this.next(child, START_MS);
    if (!reply?.ok) {
      child.kill('SIGKILL');
      throw new Error(`rollup child did not start: ${reply?.error ?? 'no answer'}`);
    }
    return child;
  }

  private next(child: ChildProcess, budgetMs: number): Promise<RollupReply | null> {
    return new Promise((resolve) => {
      const done = (reply: RollupReply | null) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(reply);
      };
      const onMessage = (reply: RollupReply) => done(reply);
      const onExit = (code: number | null) => done({ ok: false, ms: 0, error: `rollup child exited (${code})` });
      const timer = setTimeout(() => done(null), budgetMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  async call(request: RollupRequest, budgetMs: number): Promise<RollupOutcome> {
    this.child ??= await this.start();
    const child = this.child;
    child.send(request);
    const reply = await this.next(child, budgetMs);
    if (reply === null || !reply.ok) await this.stop();
    return { reply, ms: reply?.ms ?? budgetMs };
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
