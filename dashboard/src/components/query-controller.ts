// Runs a panel's query whenever its inputs change, tracks loading/ready/error, and announces
// failures with a `clara-error` event so host pages can react.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RequestError } from '../client/graphql-client.js';

export type QueryStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ClaraErrorDetail {
  message: string;
  kind: RequestError['kind'];
  status: number | null;
  code: string | null;
}

export interface QueryPlan<T> {
  /** Inputs that identify the request; a new key starts a new request. */
  key: string;
  run: () => Promise<T>;
}

export class QueryController<T> implements ReactiveController {
  status: QueryStatus = 'idle';
  value: T | null = null;
  error: RequestError | null = null;
  private key: string | null = null;
  private sequence = 0;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly plan: () => QueryPlan<T> | null,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const plan = this.plan();
    if (plan && plan.key !== this.key) this.start(plan);
  }

  /** Runs the current request again (retry button, auto-refresh). */
  rerun = (): void => {
    const plan = this.plan();
    if (plan) this.start(plan);
  };

  private start(plan: QueryPlan<T>): void {
    this.key = plan.key;
    const id = ++this.sequence;
    this.status = 'loading';
    this.host.requestUpdate();
    plan.run().then(
      (value) => {
        if (id !== this.sequence) return;
        this.value = value;
        this.error = null;
        this.status = 'ready';
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (id !== this.sequence) return;
        this.error = announceError(this.host, error);
        this.status = 'error';
        this.host.requestUpdate();
      },
    );
  }
}

/** Fires `clara-error` (bubbling out of shadow roots) and returns the error as a RequestError. */
export function announceError(host: EventTarget, error: unknown): RequestError {
  const failure =
    error instanceof RequestError
      ? error
      : new RequestError(error instanceof Error ? error.message : String(error), 'network');
  const detail: ClaraErrorDetail = {
    message: failure.message,
    kind: failure.kind,
    status: failure.status,
    code: failure.code,
  };
  host.dispatchEvent(new CustomEvent('clara-error', { detail, bubbles: true, composed: true }));
  return failure;
}
