// Calls this service makes to others (WhyLabs, webhooks): never followed across a redirect (the
// credentials in headers and URLs would travel with it), always bounded in time, answers read
// only as far as a short excerpt for the log.

export type CallFailure = 'timeout' | 'unreachable';

/** POST/PUT with redirects answered as they are (3xx) and a deadline that also covers the body. */
export function call(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
}

export const isRedirect = (status: number) => status >= 300 && status < 400;

export function failureOf(error: unknown): CallFailure {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    ? 'timeout'
    : 'unreachable';
}

/** What went wrong, for the log only: the error and its cause. */
export function detailOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

/** At most `max` bytes of an answer's body as text; the rest is never read (an answer may be any size). */
export async function readCapped(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
