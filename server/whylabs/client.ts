// The WhyLabs edge: the two-step upload whylogs itself performs. POST asks for an upload slot,
// PUT sends the profile file there. Nothing here ever puts the API key into a message.
import type { Logger } from '../logger.js';

export interface WhyLabsClientOptions {
  apiKey: string;
  orgId: string;
  endpoint: string;
  timeoutMs: number;
  /** Retries after the first attempt, for transient failures only. */
  retries: number;
  /** Delay before the first retry; it doubles for each further one. */
  retryDelayMs: number;
}

/** `permanent`: retrying cannot help (bad key, unknown org or dataset, a request WhyLabs rejects). */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

const TRANSIENT_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class WhyLabsClient {
  constructor(
    private readonly options: WhyLabsClientOptions,
    private readonly log: Logger,
  ) {}

  /** The longest an upload() can take, retries included (for claims that must outlive it). */
  get maxDurationMs(): number {
    const { timeoutMs, retries, retryDelayMs } = this.options;
    return (retries + 1) * 3 * timeoutMs + retryDelayMs * (2 ** retries - 1);
  }

  /** Uploads one profile file; returns WhyLabs' id of the upload. Throws UploadError. */
  async upload(datasetId: string, datasetTimestamp: Date, bytes: Uint8Array): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(datasetId, datasetTimestamp, bytes);
      } catch (error) {
        const failure = error instanceof UploadError ? error : new UploadError(this.redact(String(error)), false);
        if (failure.permanent || attempt > this.options.retries) throw failure;
        const delay = this.options.retryDelayMs * 2 ** (attempt - 1);
        this.log.warn({ datasetId, attempt, retryInMs: delay, reason: failure.message }, 'WhyLabs upload failed; retrying');
        await sleep(delay);
      }
    }
  }

  private async attempt(datasetId: string, datasetTimestamp: Date, bytes: Uint8Array): Promise<string> {
    const path = `/v0/organizations/${encodeURIComponent(this.options.orgId)}/log/async/${encodeURIComponent(datasetId)}`;
    const slot = await this.request(`POST ${path}`, `${this.options.endpoint}${path}`, {
      method: 'POST',
      headers: { 'X-API-Key': this.options.apiKey, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ datasetTimestamp: datasetTimestamp.getTime(), segmentTags: [] }),
    });
    const { id, uploadUrl } = await this.readSlot(`POST ${path}`, slot);
    const target = new URL(uploadUrl);
    // The upload URL is pre-signed: its query string is a credential too, so messages name only its path.
    await this.request(`PUT ${target.origin}${target.pathname}`, uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    return id;
  }

  private async readSlot(label: string, response: Response): Promise<{ id: string; uploadUrl: string }> {
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new UploadError(`${label}: the answer could not be read (${this.describe(error)})`, false);
    }
    const { id, uploadUrl } = (body ?? {}) as { id?: unknown; uploadUrl?: unknown };
    if (typeof uploadUrl !== 'string' || !/^https?:\/\//.test(uploadUrl)) throw new UploadError(`${label}: WhyLabs answered without an upload URL`, true);
    return { id: typeof id === 'string' ? id : '', uploadUrl };
  }

  private async request(label: string, url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      throw new UploadError(`${label}: ${this.describe(error)}`, false);
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    const detail = text.trim() ? `: ${text.trim().slice(0, 200)}` : '';
    throw new UploadError(this.redact(`${label}: WhyLabs answered ${response.status} ${response.statusText}${detail}`), !TRANSIENT_STATUS(response.status));
  }

  private describe(error: unknown): string {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${this.options.timeoutMs} ms`;
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return this.redact(`network error: ${error instanceof Error ? error.message : String(error)}${cause}`);
  }

  /** Servers may echo request headers in error pages; the key must not travel on from here. */
  private redact(message: string): string {
    return message.split(this.options.apiKey).join('[redacted]');
  }
}
