import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { Shutdown } from '../../server/cli/shutdown.js';
import { parseConfig } from '../../server/config.js';
import { graceful } from '../../server/http/graceful.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections();
});

/** A server whose requests wait until released. */
async function slowServer() {
  const waiting: (() => void)[] = [];
  const server = createServer((_req, res) => void waiting.push(() => res.writeHead(200).end('done')));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const get = () =>
    new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      })
        .on('error', reject)
        .end();
    });
  const arrived = async (n: number) => {
    while (waiting.length < n) await new Promise((r) => setTimeout(r, 10));
  };
  return { server, get, arrived, release: () => waiting.splice(0).forEach((f) => f()) };
}

describe('graceful HTTP close', () => {
  test('requests in flight finish (told to close their connection); new connections are refused', async () => {
    const slow = await slowServer();
    const http = graceful(slow.server);
    const inFlight = slow.get();
    await slow.arrived(1);
    const closed = http.close(5_000);
    expect(http.closing).toBe(true);
    await expect(slow.get()).rejects.toThrow(/ECONNREFUSED/);
    slow.release();
    expect(await inFlight).toEqual({ status: 200, body: 'done', connection: 'close' });
    expect(await closed).toBe(0);
  });

  test('past the grace period what is left is cut, and close() says how many', async () => {
    const slow = await slowServer();
    const http = graceful(slow.server);
    const stuck = slow.get().catch((e: unknown) => e);
    await slow.arrived(1);
    expect(await http.close(100)).toBe(1);
    expect(await stuck).toBeInstanceOf(Error);
    expect(await http.close(100)).toBe(1);
  });
});

describe('Shutdown', () => {
  const log = pino({ level: 'silent' });

  test('closes the steps in reverse order, once, however often it is asked', async () => {
    const order: string[] = [];
    const shutdown = new Shutdown(log, 5_000, () => undefined);
    shutdown.add('database', async () => void order.push('database'));
    shutdown.add('server', async () => void order.push('server'));
    expect(await Promise.all([shutdown.run('SIGTERM'), shutdown.run('SIGINT')])).toEqual([0, 0]);
    expect(order).toEqual(['server', 'database']);
  });

  test('a failing step is logged and the others still run; exit status 1, never an unhandled rejection', async () => {
    const order: string[] = [];
    const shutdown = new Shutdown(log, 5_000, () => undefined);
    shutdown.add('database', async () => void order.push('database'));
    shutdown.add('server', async () => {
      throw new Error('boom');
    });
    expect(await shutdown.run('SIGTERM')).toBe(1);
    expect(order).toEqual(['database']);
  });

  test('a step that hangs does not hold the exit past the bound', async () => {
    const shutdown = new Shutdown(log, 100, () => undefined);
    shutdown.add('stuck', () => new Promise<void>(() => undefined));
    expect(await shutdown.run('SIGTERM')).toBe(1);
  });

  test('start-up work failing under a shutdown is not reported; after a signal, start-up goes no further', async () => {
    const shutdown = new Shutdown(log, 1_000, () => undefined);
    await expect(shutdown.unlessStopping(Promise.reject(new Error('before any signal')))).rejects.toThrow(
      'before any signal',
    );
    void shutdown.run('SIGTERM');
    const outcome = await Promise.race([
      shutdown.unlessStopping(Promise.reject(new Error('closed under it'))).then(
        () => 'went on',
        () => 'reported',
      ),
      new Promise((r) => setTimeout(() => r('waits'), 100)),
    ]);
    expect(outcome).toBe('waits');
    const after = await Promise.race([
      shutdown.unlessStopping(Promise.resolve(1)).then(() => 'went on'),
      new Promise((r) => setTimeout(() => r('waits'), 100)),
    ]);
    expect(after).toBe('waits');
  });
});

test('CLARA_SHUTDOWN_GRACE: 10 seconds by default, a duration, validated at start', () => {
  expect(parseConfig({}).shutdownGraceMs).toBe(10_000);
  expect(parseConfig({ CLARA_SHUTDOWN_GRACE: '30 seconds' }).shutdownGraceMs).toBe(30_000);
  expect(() => parseConfig({ CLARA_SHUTDOWN_GRACE: 'soon' })).toThrow(/^CLARA_SHUTDOWN_GRACE: /);
});
