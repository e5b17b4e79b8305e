// The HTTP surface: /graphql, /healthz, /readyz, extra routes from other capabilities, the dashboard.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logger.js';
import { hostAllowed } from './access.js';
import { applyCors } from './cors.js';
import { staticFiles } from './static-files.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, params: string[]) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST' | 'ANY';
  /** An exact path, or a pattern whose groups become `params`. */
  path: string | RegExp;
  handle: Handler;
  cors?: boolean;
}

export interface AppOptions {
  routes: Route[];
  staticRoot: string;
  corsOrigins: string[];
  /** Host header names answered (CLARA_ALLOWED_HOSTS); empty: any. */
  allowedHosts: string[];
  log: Logger;
}

/** Liveness and readiness probes come from wherever the orchestrator calls; they reveal nothing. */
const PROBES = new Set(['/healthz', '/readyz']);
const HOST_REFUSED = JSON.stringify({
  errors: [
    {
      message: 'This Host header is not one this server answers (CLARA_ALLOWED_HOSTS).',
      extensions: { code: 'HOST_NOT_ALLOWED' },
    },
  ],
});

function match(route: Route, method: string, pathname: string): string[] | null {
  if (route.method !== 'ANY' && route.method !== method && !(route.method === 'GET' && method === 'HEAD')) return null;
  if (typeof route.path === 'string') return route.path === pathname ? [] : null;
  const found = route.path.exec(pathname);
  return found ? found.slice(1) : null;
}

export function createApp(options: AppOptions): RequestListener {
  const serveStatic = staticFiles(options.staticRoot);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const run = async () => {
      // A page on another site whose DNS name was rebound to this address sends its own name.
      if (!PROBES.has(url.pathname) && !hostAllowed(req, options.allowedHosts)) {
        res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' }).end(HOST_REFUSED);
        return;
      }
      for (const route of options.routes) {
        const params = match(route, req.method ?? 'GET', url.pathname);
        if (!params) continue;
        if (route.cors && applyCors(req, res, options.corsOrigins)) return;
        return route.handle(req, res, url, params);
      }
      if (serveStatic(req, res, url)) return;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    };
    run().catch((error: unknown) => {
      options.log.error({ err: error, path: url.pathname }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        }),
      );
    });
  };
}

/**
 * Requests Node's parser refuses (headers too large, malformed HTTP) get a coded JSON answer like
 * every other refusal, instead of Node's bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      errors: [
        {
          message: tooLarge
            ? 'request headers (or the URL) are too large; send the query in a POST body'
            : 'malformed HTTP request',
          extensions: { code: tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST' },
        },
      ],
    });
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
