// Sends a hostile request while watching /healthz: both must answer within a generous bound.
import { request } from 'node:http';
import { expect } from 'vitest';

/** Fails the test when `work` has not settled within `ms`. */
export async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `attack`, polling /healthz meanwhile; every poll must be answered 200 within the bound. */
export async function whileHealthy<T>(url: string, attack: () => Promise<T>, boundMs = 10_000): Promise<T> {
  let done = false;
  const polls: Promise<number>[] = [];
  const poller = (async () => {
    while (!done) {
      polls.push(
        within(
          boundMs,
          fetch(`${url}/healthz`).then((r) => r.status),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    return await within(boundMs, attack());
  } finally {
    done = true;
    await poller;
    expect(await Promise.all(polls)).toEqual(polls.map(() => 200));
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with headers fetch will not send as given (Host), or a path it would normalise. */
export function rawRequest(
  url: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs any JSON body (a batch, say) to /graphql. */
export async function postJson(
  url: string,
  body: unknown,
  token?: string,
): Promise<{
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}
