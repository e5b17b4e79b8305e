// Posts alert notifications to webhooks: signed with HMAC-SHA256 of the exact body, retried with
// exponential backoff on transient failures. Neither the URL (it may embed a token, as Slack's
// do) nor the secret ever reaches a message, a log line or the stored delivery status.
import { createHmac } from 'node:crypto';
import { call, detailOf, failureOf, isRedirect, readCapped } from '../outgoing.js';
import type { Logger } from '../logger.js';
import type { Delivery } from '../store/alerts.js';

export interface WebhookOptions {
  secret: string | null;
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** Delay before the first retry; it doubles with each further one. */
  retryDelayMs: number;
}

export const SIGNATURE_HEADER = 'X-Clara-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as GitHub's X-Hub-Signature-256. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Bytes of a refusing receiver's answer kept for the log. */
const ANSWER_LOGGED = 2048;

const TRANSIENT = (status: number) => status === 408 || status === 429 || status >= 500;

/** Aborts the wait when the run is asked to stop. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class WebhookSender {
  constructor(
    private readonly options: WebhookOptions,
    private readonly log: Logger,
  ) {}

  get maxAttempts(): number {
    return this.options.retries + 1;
  }

  /**
   * Continues `delivery` (attempts may remain from an interrupted run) until it is delivered, a
   * permanent refusal or the last attempt fails, or the run is stopped; returns its new status.
   */
  async deliver(url: string, body: string, delivery: Delivery, signal: AbortSignal): Promise<Delivery> {
    let current = delivery;
    while (current.state === 'PENDING' && !signal.aborted) {
      if (current.attempts > 0) await sleep(this.options.retryDelayMs * 2 ** (current.attempts - 1), signal);
      if (signal.aborted) break;
      const { status, error, permanent } = await this.attempt(url, body, current.event);
      const attempts = current.attempts + 1;
      if (error === null)
        return {
          ...current,
          state: 'DELIVERED',
          attempts,
          lastStatus: status,
          deliveredAt: new Date(),
          lastError: null,
        };
      const state = permanent || attempts >= this.maxAttempts ? 'FAILED' : 'PENDING';
      current = { ...current, state, attempts, lastStatus: status, lastError: this.redact(error, url) };
      this.log.warn(
        {
          webhook: current.webhook,
          target: current.target,
          event: current.event,
          attempts,
          state,
          reason: current.lastError,
        },
        'alert webhook delivery failed',
      );
    }
    return current;
  }

  /** The outcome of one POST; `error` is coded and fit to store, the details go to the log. */
  private async attempt(
    url: string,
    body: string,
    event: string,
  ): Promise<{ status: number | null; error: string | null; permanent: boolean }> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'clara-monitor',
      'x-clara-event': `alert.${event}`,
    };
    if (this.options.secret) headers[SIGNATURE_HEADER] = signBody(this.options.secret, body);
    let response: Response;
    let answer = '';
    try {
      response = await call(url, { method: 'POST', headers, body }, this.options.timeoutMs);
      answer = response.ok ? '' : (await readCapped(response, ANSWER_LOGGED)).trim();
    } catch (error) {
      this.log.debug({ event, reason: this.redact(detailOf(error), url) }, 'alert webhook call failed');
      return failureOf(error) === 'timeout'
        ? { status: null, error: `TIMEOUT: no answer within ${this.options.timeoutMs} ms`, permanent: false }
        : { status: null, error: 'UNREACHABLE: could not connect to the webhook', permanent: false };
    }
    if (response.ok) return { status: response.status, error: null, permanent: false };
    // The receiver's own words may echo what it was sent; they are logged, never stored.
    if (answer)
      this.log.debug({ event, status: response.status, answer: this.redact(answer, url) }, 'alert webhook answer');
    if (isRedirect(response.status))
      return {
        status: response.status,
        error: `REDIRECTED: the webhook answered ${response.status}; redirects are not followed`,
        permanent: true,
      };
    return {
      status: response.status,
      error: `HTTP_${response.status}: the webhook answered ${response.status}`,
      permanent: !TRANSIENT(response.status),
    };
  }

  private redact(message: string, url: string): string {
    let safe = message.split(url).join('[webhook]');
    if (this.options.secret) safe = safe.split(this.options.secret).join('[redacted]');
    return safe;
  }
}
