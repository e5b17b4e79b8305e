// Sends generated requests in parallel lanes and lists what is wrong with each answer.
import { expect } from 'vitest';
import { within } from './attack.js';
import type { FuzzRequest } from './fuzz-documents.js';

const CODE = /^[A-Z][A-Z0-9_]+$/;

/** What is wrong with one answer, or null; `down`: the database is away, so 503 is a right answer. */
export function problem(status: number, text: string, down: boolean): string | null {
  if (status >= 500 && !(down && status === 503)) return `status ${status}: ${text.slice(0, 500)}`;
  let body: { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `not JSON (status ${status}): ${text.slice(0, 200)}`;
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !CODE.test(code))
      return `an error without a code: ${JSON.stringify(error).slice(0, 500)}`;
    if (code === 'INTERNAL_SERVER_ERROR') return `an internal error: ${JSON.stringify(error).slice(0, 500)}`;
    if (typeof error.message !== 'string' || error.message.length > 501)
      return `a missing or oversized message: ${JSON.stringify(error).slice(0, 300)}`;
  }
  return null;
}

/** Runs every request; checks /healthz every 500 requests; returns the problems found. */
export async function fuzz(
  url: string,
  requests: readonly FuzzRequest[],
  parallel: number,
  down: boolean,
): Promise<{ problems: string[]; healthChecks: number; statuses: Map<number, number> }> {
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let healthChecks = 0;
  const lane = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const found = await fetch(`${url}/graphql${request.search}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(30_000),
      }).then(
        async (res) => {
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          return problem(res.status, await res.text(), down);
        },
        (error: unknown) => `no answer: ${String(error)}`,
      );
      if (found) problems.push(`${request.label.slice(0, 400)}\n  → ${found}`);
      // The process is alive and its event loop free: /healthz keeps answering along the way.
      if (next % 500 === 0) {
        expect((await within(10_000, fetch(`${url}/healthz`))).status).toBe(200);
        healthChecks++;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return { problems, healthChecks, statuses };
}
