// Serves the built dashboard: hashed assets are immutable, the HTML is always revalidated.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>clara-monitor</title></head>
<body><h1>clara-monitor</h1><p>The dashboard is not built yet: run <code>npm run build</code>. The GraphQL API is at <a href="/graphql">/graphql</a>.</p></body></html>`;

export function staticFiles(root: string) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      // A malformed %-escape is the client's mistake, not a server fault.
      res
        .writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
        .end('bad request: malformed %-escape in the path');
      return true;
    }
    const path = normalize(join(root, relative));
    if (!path.startsWith(root + sep)) return false;
    if (!existsSync(path) || !statSync(path).isFile()) {
      if (relative !== '/index.html') return false;
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
      res.end(PLACEHOLDER);
      return true;
    }
    const immutable = relative.startsWith('/assets/');
    const type = extname(path);
    res.writeHead(200, {
      'content-type': TYPES[type] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      // Other sites load embed.js and its chunks as module scripts, which browsers fetch with CORS.
      ...(type === '.js' ? { 'access-control-allow-origin': '*' } : {}),
    });
    if (req.method === 'HEAD') return (void res.end(), true);
    // A file that vanishes or fails mid-read ends this response, never the process.
    const stream = createReadStream(path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
    return true;
  };
}
