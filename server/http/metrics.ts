// GET /metrics in Prometheus' text format; behind a token when reads are (CLARA_PROTECT_READS).
import type { Telemetry } from '../services/telemetry.js';
import { accessOf, READ_TOKEN_NEEDED, type Tokens } from './access.js';
import type { Route } from './app.js';

export function metricsRoute(telemetry: Telemetry, tokens: Tokens): Route {
  return {
    method: 'GET',
    path: '/metrics',
    handle: async (req, res) => {
      if (tokens.protectReads && accessOf(req, tokens) === 'none') {
        res
          .writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' })
          .end(`${READ_TOKEN_NEEDED}\n`);
        return;
      }
      const body = await telemetry.text();
      res.writeHead(200, { 'content-type': telemetry.contentType, 'cache-control': 'no-store' }).end(body);
    },
  };
}
