// Orderly exit on SIGTERM/SIGINT for long-running commands. Handlers are installed before any
// slow start-up work (the embedded database, demo seeding), so a signal at any moment closes what
// has started so far; each step's failure is logged (never an unhandled rejection), and the whole
// shutdown is bounded: past `boundMs` the process exits with status 1 whatever is still closing.
import type { Logger } from '../logger.js';

type Step = { name: string; run: () => Promise<void> };

/** Requests get the grace period, running jobs 10 s (then, asked to stop, 10 s more: the
 *  scheduler's own bound): past that and a margin, the exit no longer waits. */
export const shutdownBound = (graceMs: number) => graceMs + 25_000;

export class Shutdown {
  private readonly steps: Step[] = [];
  private running: Promise<number> | null = null;
  private signal: string | null = null;

  constructor(
    private readonly log: Logger,
    private readonly boundMs: number,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** Listens for SIGTERM and SIGINT from now on. */
  install(): this {
    // `on`, not `once`: with no listener left, a second signal (or a library such as signal-exit
    // re-raising the first) would kill the process mid-shutdown. A repeat joins the shutdown under way.
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.on(signal, () => void this.run(signal).then(this.exit));
    return this;
  }

  /** Something to close on the way out; steps close in the reverse order of their adding. */
  add(name: string, run: () => Promise<void>): void {
    this.steps.unshift({ name, run });
  }

  get requested(): boolean {
    return this.signal !== null;
  }

  /**
   * Start-up work that a shutdown may interrupt (its resources close under it): once a signal has
   * come, the caller goes no further and waits for the exit, and a failure is not reported.
   */
  async unlessStopping<T>(work: Promise<T>): Promise<T> {
    try {
      const result = await work;
      if (this.running) return new Promise<T>(() => undefined);
      return result;
    } catch (error) {
      if (this.running) return new Promise<T>(() => undefined);
      throw error;
    }
  }

  /** Closes every step once, bounded; resolves to the exit status. */
  run(signal: string): Promise<number> {
    this.signal ??= signal;
    this.running ??= this.close(signal);
    return this.running;
  }

  private async close(signal: string): Promise<number> {
    this.log.info({ signal }, 'shutting down');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        this.log.error({ boundMs: this.boundMs }, 'shutdown did not finish in time; exiting anyway');
        resolve(1);
      }, this.boundMs);
      timer.unref();
    });
    const steps = (async () => {
      let status = 0;
      for (const step of this.steps) {
        try {
          await step.run();
        } catch (error) {
          this.log.error({ step: step.name, err: error }, 'a shutdown step failed');
          status = 1;
        }
      }
      return status;
    })();
    const status = await Promise.race([steps, late]);
    clearTimeout(timer);
    if (status === 0) this.log.info({ signal }, 'stopped');
    return status;
  }
}
