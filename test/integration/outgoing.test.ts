// Outgoing calls against local servers: no redirect is followed (so no key or signed body travels
// on), answers are read only as far as a short excerpt, every call ends within its timeout, and
// what gets stored is short and coded.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import type { Delivery } from '../../server/store/alerts.js';
import { WebhookSender } from '../../server/webhooks/sender.js';
import { UploadError, WhyLabsClient } from '../../server/whylabs/client.js';
import { within } from '../support/attack.js';

const KEY = 'wl-key-0123456789abcdef';
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) s.closeAllConnections();
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

async function serve(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => handle(req, res));
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function capture() {
  const lines: string[] = [];
  return { log: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }), lines };
}

const whylabs = (endpoint: string, log = capture().log, allowHttp = true) =>
  new WhyLabsClient(
    { apiKey: KEY, orgId: 'org-1', endpoint, allowHttp, timeoutMs: 500, retries: 0, retryDelayMs: 1 },
    log,
  );

async function uploadError(client: WhyLabsClient): Promise<UploadError> {
  const error = await client.upload('model-0', new Date('2026-01-01T00:00:00Z'), new Uint8Array([1, 2, 3])).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadError);
  return error as UploadError;
}

describe('WhyLabs client', () => {
  test('a redirect is not followed: the key never reaches the other host', async () => {
    const elsewhere = await serve((_req, res) => res.writeHead(200).end('{}'));
    const api = await serve((_req, res) => res.writeHead(307, { location: `${elsewhere.url}/steal` }).end());
    const error = await uploadError(whylabs(api.url));
    expect(error).toMatchObject({
      permanent: true,
      message: 'WHYLABS_REDIRECTED: the upload request was answered 307; redirects are not followed',
    });
    expect(api.seen).toHaveLength(1);
    expect(elsewhere.seen).toHaveLength(0);
  });

  test('a plain http upload URL is refused unless http is allowed', async () => {
    const api = await serve((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: 'u1', uploadUrl: 'http://127.0.0.1:9/put?sig=abc' })),
    );
    expect(await uploadError(whylabs(api.url, undefined, false))).toMatchObject({
      permanent: true,
      message: expect.stringMatching(/^WHYLABS_INSECURE_URL: /),
    });
  });

  test("a refusal's body (echoing the key, naming hosts) is logged redacted and never in the message", async () => {
    const api = await serve((_req, res) => res.writeHead(403).end(`forbidden for ${KEY} at db-7.internal:5432`));
    const { log, lines } = capture();
    const error = await uploadError(whylabs(api.url, log));
    expect(error.message).toBe('WHYLABS_HTTP_403: WhyLabs answered 403 to the upload request');
    expect(error.detail).toContain('db-7.internal');
    expect(error.detail).not.toContain(KEY);
    expect(lines.join('')).not.toContain(KEY);
  });

  test('an answer that never ends is cut by the timeout', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id": "u1", ');
    });
    const error = await within(5_000, uploadError(whylabs(api.url)));
    expect(error.message).toMatch(/^WHYLABS_(BAD_ANSWER|TIMEOUT): /);
  });
});

describe('webhook sender', () => {
  const pending = (): Delivery => ({
    webhook: 0,
    target: 'http://127.0.0.1',
    event: 'opened',
    state: 'PENDING',
    attempts: 0,
    lastStatus: null,
    deliveredAt: null,
    lastError: null,
  });
  const sender = (log = capture().log) =>
    new WebhookSender({ secret: 'whsec-0123456789', timeoutMs: 500, retries: 2, retryDelayMs: 1 }, log);
  const signal = () => new AbortController().signal;

  test('a redirect is not followed and not retried', async () => {
    const elsewhere = await serve((_req, res) => res.writeHead(204).end());
    const hook = await serve((_req, res) => res.writeHead(302, { location: `${elsewhere.url}/collect` }).end());
    const delivery = await sender().deliver(`${hook.url}/hooks/secret-path`, '{}', pending(), signal());
    expect(delivery).toMatchObject({
      state: 'FAILED',
      attempts: 1,
      lastStatus: 302,
      lastError: 'REDIRECTED: the webhook answered 302; redirects are not followed',
    });
    expect(elsewhere.seen).toHaveLength(0);
  });

  test("a huge refusal is read only as far as the log's excerpt; its text is never stored", async () => {
    const hook = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`upstream db-7.internal:5432 failed ${'x'.repeat(8 * 1024 * 1024)}`);
    });
    const { log, lines } = capture();
    const delivery = await within(
      10_000,
      sender(log).deliver(`${hook.url}/hooks/secret-path`, '{}', pending(), signal()),
    );
    expect(delivery).toMatchObject({
      state: 'FAILED',
      attempts: 3,
      lastStatus: 500,
      lastError: 'HTTP_500: the webhook answered 500',
    });
    expect(lines.join('').length).toBeLessThan(64 * 1024);
    expect(lines.join('')).not.toContain('secret-path');
  });

  test('a receiver that trickles its answer is cut by the timeout', async () => {
    const hook = await serve((_req, res) => {
      res.writeHead(400);
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const delivery = await within(5_000, sender().deliver(`${hook.url}/h`, '{}', pending(), signal()));
    expect(delivery).toMatchObject({ state: 'FAILED', attempts: 3, lastError: 'TIMEOUT: no answer within 500 ms' });
  });
});
