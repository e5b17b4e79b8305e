// The WhyLabs edge: the two-step upload whylogs itself performs. POST asks for an upload slot,
// PUT sends the profile file there. Errors carry a short coded message (stored, shown by the API)
// and a redacted detail for the log; nothing here ever puts the API key into either.
import { call, detailOf, failureOf, isRedirect, readCapped } from '../outgoing.js';
import type { Logger } from '../logger.js';

export interface WhyLabsClientOptions {
  apiKey: string;
  orgId: string;
  endpoint: string;
  /** Accept a plain http upload URL from WhyLabs (CLARA_WHYLABS_ALLOW_HTTP, for local test servers). */
  allowHttp: boolean;
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
    /** For the log only (redacted): what the network or WhyLabs said. */
    readonly detail: string = '',
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/** Bytes of a WhyLabs answer read: a slot is small; a refusal is only logged. */
const ANSWER_BYTES = 64 * 1024;

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
        const failure =
          error instanceof UploadError
            ? error
            : new UploadError('WHYLABS_ERROR: the upload failed unexpectedly', false, this.redact(detailOf(error)));
        if (failure.permanent || attempt > this.options.retries) throw failure;
        const delay = this.options.retryDelayMs * 2 ** (attempt - 1);
        this.log.warn(
          { datasetId, attempt, retryInMs: delay, reason: failure.message, detail: failure.detail },
          'WhyLabs upload failed; retrying',
        );
        await sleep(delay);
      }
    }
  }

  private async attempt(datasetId: string, datasetTimestamp: Date, bytes: Uint8Array): Promise<string> {
    const path = `/v0/organizations/${encodeURIComponent(this.options.orgId)}/log/async/${encodeURIComponent(datasetId)}`;
    const slot = await this.request('the upload request', `${this.options.endpoint}${path}`, {
      method: 'POST',
      headers: { 'X-API-Key': this.options.apiKey, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ datasetTimestamp: datasetTimestamp.getTime(), segmentTags: [] }),
    });
    const { id, uploadUrl } = await this.readSlot(slot);
    // The upload URL is pre-signed: its query string is a credential too, so it is never in a message.
    await this.request('the file upload', uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    return id;
  }

  private async readSlot(response: Response): Promise<{ id: string; uploadUrl: string }> {
    let body: unknown;
    try {
      body = JSON.parse(await readCapped(response, ANSWER_BYTES));
    } catch (error) {
      throw new UploadError(
        'WHYLABS_BAD_ANSWER: the answer to the upload request could not be read',
        false,
        this.redact(detailOf(error)),
      );
    }
    const { id, uploadUrl } = (body ?? {}) as { id?: unknown; uploadUrl?: unknown };
    if (typeof uploadUrl !== 'string' || !/^https?:\/\//.test(uploadUrl))
      throw new UploadError('WHYLABS_BAD_ANSWER: WhyLabs answered without an upload URL', true);
    if (uploadUrl.startsWith('http:') && !this.options.allowHttp)
      throw new UploadError(
        'WHYLABS_INSECURE_URL: WhyLabs gave a plain http upload URL (set CLARA_WHYLABS_ALLOW_HTTP=1 to allow it)',
        true,
      );
    return { id: typeof id === 'string' ? id : '', uploadUrl };
  }

  /** One call; `step` names it in messages ("the upload request", "the file upload"). */
  private async request(step: string, url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await call(url, init, this.options.timeoutMs);
    } catch (error) {
      const detail = this.redact(detailOf(error));
      if (failureOf(error) === 'timeout')
        throw new UploadError(
          `WHYLABS_TIMEOUT: no answer to ${step} within ${this.options.timeoutMs} ms`,
          false,
          detail,
        );
      throw new UploadError(`WHYLABS_UNREACHABLE: could not connect for ${step}`, false, detail);
    }
    if (response.ok) return response;
    // WhyLabs' (or a proxy's) answer may echo the request: the log gets it redacted, the message never.
    const detail = this.redact((await readCapped(response, 2048).catch(() => '')).trim());
    if (isRedirect(response.status))
      throw new UploadError(
        `WHYLABS_REDIRECTED: ${step} was answered ${response.status}; redirects are not followed`,
        true,
        detail,
      );
    throw new UploadError(
      `WHYLABS_HTTP_${response.status}: WhyLabs answered ${response.status} to ${step}`,
      !TRANSIENT_STATUS(response.status),
      detail,
    );
  }

  /** Servers may echo request headers in error pages; the key must not travel on from here. */
  private redact(message: string): string {
    return message.split(this.options.apiKey).join('[redacted]');
  }
}
