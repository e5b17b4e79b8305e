// The GraphQL IDE page, built with the dashboard (dashboard/dist/playground.html): served at
// /playground, and at /graphql to browsers, while API clients keep Apollo's JSON GET and POST.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Handler } from './app.js';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>clara-monitor playground</title></head>
<body><h1>GraphQL playground</h1><p>The playground is built with the dashboard: run <code>npm run build</code>.
The API answers POST requests with a JSON body at <code>/graphql</code>.</p></body></html>`;

/** A browser navigating to the URL: asks for HTML and carries no operation in the query string. */
export function wantsPage(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (url.searchParams.has('query')) return false;
  return (req.headers.accept ?? '').split(',').some((type) => type.trim().startsWith('text/html'));
}

export function playgroundPage(staticRoot: string): Handler {
  const file = join(staticRoot, 'playground.html');
  return async (req, res) => {
    const page = await readFile(file, 'utf8').catch(() => null);
    res.writeHead(page === null ? 503 : 200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : (page ?? NOT_BUILT));
  };
}

/** The API handler, except for browsers navigating to it, who get the playground. */
export function withPlayground(api: Handler, page: Handler): Handler {
  return (req, res, url, params) => (wantsPage(req, url) ? page(req, res, url, params) : api(req, res, url, params));
}
