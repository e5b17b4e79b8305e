// The webhook sender against local receivers on 127.0.0.1: signatures that verify, retries with
// backoff until a flaky receiver answers, no retry after a refusal, and no secret anywhere.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../server/store/alerts.js';
import { WebhookSender } from '../../server/webhooks/sender.js';
import { droppingListener } from '../support/dropping-listener.js';

const SECRET = 'whsec-test-5f2c';
const TOKEN = 'T0K3N-in-path';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A receiver that answers each request with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body });
      // As a receiver should: recompute the HMAC of the raw body and compare in constant time.
      const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-clara-signature'] ?? ''));
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      const status = valid ? (statuses[received.length - 1] ?? statuses.at(-1)!) : 401;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(valid ? 'ok' : 'bad signature');
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${TOKEN}`, received };
}

function capture() {
  const lines: string[] = [];
  return { log: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }), lines };
}

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
const body = JSON.stringify({ event: 'alert.opened', eventId: 'x/opened', alert: { id: 'x' } });
const signal = () => new AbortController().signal;

describe('alert webhooks', () => {
  it('POSTs the JSON body with a signature the receiver verifies', async () => {
    const { url, received } = await receiver([204]);
    const sender = new WebhookSender({ secret: SECRET, timeoutMs: 2_000, retries: 2, retryDelayMs: 10 }, capture().log);
    const delivery = await sender.deliver(url, body, pending(), signal());
    expect(delivery).toMatchObject({ state: 'DELIVERED', attempts: 1, lastStatus: 204, lastError: null });
    expect(delivery.deliveredAt).toBeInstanceOf(Date);
    expect(received).toHaveLength(1);
    expect(received[0].body).toBe(body);
    expect(received[0].headers).toMatchObject({ 'content-type': 'application/json', 'x-clara-event': 'alert.opened' });
    expect(received[0].body).not.toContain(SECRET);
  });

  it('retries a failing receiver with backoff until it succeeds', async () => {
    const { url, received } = await receiver([503, 500, 200]);
    const sender = new WebhookSender({ secret: SECRET, timeoutMs: 2_000, retries: 4, retryDelayMs: 20 }, capture().log);
    const delivery = await sender.deliver(url, body, pending(), signal());
    expect(delivery).toMatchObject({ state: 'DELIVERED', attempts: 3, lastStatus: 200, lastError: null });
    expect(received.map((r) => r.body)).toEqual([body, body, body]);
  });

  it('gives up after the last retry, and never retries a refusal (4xx)', async () => {
    const flaky = await receiver([503]);
    const { log, lines } = capture();
    const sender = new WebhookSender({ secret: SECRET, timeoutMs: 2_000, retries: 2, retryDelayMs: 5 }, log);
    expect(await sender.deliver(flaky.url, body, pending(), signal())).toMatchObject({
      state: 'FAILED',
      attempts: 3,
      lastStatus: 503,
    });
    expect(flaky.received).toHaveLength(3);

    const refusing = await receiver([400]);
    const refused = await sender.deliver(refusing.url, body, pending(), signal());
    expect(refused).toMatchObject({ state: 'FAILED', attempts: 1, lastStatus: 400 });
    expect(refused.lastError).toBe('HTTP_400: the webhook answered 400');
    expect(lines.join('')).not.toMatch(new RegExp(`${SECRET}|${TOKEN}`));
  });

  it('a wrong secret is refused by the receiver; an unreachable webhook fails without its URL in the error', async () => {
    const { url } = await receiver([200]);
    const { log, lines } = capture();
    const wrong = new WebhookSender({ secret: 'not-the-secret', timeoutMs: 2_000, retries: 0, retryDelayMs: 5 }, log);
    expect(await wrong.deliver(url, body, pending(), signal())).toMatchObject({ state: 'FAILED', lastStatus: 401 });

    const dead = await droppingListener();
    try {
      const down = await wrong.deliver(`${dead.origin}/hooks/${TOKEN}`, body, pending(), signal());
      expect(down).toMatchObject({ state: 'FAILED', attempts: 1, lastStatus: null });
      expect(down.lastError).toBe('UNREACHABLE: could not connect to the webhook');
      expect(dead.dropped()).toBe(1);
      expect(`${down.lastError}${lines.join('')}`).not.toMatch(new RegExp(`${TOKEN}|not-the-secret`));
    } finally {
      await dead.close();
    }
  });

  it('continues an interrupted delivery from its attempt count, and stops when the run is asked to', async () => {
    const { url, received } = await receiver([503]);
    const sender = new WebhookSender({ secret: SECRET, timeoutMs: 2_000, retries: 3, retryDelayMs: 5 }, capture().log);
    const resumed = await sender.deliver(url, body, { ...pending(), attempts: 3 }, signal());
    expect(resumed).toMatchObject({ state: 'FAILED', attempts: 4 });
    expect(received).toHaveLength(1);
    const stop = new AbortController();
    stop.abort();
    expect(await sender.deliver(url, body, pending(), stop.signal)).toMatchObject({ state: 'PENDING', attempts: 0 });
  });
});
